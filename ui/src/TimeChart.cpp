#include "TimeChart.hpp"

#include <algorithm>
#include <cmath>

#include "ChartAxes.hpp"

namespace salvo::ui {
namespace {

// QCustomPlot clips a graph to its axes; a marker on the plot's edge (a one-second run's only
// point) would show by half. Values never leave the axes (they are fitted to the highest), so
// only markers use the room around it.
class MarkedGraph : public QCPGraph {
  public:
    using QCPGraph::QCPGraph;

  protected:
    QRect clipRect() const override {
        const int r = DashboardChart::kHoverSlack;
        return QCPGraph::clipRect().adjusted(-r, -r, r, r);
    }
};

}  // namespace

TimeChart::TimeChart(const QString& accessibleName, const QString& valueTitle, QWidget* parent)
    : DashboardChart(accessibleName, true, parent) {
    xAxis->setLabel(tr("time (s)"));
    yAxis->setLabel(valueTitle);
    fitAxes(0, false);
}

QCPGraph* TimeChart::addLine(const QString& name) {
    QCPGraph* graph = addMarkedGraph();
    graph->setName(name);
    lines_.push_back({graph, graph->pen()});
    fitLook(lines_.back());
    return graph;
}

QCPGraph* TimeChart::addMarkedGraph() {
    return new MarkedGraph(xAxis, yAxis);  // the plot takes it
}

TimeChart::Line& TimeChart::lineOf(const QCPGraph* graph) {
    return *std::find_if(lines_.begin(), lines_.end(),
                         [graph](const Line& l) { return l.graph == graph; });
}

void TimeChart::append(QCPGraph* line, const QVector<double>& keys, const QVector<double>& values) {
    if (keys.isEmpty()) return;
    line->addData(keys, values, true);  // keys after the last: appended, not re-sorted
    fitLook(lineOf(line));
}

void TimeChart::replace(QCPGraph* line, const QVector<double>& keys,
                        const QVector<double>& values) {
    line->setData(keys, values, true);
    fitLook(lineOf(line));
}

void TimeChart::setLinePen(QCPGraph* line, const QPen& pen) {
    Line& l = lineOf(line);
    l.pen = pen;
    l.graph->setPen(QPen());  // fitLook() sets the pen drawn
    fitLook(l);
}

void TimeChart::fitLook(Line& line) {
    const int n = line.graph->dataCount();
    QPen pen = line.pen;
    if (n > kThinAbove) pen.setWidthF(std::min(pen.widthF(), 1.0));
    if (line.graph->pen() != pen) line.graph->setPen(pen);
    const bool few = n <= kMarkersUpTo;
    if ((line.graph->scatterStyle().shape() != QCPScatterStyle::ssNone) != few)
        line.graph->setScatterStyle(few ? QCPScatterStyle(QCPScatterStyle::ssDisc, 5)
                                        : QCPScatterStyle());
}

int TimeChart::seconds() const {
    return lines_.empty() ? 0 : lines_.front().graph->dataCount();
}

QString TimeChart::hoverText(double key) const {
    const int n = seconds();
    if (n == 0) return {};
    const auto nearest = static_cast<int>(std::lround(key)) - 1;  // second i is at x = i + 1
    return secondTip(std::clamp(nearest, 0, n - 1));
}

void TimeChart::fitAxes(std::size_t seconds, bool running) {
    fittedToEnd_ = !running;
    axes::fitTime(xAxis, static_cast<double>(seconds), running);
    // A little room above the highest point, so a flat line at the top is not drawn on the frame.
    axes::fitValues(yAxis, top_ * 1.05, wholeValues_);
    xAxis2->setRange(xAxis->range());
    yAxis2->setRange(yAxis->range());
}

void TimeChart::clearLines() {
    for (Line& line : lines_) {
        line.graph->data()->clear();
        fitLook(line);
    }
    top_ = 0;
    fitAxes(0, true);
}

}  // namespace salvo::ui
