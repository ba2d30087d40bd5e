#include "SvgChart.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "HtmlText.hpp"

namespace salvo::html {
namespace {

// The drawing area in viewBox units; the SVG scales to the page's width.
constexpr double kWidth = 760, kHeight = 300;
constexpr double kLeft = 64, kRight = 30, kTop = 12, kBottom = 44;
constexpr double kPlotWidth = kWidth - kLeft - kRight, kPlotHeight = kHeight - kTop - kBottom;
constexpr std::size_t kMaxPoints = 700;     // about one per pixel column of the plot
constexpr std::size_t kMaxMarkers = 120;    // points with a hover text (and a dot) per series

struct Range {
    double low = 0, high = 1, step = 0.2;
};

// A tick step of 1, 2 or 5 times a power of ten giving about `ticks` intervals over `span`.
double niceStep(double span, int ticks) {
    if (!(span > 0) || !std::isfinite(span)) return 1;
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * power) return m * power;
    return 10 * power;
}

// Zero to a rounded-up maximum: latencies and rates are compared against nothing at all.
Range linearRange(double max, int ticks) {
    if (!(max > 0) || !std::isfinite(max)) max = 1;
    Range r;
    r.step = niceStep(max, ticks);
    r.high = std::ceil(max / r.step - 1e-9) * r.step;
    return r;
}

// Whole nines: at least 90%, so one run's few values still get an axis.
Range ninesRange(double max) {
    Range r;
    r.step = 1;
    r.high = std::clamp(std::ceil(std::isfinite(max) ? max - 1e-9 : 1), 1.0, 9.0);
    return r;
}

int tickCount(const Range& r) {
    return std::clamp(static_cast<int>(std::lround((r.high - r.low) / r.step)), 1, 50);
}

int decimalsFor(double step) {
    if (step >= 1) return 0;
    return std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 1, 6);
}

struct Frame {
    Range x, y;
    double sx(double v) const { return kLeft + (v - x.low) / (x.high - x.low) * kPlotWidth; }
    double sy(double v) const {
        const double clamped = std::clamp(v, y.low, y.high);
        return kTop + kPlotHeight - (clamped - y.low) / (y.high - y.low) * kPlotHeight;
    }
};

Frame frameFor(const Chart& chart) {
    double xMax = 0, yMax = 0;
    for (const auto& s : chart.series)
        for (const auto& p : s.points) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
            xMax = std::max(xMax, p.x);
            yMax = std::max(yMax, p.y);
        }
    Frame f;
    if (chart.xAxis == ChartAxis::nines) {
        f.x = ninesRange(xMax);
    } else {  // whole seconds: a point stands in the middle of its second, the axis ends with it
        f.x = linearRange(std::ceil(xMax), 8);
        f.x.step = std::max(f.x.step, 1.0);
        f.x.high = std::max(f.x.high, f.x.step);
    }
    f.y = linearRange(yMax * 1.05, 5);  // a little headroom so the top line is not on the frame
    return f;
}

// The highest value in each of at most kMaxPoints runs of consecutive points; a gap anywhere in
// a run makes the run's point a gap only when the run has no value at all.
std::vector<ChartPoint> thinned(const std::vector<ChartPoint>& points) {
    if (points.size() <= kMaxPoints) return points;
    const std::size_t per = (points.size() + kMaxPoints - 1) / kMaxPoints;
    std::vector<ChartPoint> out;
    for (std::size_t i = 0; i < points.size(); i += per) {
        ChartPoint best{points[i].x, NAN};
        for (std::size_t j = i; j < std::min(points.size(), i + per); ++j)
            if (std::isfinite(points[j].y) && !(points[j].y <= best.y)) best.y = points[j].y;
        out.push_back(best);
    }
    return out;
}

// Appended rather than "literal" + string: GCC 12 misreports that form (-Wrestrict, PR 105329).
std::string xText(ChartAxis axis, double x) {
    std::string text;
    if (axis == ChartAxis::seconds) {
        const double second = std::floor(x);
        text.append("from ").append(number(second, 0)).append(" s to ").append(number(second + 1, 0)).append(" s");
    } else {
        text.append("p").append(number(100 * (1 - std::pow(10.0, -x)), std::clamp(static_cast<int>(x) - 1, 0, 6)));
    }
    return text;
}

