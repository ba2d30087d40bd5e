#include "LatencyChart.hpp"

#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <algorithm>

#include "Colors.hpp"

namespace salvo::ui {
namespace {

const char* const kNames[] = {"p50", "p90", "p99", "max"};
double ms(std::uint64_t nanos) {
    return static_cast<double>(nanos) / 1e6;
}

}  // namespace

LatencyChart::LatencyChart(QWidget* parent)
    : TimeChart(tr("Latency chart"), tr("latency (ms)"), parent) {
    for (int i = 0; i < 4; ++i) lines_[i] = addLine(QString::fromLatin1(kNames[i]));
    restyle();
    clear();
}

void LatencyChart::show(const RunResult& r) {
    const std::size_t from = seconds_.size();
    if (r.timeline.size() == from && r.done() == fittedToEnd()) return;
    for (std::size_t i = from; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        seconds_.push_back({{s.latencyP50, s.latencyP90, s.latencyP99, s.latencyMax},
                            {s.serviceP50, s.serviceP90, s.serviceP99, s.serviceMax}});
    }
    for (int f = 0; f < 4; ++f) lines_[f]->append(pointsOf(from, f));
    fitAxes(seconds_.size(), !r.done());
    summarise();
}

QList<QPointF> LatencyChart::pointsOf(std::size_t from, int figure) {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(seconds_.size() - from));
    for (std::size_t i = from; i < seconds_.size(); ++i) {
        const Figures& f = service_ ? seconds_[i].service : seconds_[i].latency;
        points.append({xOf(i), ms(f[figure])});
        top_ = std::max(top_, ms(f[figure]));
    }
    return points;
}

void LatencyChart::setServiceTime(bool on) {
    if (on == service_) return;
    service_ = on;
    valueAxis()->setTitleText(on ? tr("service time (ms)") : tr("latency (ms)"));
    redraw();
}

// A switch redraws every point once; only then is the whole series replaced.
void LatencyChart::redraw() {
    top_ = 0;
    for (int f = 0; f < 4; ++f) lines_[f]->replace(pointsOf(0, f));
    fitAxes(seconds_.size(), !fittedToEnd());
    summarise();
}

void LatencyChart::summarise() {
    if (seconds_.empty()) return describe(tr("No seconds completed yet."));
    const Figures& f = service_ ? seconds_.back().service : seconds_.back().latency;
    describe(tr("After %1 s: %2 p50 %3 ms, p90 %4 ms, p99 %5 ms, max %6 ms.")
                 .arg(number(xOf(seconds_.size() - 1)),
                      service_ ? tr("service time") : tr("latency"), number(ms(f[0])),
                      number(ms(f[1])), number(ms(f[2])), number(ms(f[3]))));
}

void LatencyChart::clear() {
    seconds_.clear();
    clearLines();
    describe(tr("No run yet."));
}

void LatencyChart::recolour(const QPalette& p) {
    for (int i = 0; i < 4; ++i) lines_[i]->setPen(QPen(colors::series(p, i), i == 3 ? 1.5 : 2));
}

QString LatencyChart::lineTip(const TimeLine* line, int index) const {
    const QPointF p = line->at(index);
    return tr("%1 s: %2 %3 ms").arg(number(p.x()), line->name(), number(p.y()));
}

}  // namespace salvo::ui
