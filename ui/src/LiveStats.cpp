#include "salvo/ui/LiveStats.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>

#include "salvo/Report.hpp"

namespace salvo::ui {
namespace {

QString millis(std::uint64_t nanos) {
    return QString::fromStdString(formatMillis(nanos)) + " ms";
}
QString whole(double value) {
    return QStringLiteral("%L1").arg(value, 0, 'f', 0);
}
QString p99(const LatencyHistogram& h) {
    return h.empty() ? QStringLiteral("–") : millis(h.percentile(99));
}

}  // namespace

void LiveStats::Figure::set(const QString& v, const QString& n) const {
    value->setText(v);
    note->setText(n);
}

void LiveStats::Figure::setVisible(bool visible) const {
    box->setVisible(visible);
}

LiveStats::LiveStats(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(8);
    done_ = addFigure(0, 0, tr("Done"), "doneFigure");
    succeeded_ = addFigure(0, 1, tr("Succeeded"), "succeededFigure");
    failed_ = addFigure(0, 2, tr("Failed"), "failedFigure");
    elapsed_ = addFigure(0, 3, tr("Elapsed"), "elapsedFigure");
    rate_ = addFigure(1, 0, tr("Requests/s"), "rateFigure",
                      tr("Completed in the newest whole second; the note gives the run's average"));
    p50_ = addFigure(1, 1, tr("p50 latency"), "p50Figure");
    p99_ = addFigure(1, 2, tr("p99 latency"), "p99Figure",
                     tr("With a rate, latency counts from the time each request was due, so a "
                        "stalled server cannot hide (coordinated omission corrected)"));
    connections_ = addFigure(1, 3, tr("Connections"), "connectionsFigure");
    target_ = addFigure(2, 0, tr("Target rate"), "targetRateFigure",
                        tr("The schedule's rate now, req/s"));
    achieved_ = addFigure(2, 1, tr("Achieved rate"), "achievedRateFigure",
                          tr("Requests sent in the newest whole second"));
    service_ = addFigure(2, 2, tr("p99 service time"), "serviceFigure",
                         tr("From writing the request to the end of the response"));
    lag_ = addFigure(2, 3, tr("p99 send lag"), "lagFigure",
                     tr("How late requests were written after their due time"));
    clear();
}

LiveStats::Figure LiveStats::addFigure(int row, int column, const QString& name,
                                       const char* objectName, const QString& help) {
    // Caption, value and note stacked tight in one box; the grid spaces the boxes apart.
    auto* box = new QWidget;
    auto* stack = new QVBoxLayout(box);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(0);
    Figure f{box, new QLabel(name), new QLabel, new QLabel};
    f.caption->setStyleSheet("color: palette(mid);");
    f.value->setObjectName(objectName);
    f.note->setObjectName(QString::fromLatin1(objectName) + "Note");
    f.note->setStyleSheet("color: palette(mid);");
    QFont small = f.note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    f.note->setFont(small);
    QFont big = f.value->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    f.value->setFont(big);
    f.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    f.value->setAccessibleName(name);
    for (QLabel* label : {f.caption, f.value, f.note}) label->setToolTip(help);
    for (QLabel* label : {f.caption, f.value, f.note}) stack->addWidget(label);
    static_cast<QGridLayout*>(layout())->addWidget(box, row, column);
    return f;
}

void LiveStats::show(const RunResult& r) {
    const Tally& t = r.total;
    if (r.planned)
        done_.set(QStringLiteral("%L1 / %L2").arg(t.completed()).arg(r.planned));
    else
        done_.set(QStringLiteral("%L1").arg(t.completed()), tr("%L1 sent").arg(r.sent()));
    succeeded_.set(QStringLiteral("%L1").arg(t.succeeded));
    failed_.set(QStringLiteral("%L1").arg(t.failed));
    failed_.value->setStyleSheet(t.failed ? "color: #b00020;" : "");
    const bool warming = !r.done() && r.elapsedSeconds < r.load.warmupSeconds;
    const QString of =
        r.load.timed() ? tr("of %1 s").arg(r.load.durationSeconds, 0, 'g', 6) : QString();
    elapsed_.set(QStringLiteral("%1 s").arg(r.elapsedSeconds, 0, 'f', 1),
                 warming ? tr("warming up until %1 s").arg(r.load.warmupSeconds, 0, 'g', 6) : of);
    showRates(r);
    connections_.set(QStringLiteral("%L1").arg(r.connectionsNow),
                     r.done() && r.limits.peakConnections
                         ? tr("peak %L1").arg(r.limits.peakConnections)
                         : QString());
    showOpenModel(r);
}

// While running, the newest closed second leads and the whole run is the note; at the end the
// whole run leads.
void LiveStats::showRates(const RunResult& r) {
    const SecondStats* last = r.lastSecond();
    const QString average = whole(r.requestsPerSecond());
    if (r.done() || !last)
        rate_.set(average, r.done() ? tr("average over the run") : QString());
    else
        rate_.set(whole(static_cast<double>(last->completed)),
                  tr("last second · average %1").arg(average));
    const bool any = !r.total.latency.empty();
    p50_.set(any ? millis(r.total.latency.percentile(50)) : QStringLiteral("–"));
    const bool lastHas = last && last->completed && !r.done();
    p99_.set(p99(r.total.latency),
             lastHas ? tr("last second %1").arg(millis(last->latencyP99)) : QString());
}

// While running: the schedule's rate now and what the newest closed second sent. At the end: the
// last rate the plan asked for and what the whole run sent per second.
void LiveStats::showOpenModel(const RunResult& r) {
    const bool open = r.open();
    for (const Figure* f : {&target_, &achieved_, &service_, &lag_}) f->setVisible(open);
    if (!open) return;
    const QString changes = r.rateChanges.empty() ? QString()
                                                  : tr("changed %n time(s)", nullptr,
                                                       static_cast<int>(r.rateChanges.size()));
    const SecondStats* last = r.lastSecond();
    if (r.done()) {
        double target = 0;
        for (const SecondStats& s : r.timeline)
            if (s.targetRps > 0) target = s.targetRps;
        target_.set(whole(target), changes);
        const double end =
            r.load.timed() ? std::min(r.elapsedSeconds, r.load.durationSeconds) : r.elapsedSeconds;
        const double measured = end - std::min(r.load.warmupSeconds, end);
        achieved_.set(whole(measured > 0 ? static_cast<double>(r.total.sent) / measured : 0),
                      tr("sent per second, whole run"));
    } else {
        target_.set(whole(r.targetRateNow()), changes);
        if (last)
            achieved_.set(whole(static_cast<double>(last->sent)),
                          tr("last second, target %1").arg(whole(last->targetRps)));
        else
            achieved_.set(QStringLiteral("–"));
    }
    const bool lastHas = last && last->completed && !r.done();
    service_.set(p99(r.total.serviceTime),
                 lastHas ? tr("last second %1").arg(millis(last->serviceP99)) : QString());
    lag_.set(p99(r.total.lag), r.total.late ? tr("%L1 sent late").arg(r.total.late) : QString());
}

void LiveStats::clear() {
    for (const Figure* f : {&done_, &succeeded_, &failed_, &elapsed_, &rate_, &p50_, &p99_,
                            &connections_, &target_, &achieved_, &service_, &lag_})
        f->set(QStringLiteral("–"));
    failed_.value->setStyleSheet("");
    for (const Figure* f : {&target_, &achieved_, &service_, &lag_}) f->setVisible(false);
}

}  // namespace salvo::ui
