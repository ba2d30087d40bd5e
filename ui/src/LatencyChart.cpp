#include "LatencyChart.hpp"

#include <QPen>
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
                            {s.serviceP50, s.serviceP90, s.serviceP99, s.serviceMax},
                            s.responses > 0});
    }
    appendFrom(from, false);
    fitAxes(seconds_.size(), !r.done());
    summarise();
    redrawSoon();
}

const LatencyChart::Figures& LatencyChart::figuresOf(std::size_t second) const {
    return service_ ? seconds_[second].service : seconds_[second].latency;
}

// The seconds from `from` on, appended; or, after a switch, every second anew.
void LatencyChart::appendFrom(std::size_t from, bool replacing) {
    const auto n = static_cast<qsizetype>(seconds_.size() - from);
    QVector<double> keys;
    keys.reserve(n);
    for (std::size_t i = from; i < seconds_.size(); ++i) keys.append(xOf(i));
    for (int f = 0; f < 4; ++f) {
        QVector<double> values;
        values.reserve(n);
        for (std::size_t i = from; i < seconds_.size(); ++i) {
            // No response, no latency: a gap in the lines (QCustomPlot breaks them at NaN),
            // never a fall to 0 ms that would read as a fast server.
            if (!seconds_[i].answered) {
                values.append(qQNaN());
                continue;
            }
            values.append(ms(figuresOf(i)[f]));
            top_ = std::max(top_, values.back());
        }
        if (replacing)
            replace(lines_[f], keys, values);
        else
            append(lines_[f], keys, values);
    }
}

void LatencyChart::setServiceTime(bool on) {
    if (on == service_) return;
    service_ = on;
    yAxis->setLabel(on ? tr("service time (ms)") : tr("latency (ms)"));
    top_ = 0;
    appendFrom(0, true);
    fitAxes(seconds_.size(), !fittedToEnd());
    summarise();
    redrawSoon();
}

void LatencyChart::summarise() {
    if (seconds_.empty()) return describe(tr("No seconds completed yet."));
    describe(tr("After %1.").arg(figuresText(seconds_.size() - 1)));
}

void LatencyChart::clear() {
    seconds_.clear();
    clearLines();
    describe(tr("No run yet."));
    redrawSoon();
}

void LatencyChart::recolour(const QPalette& p) {
    for (int i = 0; i < 4; ++i) setLinePen(lines_[i], QPen(colors::series(p, i), i == 3 ? 1.5 : 2));
}

QString LatencyChart::secondTip(int index) const {
    return figuresText(static_cast<std::size_t>(index));
}

QString LatencyChart::figuresText(std::size_t i) const {
    if (!seconds_[i].answered)
        return tr("%1 s: no responses, so no latency (nothing completed, or only errors)").arg(number(xOf(i)));
    const Figures& f = figuresOf(i);
    return tr("%1 s: %2 p50 %3 ms, p90 %4 ms, p99 %5 ms, max %6 ms")
        .arg(number(xOf(i)), service_ ? tr("service time") : tr("latency"), number(ms(f[0])),
             number(ms(f[1])), number(ms(f[2])), number(ms(f[3])));
}

}  // namespace salvo::ui