void writeAxes(const Chart& chart, const Frame& f, std::ostream& out) {
    out << "<g class=\"axis\">";
    const int yDecimals = decimalsFor(f.y.step);
    for (int k = 0; k <= tickCount(f.y); ++k) {
        const double v = f.y.low + k * f.y.step;
        const std::string y = coord(f.sy(v));
        out << "<line class=\"grid\" x1=\"" << coord(kLeft) << "\" x2=\"" << coord(kLeft + kPlotWidth)
            << "\" y1=\"" << y << "\" y2=\"" << y << "\"/><text class=\"tick\" x=\"" << coord(kLeft - 6)
            << "\" y=\"" << y << "\" dy=\"0.32em\" text-anchor=\"end\">" << number(v, yDecimals) << "</text>";
    }
    const int xDecimals = decimalsFor(f.x.step);
    for (int k = 0; k <= tickCount(f.x); ++k) {
        const double v = f.x.low + k * f.x.step;
        const std::string x = coord(f.sx(v));
        const std::string label = chart.xAxis == ChartAxis::nines ? escape(ninesLabel(static_cast<int>(std::lround(v))))
                                                                  : number(v, xDecimals);
        out << "<line class=\"grid\" x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << coord(kTop) << "\" y2=\""
            << coord(kTop + kPlotHeight + 4) << "\"/><text class=\"tick\" x=\"" << x << "\" y=\""
            << coord(kTop + kPlotHeight + 16) << "\" text-anchor=\"middle\">" << label << "</text>";
    }
    out << "<rect class=\"frame\" x=\"" << coord(kLeft) << "\" y=\"" << coord(kTop) << "\" width=\""
        << coord(kPlotWidth) << "\" height=\"" << coord(kPlotHeight) << "\"/>"
        << "<text class=\"label\" x=\"" << coord(kLeft + kPlotWidth / 2) << "\" y=\"" << coord(kHeight - 6)
        << "\" text-anchor=\"middle\">" << escape(chart.xLabel) << "</text>"
        << "<text class=\"label\" transform=\"translate(14 " << coord(kTop + kPlotHeight / 2)
        << ") rotate(-90)\" text-anchor=\"middle\">" << escape(chart.yLabel) << "</text></g>";
}

// The line as one path: "M" starts each stretch between gaps. A stretch of a single point
// (a one-second run, a second between two gaps) has no length, so it gets a dot instead.
void writeLine(const ChartSeries& s, const std::vector<ChartPoint>& points, const Frame& f, std::ostream& out) {
    std::ostringstream d, dots;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(points[i].y) || !std::isfinite(points[i].x)) continue;
        const bool joinsPrevious = i > 0 && std::isfinite(points[i - 1].y);
        const bool joinsNext = i + 1 < points.size() && std::isfinite(points[i + 1].y);
        const std::string x = coord(f.sx(points[i].x)), y = coord(f.sy(points[i].y));
        d << (joinsPrevious ? "L" : "M") << x << ' ' << y;
        if (!joinsPrevious && !joinsNext)
            dots << "<circle class=\"dot s" << s.colour << "\" cx=\"" << x << "\" cy=\"" << y << "\" r=\"3.5\"/>";
    }
    if (!d.str().empty())
        out << "<path class=\"line s" << s.colour << (s.dashed ? " dashed" : "") << "\" d=\"" << d.str() << "\"/>";
    out << dots.str();
}

// Small circles carrying a hover text each, for series short enough that this stays cheap.
void writeMarkers(const Chart& chart, const ChartSeries& s, const std::vector<ChartPoint>& points,
                  const Frame& f, std::ostream& out) {
    if (points.size() > kMaxMarkers || chart.xAxis == ChartAxis::nines) return;
    for (const auto& p : points) {
        if (!std::isfinite(p.y) || !std::isfinite(p.x)) continue;
        out << "<circle class=\"marker s" << s.colour << "\" cx=\"" << coord(f.sx(p.x)) << "\" cy=\""
            << coord(f.sy(p.y)) << "\" r=\"5\"><title>" << escape(s.name) << ": " << number(p.y, 3) << ' '
            << escape(chart.yUnit) << " at " << xText(chart.xAxis, p.x) << "</title></circle>";
    }
}

// The legend is HTML beside the drawing, so long run names wrap instead of running off it.
void writeLegend(const Chart& chart, std::ostream& out) {
    out << "<figcaption><ul class=\"legend\">";
    for (const auto& s : chart.series)
        out << "<li><span class=\"sw s" << s.colour << (s.dashed ? " dashed" : "") << "\"></span>"
            << escape(s.name) << "</li>";
    out << "</ul></figcaption>";
}

bool hasPoints(const Chart& chart) {
    for (const auto& s : chart.series)
        for (const auto& p : s.points)
            if (std::isfinite(p.x) && std::isfinite(p.y)) return true;
    return false;
}

}  // namespace

std::string ninesLabel(int nines) {
    if (nines <= 0) return "0%";
    if (nines == 1) return "90%";
    std::string label = "99";
    if (nines > 2) label.append(".").append(static_cast<std::size_t>(nines - 2), '9');
    return label.append("%");
}

std::string svgChart(const Chart& chart) {
    const Frame f = frameFor(chart);
    std::ostringstream out;
    const std::string id = escape(chart.id);
    out << "<figure class=\"chart\"><svg viewBox=\"0 0 " << coord(kWidth) << ' ' << coord(kHeight)
        << "\" role=\"img\" aria-labelledby=\"" << id << "-t " << id << "-d\"><title id=\"" << id << "-t\">"
        << escape(chart.title) << "</title><desc id=\"" << id << "-d\">" << escape(chart.summary) << "</desc>";
    writeAxes(chart, f, out);
    out << "<g class=\"series\">";
    for (const auto& s : chart.series) {
        const auto points = thinned(s.points);
        writeLine(s, points, f, out);
        writeMarkers(chart, s, points, f, out);
    }
    out << "</g>";
    if (!hasPoints(chart))
        out << "<text class=\"empty\" x=\"" << coord(kLeft + kPlotWidth / 2) << "\" y=\""
            << coord(kTop + kPlotHeight / 2) << "\" text-anchor=\"middle\">" << escape(chart.emptyText) << "</text>";
    out << "</svg>";
    writeLegend(chart, out);
    out << "</figure>";
    return out.str();
}

}  // namespace salvo::html
