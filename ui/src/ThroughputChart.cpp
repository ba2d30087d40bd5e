#include "ThroughputChart.hpp"

#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>

#include "Colors.hpp"

namespace salvo::ui {
namespace {

double valueAt(const QCPGraph* graph, int index) {
    return graph->data()->at(index)->value;
}

}  // namespace

ThroughputChart::ThroughputChart(QWidget* parent)
    : TimeChart(tr("Throughput chart"), tr("requests/s"), parent),
      succeeded_(addLine(tr("succeeded/s"))),
      failed_(addLine(tr("failed/s"))),
      target_(addLine(tr("target rate"))),
      changes_(addMarkedGraph()) {
    changes_->setName(tr("rate change"));
    changes_->setLineStyle(QCPGraph::lsNone);
    restyle();
    clear();
}

void ThroughputChart::show(const RunResult& r) {
    const bool finishing = r.done() && !final_;
    if (r.timeline.size() == shown_ &&
        r.rateChanges.size() == static_cast<std::size_t>(changes_->dataCount()) && !finishing)
        return;
    appendSeconds(r);
    appendRateChanges(r);
    if (finishing) {
        final_ = true;
        scaleLastSecond(r);
    }
    setShown(target_, r.open());
    setShown(changes_, !r.rateChanges.empty());
    fitAxes(shown_, !r.done());
    summarise(r);
    redrawSoon();
}

void ThroughputChart::appendSeconds(const RunResult& r) {
    // The target is the plan's, so it stops with the plan; the grace seconds after have none.
    const auto planned = static_cast<std::size_t>(std::ceil(r.load.durationSeconds));
    planned_ = r.load.durationSeconds;
    QVector<double> keys, ok, bad, targetKeys, target;
    for (std::size_t i = shown_; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        const auto succeeded = static_cast<double>(s.completed - s.failed);
        keys.append(xOf(i));
        ok.append(succeeded);
        bad.append(static_cast<double>(s.failed));
        if (r.open() && (!r.load.timed() || i < planned)) {
            targetKeys.append(xOf(i));
            target.append(s.targetRps);
        }
        top_ = std::max({top_, succeeded, static_cast<double>(s.failed), s.targetRps});
    }
    append(succeeded_, keys, ok);
    append(failed_, keys, bad);
    append(target_, targetKeys, target);
    shown_ = r.timeline.size();
}

void ThroughputChart::appendRateChanges(const RunResult& r) {
    for (auto i = static_cast<std::size_t>(changes_->dataCount()); i < r.rateChanges.size(); ++i) {
        changes_->addData(r.rateChanges[i].atSeconds, r.rateChanges[i].targetRps);
        top_ = std::max(top_, r.rateChanges[i].targetRps);
    }
}

// Only closed seconds are in the timeline; the end of a run closes its last one, which may be
// partial. Its count over the part covered is the rate it ran at (a 0.3 s run of 300 requests
// ran at 1,000/s), where a whole second's division would show a dip that never happened.
//
// Not so a timed run's seconds wholly after its plan: they hold only the requests in flight at its
// end, and no load ran then. Their count is drawn as it is (the drop it was); scaled by the few ms
// the last of them covered, fifty late responses would draw a spike of 5,000/s. (A second the
// plan ends in, as a 3.01 s plan's fourth, had load through part of it and is scaled.)
void ThroughputChart::scaleLastSecond(const RunResult& r) {
    if (r.timeline.empty()) return;
    const std::size_t last = r.timeline.size() - 1;
    if (afterPlan(last)) return;
    const double part = r.elapsedSeconds - static_cast<double>(last);
    if (!(part > 0 && part < 1)) return;
    lastPart_ = std::max(part, 0.01);  // a few ms of tail would turn one response into a spike
    const SecondStats& s = r.timeline[last];
    lastCounts_[0] = s.completed - s.failed;
    lastCounts_[1] = s.failed;
    const double ok = static_cast<double>(lastCounts_[0]) / lastPart_;
    const double bad = static_cast<double>(lastCounts_[1]) / lastPart_;
    (succeeded_->data()->end() - 1)->value = ok;
    (failed_->data()->end() - 1)->value = bad;
    top_ = std::max({top_, ok, bad});
}

void ThroughputChart::summarise(const RunResult& r) {
    const int n = succeeded_->dataCount();
    if (n == 0) return describe(tr("No seconds completed yet."));
    QString text = tr("After %1 s: %2 succeeded/s, %3 failed/s")
                       .arg(number(xOf(static_cast<std::size_t>(n - 1))),
                            number(valueAt(succeeded_, n - 1)), number(valueAt(failed_, n - 1)));
    text += graceNote(n - 1);
    if (r.open() && target_->dataCount() > 0)
        text += tr("; target %1/s").arg(number(valueAt(target_, target_->dataCount() - 1)));
    describe(text + ".");
}

bool ThroughputChart::afterPlan(std::size_t second) const {
    return planned_ > 0 && static_cast<double>(second) >= std::ceil(planned_);
}

QString ThroughputChart::graceNote(int i) const {
    if (i < 0 || !afterPlan(static_cast<std::size_t>(i))) return {};
    return tr(" (after the planned %1 s: requests in flight when the plan ended)").arg(number(planned_));
}

void ThroughputChart::clear() {
    clearLines();
    shown_ = 0;
    final_ = false;
    lastPart_ = 1;
    planned_ = 0;
    setShown(target_, false);
    changes_->data()->clear();
    setShown(changes_, false);
    describe(tr("No run yet."));
    redrawSoon();
}

void ThroughputChart::recolour(const QPalette& p) {
    QPen line(colors::series(p, 0), 2);
    setLinePen(succeeded_, line);
    line.setColor(colors::series(p, 1));
    setLinePen(failed_, line);
    setLinePen(target_, QPen(colors::warning(p), 1.5, Qt::DashLine));
    changes_->setPen(QPen(colors::warning(p)));
    changes_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, p.color(QPalette::Base),
                                              colors::warning(p), 11));
}

// Every line's value at that second, the scaled last second explained, and the rate changes
// that happened during it.
QString ThroughputChart::secondTip(int i) const {
    const bool last = i == succeeded_->dataCount() - 1;
    const double x = succeeded_->data()->at(i)->key;
    QString text = tr("%1 s: %2 succeeded/s, %3 failed/s")
                       .arg(number(x), number(valueAt(succeeded_, i)), number(valueAt(failed_, i)));
    if (final_ && lastPart_ < 1 && last)
        text += tr(" (%1 and %2 in the run's last %3 s, scaled to a second)")
                    .arg(number(static_cast<double>(lastCounts_[0])),
                         number(static_cast<double>(lastCounts_[1])),
                         QLocale().toString(lastPart_, 'f', 2));
    text += graceNote(i);
    if (target_->visible() && i < target_->dataCount())
        text += tr("; target %1/s").arg(number(valueAt(target_, i)));
    for (auto c = changes_->data()->constBegin(); c != changes_->data()->constEnd(); ++c)
        if (c->key >= x - 1 && c->key < x)  // second i covers [x - 1, x)
            text += tr("; rate changed to %1/s at %2 s")
                        .arg(number(c->value), QLocale().toString(c->key, 'f', 1));
    return text;
}

}  // namespace salvo::ui
