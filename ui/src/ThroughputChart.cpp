#include "ThroughputChart.hpp"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "Colors.hpp"

namespace salvo::ui {

ThroughputChart::ThroughputChart(QWidget* parent)
    : TimeChart(tr("Throughput chart"), tr("requests/s"), parent),
      succeeded_(addLine(tr("succeeded/s"))),
      failed_(addLine(tr("failed/s"))),
      target_(addLine(tr("target rate"))),
      changes_(new QScatterSeries) {
    changes_->setName(tr("rate change"));
    changes_->setMarkerSize(9);
    addToAxes(changes_);
    restyle();
    clear();
}

void ThroughputChart::show(const RunResult& r) {
    const bool finishing = r.done() && !final_;
    if (r.timeline.size() == shown_ && r.rateChanges.size() == std::size_t(changes_->count()) &&
        !finishing)
        return;
    appendSeconds(r);
    appendRateChanges(r);
    if (finishing) {
        final_ = true;
        scaleLastSecond(r);
    }
    target_->setVisible(r.open());
    changes_->setVisible(!r.rateChanges.empty());
    fitAxes(shown_, !r.done());
    summarise(r);
}

void ThroughputChart::appendSeconds(const RunResult& r) {
    // The target is the plan's, so it stops with the plan; the grace seconds after have none.
    const auto planned = static_cast<std::size_t>(std::ceil(r.load.durationSeconds));
    QList<QPointF> ok, bad, target;
    for (std::size_t i = shown_; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        const auto succeeded = static_cast<double>(s.completed - s.failed);
        ok.append({xOf(i), succeeded});
        bad.append({xOf(i), static_cast<double>(s.failed)});
        if (r.open() && (!r.load.timed() || i < planned)) target.append({xOf(i), s.targetRps});
        top_ = std::max({top_, succeeded, static_cast<double>(s.failed), s.targetRps});
    }
    succeeded_->append(ok);
    failed_->append(bad);
    target_->append(target);
    shown_ = r.timeline.size();
}

void ThroughputChart::appendRateChanges(const RunResult& r) {
    QList<QPointF> marks;
    for (auto i = std::size_t(changes_->count()); i < r.rateChanges.size(); ++i) {
        marks.append({r.rateChanges[i].atSeconds, r.rateChanges[i].targetRps});
        top_ = std::max(top_, r.rateChanges[i].targetRps);
    }
    for (const QPointF& p : marks) changes_->append(p);  // a handful: no bulk path needed
}

// Only closed seconds are in the timeline; the end of a run closes its last one, which may be
// partial. Its count over the part covered is the rate it ran at (a 0.3 s run of 300 requests
// ran at 1,000/s), where a whole second's division would show a dip that never happened.
void ThroughputChart::scaleLastSecond(const RunResult& r) {
    if (r.timeline.empty()) return;
    const std::size_t last = r.timeline.size() - 1;
    const double part = r.elapsedSeconds - static_cast<double>(last);
    if (!(part > 0 && part < 1)) return;
    lastPart_ = std::max(part, 0.01);  // a few ms of tail would turn one response into a spike
    const SecondStats& s = r.timeline[last];
    lastCounts_[0] = s.completed - s.failed;
    lastCounts_[1] = s.failed;
    const double ok = static_cast<double>(lastCounts_[0]) / lastPart_;
    const double bad = static_cast<double>(lastCounts_[1]) / lastPart_;
    succeeded_->replaceLast({xOf(last), ok});
    failed_->replaceLast({xOf(last), bad});
    top_ = std::max({top_, ok, bad});
}

void ThroughputChart::summarise(const RunResult& r) {
    if (succeeded_->count() == 0) return describe(tr("No seconds completed yet."));
    const int i = succeeded_->count() - 1;
    QString text = tr("After %1 s: %2 succeeded/s, %3 failed/s")
                       .arg(number(succeeded_->at(i).x()), number(succeeded_->at(i).y()),
                            number(failed_->at(i).y()));
    if (r.open() && target_->count() > 0)
        text += tr("; target %1/s").arg(number(target_->at(target_->count() - 1).y()));
    describe(text + ".");
}

void ThroughputChart::clear() {
    clearLines();
    shown_ = 0;
    final_ = false;
    lastPart_ = 1;
    target_->setVisible(false);
    changes_->clear();
    changes_->setVisible(false);
    describe(tr("No run yet."));
}

void ThroughputChart::recolour(const QPalette& p) {
    QPen line(colors::series(p, 0), 2);
    succeeded_->setPen(line);
    line.setColor(colors::series(p, 1));
    failed_->setPen(line);
    QPen dashed(colors::warning(p), 1.5, Qt::DashLine);
    target_->setPen(dashed);
    changes_->setColor(colors::warning(p));
    changes_->setBorderColor(p.color(QPalette::Base));
}

QString ThroughputChart::tipFor(const QXYSeries* series, int index) const {
    const QPointF p = series->at(index);
    if (series == changes_)
        return tr("Rate changed to %1/s at %2 s")
            .arg(number(p.y()), QLocale().toString(p.x(), 'f', 1));
    return TimeChart::tipFor(series, index);
}

QString ThroughputChart::lineTip(const TimeLine* line, int index) const {
    const QPointF p = line->at(index);
    if (line == target_) return tr("%1 s: target %2/s").arg(number(p.x()), number(p.y()));
    const bool ok = line == succeeded_;
    QString text = (ok ? tr("%1 s: %2 succeeded/s") : tr("%1 s: %2 failed/s"))
                       .arg(number(p.x()), number(p.y()));
    if (final_ && lastPart_ < 1 && index == line->count() - 1)
        text += tr(" (%1 in the run's last %2 s, scaled to a second)")
                    .arg(number(static_cast<double>(lastCounts_[ok ? 0 : 1])),
                         QLocale().toString(lastPart_, 'f', 2));
    return text;
}

}  // namespace salvo::ui
