#include "CompareLatencyChart.hpp"

#include <QStringList>
#include <algorithm>
#include <cmath>

#include "CompareRuns.hpp"

namespace salvo::ui {
namespace {

double ms(std::uint64_t nanos) {
    return static_cast<double>(nanos) / 1e6;
}

}  // namespace

CompareLatencyChart::CompareLatencyChart(QWidget* parent)
    : TimeChart(tr("Latency over time of the compared runs"), tr("p99 latency (ms)"), parent) {
    restyle();
    redraw();
}

QString CompareLatencyChart::figureName(int figure) {
    static const char* const kNames[] = {"p50", "p90", "p99", "max"};
    return QString::fromLatin1(kNames[std::clamp(figure, 0, 3)]);
}

void CompareLatencyChart::show(const std::vector<RunRecord>& runs) {
    runs_.clear();
    for (const RunRecord& record : runs) {
        Run run;
        for (const SecondStats& s : record.result.timeline) {
            run.seconds.push_back({s.latencyP50, s.latencyP90, s.latencyP99, s.latencyMax});
            run.answered.push_back(s.responses > 0);
        }
        runs_.push_back(std::move(run));
    }
    ensureLines(runs_.size());
    redraw();
}

void CompareLatencyChart::setFigure(int figure) {
    figure = std::clamp(figure, 0, 3);
    if (figure == figure_) return;
    figure_ = figure;
    redraw();
}

// A line for each run; lines left from a show of more runs are hidden (and out of the legend).
void CompareLatencyChart::ensureLines(std::size_t runs) {
    while (runLines_.size() < runs) runLines_.push_back(addLine(QString()));
    for (std::size_t i = 0; i < runLines_.size(); ++i) {
        runLines_[i]->setName(compare::runTitle(i));
        setShown(runLines_[i], i < runs);
    }
    recolour(palette());
}

// Every line anew: a comparison is drawn once, or again after the figure switch.
void CompareLatencyChart::redraw() {
    top_ = 0;
    std::size_t longest = 0;
    for (std::size_t i = 0; i < runLines_.size(); ++i) {
        QVector<double> keys, values;
        if (i < runs_.size()) {
            const Run& run = runs_[i];
            longest = std::max(longest, run.seconds.size());
            for (std::size_t s = 0; s < run.seconds.size(); ++s) {
                keys.append(xOf(s));
                // No response, no latency: a gap (QCustomPlot breaks lines at NaN), not 0 ms.
                values.append(run.answered[s] ? ms(run.seconds[s][figure_]) : qQNaN());
                if (run.answered[s]) top_ = std::max(top_, values.back());
            }
        }
        replace(runLines_[i], keys, values);
    }
    yAxis->setLabel(tr("%1 latency (ms)").arg(figureName(figure_)));
    fitAxes(longest, false);
    summarise();
    redrawSoon();
}

void CompareLatencyChart::summarise() {
    if (runs_.empty()) return describe(tr("No runs to compare."));
    QStringList parts;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const Run& run = runs_[i];
        double highest = -1;
        for (std::size_t s = 0; s < run.seconds.size(); ++s)
            if (run.answered[s]) highest = std::max(highest, ms(run.seconds[s][figure_]));
        parts << (highest < 0 ? tr("%1: no latency (no responses)").arg(compare::runTitle(i))
                              : tr("%1: highest %2 ms over %3 s")
                                    .arg(compare::runTitle(i), number(highest),
                                         number(static_cast<double>(run.seconds.size()))));
    }
    describe(tr("%1 latency of each second, a line per run. %2.")
                 .arg(figureName(figure_), parts.join(QStringLiteral("; "))));
}

void CompareLatencyChart::recolour(const QPalette& p) {
    for (std::size_t i = 0; i < runLines_.size(); ++i)
        setLinePen(runLines_[i], compare::runPen(p, i));
}

QString CompareLatencyChart::hoverText(double key) const {
    std::size_t longest = 0;
    for (const Run& run : runs_) longest = std::max(longest, run.seconds.size());
    if (longest == 0) return {};
    const auto nearest = static_cast<long>(std::lround(key)) - 1;  // second i is at x = i + 1
    return secondTip(static_cast<int>(std::clamp<long>(nearest, 0, static_cast<long>(longest) - 1)));
}

QString CompareLatencyChart::secondTip(int index) const {
    const auto second = static_cast<std::size_t>(index);
    QStringList lines{tr("%1 s, %2 latency").arg(number(xOf(second)), figureName(figure_))};
    for (std::size_t i = 0; i < runs_.size(); ++i)
        lines << tr("%1: %2").arg(compare::runTitle(i), valueText(runs_[i], second));
    return lines.join(QLatin1Char('\n'));
}

QString CompareLatencyChart::valueText(const Run& run, std::size_t second) const {
    if (second >= run.seconds.size()) return tr("over (the run was shorter)");
    if (!run.answered[second]) return tr("no responses, so no latency");
    return tr("%1 ms").arg(number(ms(run.seconds[second][figure_])));
}

}  // namespace salvo::ui
