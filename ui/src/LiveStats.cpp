#include "salvo/ui/LiveStats.hpp"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <QResizeEvent>
#include <array>
#include <vector>

#include "Colors.hpp"
#include "RunText.hpp"
#include "salvo/Report.hpp"

namespace salvo::ui {
namespace {

QString millis(std::uint64_t nanos) {
    return QString::fromStdString(formatMillis(nanos)) + " ms";
}
QString whole(double value) { return QStringLiteral("%L1").arg(value, 0, 'f', 0); }
QString count(std::uint64_t n) { return QStringLiteral("%L1").arg(n); }
QString percentile(const LatencyHistogram& h, double percent) {
    return h.empty() ? QStringLiteral("–") : millis(h.percentile(percent));
}
// The newest closed second while running; none once the run is done (the whole run leads).
const SecondStats* liveSecond(const RunResult& r) {
    return r.done() ? nullptr : r.lastSecond();
}
std::uint64_t successes(const SecondStats& s) {
    return s.completed > s.failed ? s.completed - s.failed : 0;
}

// The widest of `samples` in `font`: the room a figure keeps so that it never jumps.
int widest(const QFont& font, std::initializer_list<const char*> samples) {
    const QFontMetrics metrics(font);
    int width = 0;
    for (const char* sample : samples)
        width = std::max(width, metrics.horizontalAdvance(QString::fromUtf8(sample)));
    return width;
}

}  // namespace

void LiveStats::Figure::set(const QString& v, const QString& n) const {
    value->setText(v);  // QLabel ignores the same text again: no repaint when nothing changed
    note->setText(n);
}

void LiveStats::Figure::setVisible(bool visible) const { box->setVisible(visible); }

LiveStats::LiveStats(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(8);
    grid->setHorizontalSpacing(32);
    grid->setColumnStretch(4, 1);  // spare width goes to the right of the figures
    done_ = addFigure(0, 0, tr("Done"), "doneFigure",
                      tr("Requests answered or failed after the warm-up, of the planned count"));
    succeeded_ = addFigure(0, 1, tr("Succeeded"), "succeededFigure",
                           tr("Requests answered with a status below 400; the note gives their "
                              "share of those done"));
    failed_ = addFigure(0, 2, tr("Failed"), "failedFigure",
                        tr("Requests that failed, status 400 and above included; the note names "
                           "the main kinds, the Tables tab lists every message"));
    elapsed_ = addFigure(0, 3, tr("Elapsed"), "elapsedFigure", tr("Time since the run started"));
    rate_ = addFigure(1, 0, tr("Successful req/s"), "rateFigure",
                      tr("Successful requests (status below 400) per second: in the newest whole "
                         "second while running, the note gives the whole run. A failed request "
                         "never counts as throughput"));
    p50_ = addFigure(1, 1, tr("p50 latency"), "p50Figure",
                     tr("Median latency: in the newest whole second while running, the note "
                        "gives the whole run"));
    p99_ = addFigure(1, 2, tr("p99 latency"), "p99Figure",
                     tr("In the newest whole second while running, the note gives the whole run. "
                        "With a rate, latency counts from the time each request was due, so a "
                        "stalled server cannot hide (coordinated omission corrected)"));
    connections_ = addFigure(1, 3, tr("Connections"), "connectionsFigure",
                             tr("Open connections now; the note counts the requests sent and "
                                "not yet answered (in flight), or the peak once the run ends"));
    target_ = addFigure(2, 0, tr("Target req/s"), "targetRateFigure",
                        tr("The schedule's rate now, requests per second"));
    achieved_ = addFigure(2, 1, tr("Achieved req/s"), "achievedRateFigure",
                          tr("Requests sent in the newest whole second"));
    service_ = addFigure(2, 2, tr("p99 service time"), "serviceFigure",
                         tr("From writing the request to the end of the response: in the newest "
                            "whole second while running, the note gives the whole run"));
    lag_ = addFigure(2, 3, tr("p99 send lag"), "lagFigure",
                     tr("How late requests were written after their due time, whole run"));
    // Two columns when four do not fit (a narrow window, or 2x scaling on a laptop screen), so
    // the figures never push the window into sideways scrolling.
    const int box = done_.box->minimumWidth();
    fourColumnsWidth_ = 4 * box + 3 * grid->horizontalSpacing();
    setMinimumWidth(2 * box + grid->horizontalSpacing());
    applyColors();
    clear();
}

void LiveStats::arrange(int columns) {
    if (columns == columns_) return;
    columns_ = columns;
    auto* grid = static_cast<QGridLayout*>(layout());
    const QList<const Figure*> all = figures();
    for (const Figure* f : all) grid->removeWidget(f->box);
    for (qsizetype i = 0; i < all.size(); ++i)
        grid->addWidget(all[i]->box, static_cast<int>(i / columns), static_cast<int>(i % columns));
    for (int c = 0; c <= 4; ++c) grid->setColumnStretch(c, c == columns ? 1 : 0);
}

void LiveStats::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange(event->size().width() >= fourColumnsWidth_ ? 4 : 2);
}

LiveStats::Figure LiveStats::addFigure(int row, int column, const QString& name,
                                       const char* objectName, const QString& help) {
    // Caption, value and note stacked tight in one box; the grid spaces the boxes apart.
    auto* box = new QWidget;
    auto* stack = new QVBoxLayout(box);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(0);
    Figure f{box, new QLabel(name), new QLabel, new QLabel};
    f.value->setObjectName(objectName);
    f.note->setObjectName(QString::fromLatin1(objectName) + "Note");
    f.caption->setObjectName(QString::fromLatin1(objectName) + "Caption");
    QFont small = f.note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    f.note->setFont(small);
    QFont big = f.value->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    f.value->setFont(big);
    f.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    f.value->setAccessibleName(name);
    f.value->setAccessibleDescription(help);
    f.note->setAccessibleName(tr("%1, note").arg(name));
    // Room for a wide number kept from the start; the texts never size the box, so a growing
    // number neither moves its neighbours nor widens the window.
    box->setMinimumWidth(std::max(widest(big, {"99,999,999", "9999.999 ms"}),
                                  widest(small, {"last second · run 999.999 ms"})));
    for (QLabel* label : {f.value, f.note})
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    f.note->setMinimumHeight(QFontMetrics(small).height());  // an empty note keeps its line
    for (QLabel* label : {f.caption, f.value, f.note}) {
        label->setToolTip(help);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);  // digits stay put as they grow
        stack->addWidget(label);
    }
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);  // packed, not spread out
    static_cast<QGridLayout*>(layout())->addWidget(box, row, column);
    return f;
}

QList<const LiveStats::Figure*> LiveStats::figures() const {
    return {&done_, &succeeded_, &failed_, &elapsed_, &rate_,    &p50_,
            &p99_,  &connections_, &target_, &achieved_, &service_, &lag_};
}

void LiveStats::show(const RunResult& r) {
    // Each refresh walks a few histograms for the whole run's percentiles: a few times a
    // second is plenty for a person, and the final figures are always shown.
    if (!r.done() && sinceRefresh_.isValid() && sinceRefresh_.elapsed() < kRefreshMs) return;
    sinceRefresh_.start();
    showCounts(r);
    showRates(r);
    showOpenModel(r);
}

void LiveStats::showCounts(const RunResult& r) {
    const Tally& t = r.total;
    if (r.planned)
        done_.set(QStringLiteral("%L1 / %L2").arg(t.completed()).arg(r.planned));
    else
        done_.set(count(t.completed()), tr("%L1 sent").arg(r.sent()));
    const double share = t.completed() ? 100.0 * static_cast<double>(t.succeeded) /
                                             static_cast<double>(t.completed())
                                       : 0;
    succeeded_.set(count(t.succeeded),
                   t.completed() ? tr("%L1 % of done").arg(share, 0, 'f', 1) : QString());
    failed_.set(count(t.failed), t.failed ? RunText::failureKinds(t, true, false) : QString());
    if (failing_ != (t.failed > 0)) {
        failing_ = t.failed > 0;
        applyColors();
    }
    const bool warming = !r.done() && r.elapsedSeconds < r.load.warmupSeconds;
    const QString of =
        r.load.timed() ? tr("of %1 s").arg(r.load.durationSeconds, 0, 'g', 6) : QString();
    elapsed_.set(QStringLiteral("%1 s").arg(r.elapsedSeconds, 0, 'f', 1),
                 warming ? tr("warming up until %1 s").arg(r.load.warmupSeconds, 0, 'g', 6) : of);
    connections_.set(count(r.connectionsNow),
                     !r.done()                    ? tr("%L1 in flight").arg(r.inFlightNow)
                     : r.limits.peakConnections ? tr("peak %L1").arg(r.limits.peakConnections)
                                                : QString());
}

// The newest closed second leads while running, the whole run beside it in the note; before
// the first second closes, and once the run is done, the whole run leads.
void LiveStats::showLastAndRun(const Figure& f, const RunResult& r, const QString& last,
                               const QString& run) const {
    const SecondStats* second = liveSecond(r);
    if (!second)
        f.set(run, r.done() ? tr("whole run") : tr("so far"));
    else if (second->warmup)
        f.set(last, tr("last second, warming up"));
    else
        f.set(last, tr("last second · run %1").arg(run));
}

void LiveStats::showRates(const RunResult& r) {
    const SecondStats* last = liveSecond(r);
    const LatencyHistogram& latency = r.total.latency;
    // A second without responses (nothing completed, or only transport errors, which have no
    // latency) has none to show, only a dash.
    const auto lastMillis = [&](std::uint64_t SecondStats::*field) {
        return last && last->responses ? millis(last->*field) : QStringLiteral("–");
    };
    showLastAndRun(rate_, r, last ? count(successes(*last)) : QString(),
                   whole(r.succeededPerSecond()));
    showLastAndRun(p50_, r, lastMillis(&SecondStats::latencyP50), percentile(latency, 50));
    showLastAndRun(p99_, r, lastMillis(&SecondStats::latencyP99), percentile(latency, 99));
    if (r.open())
        showLastAndRun(service_, r, lastMillis(&SecondStats::serviceP99),
                       percentile(r.total.serviceTime, 99));
}

void LiveStats::showOpenModel(const RunResult& r) {
    const bool open = r.open();
    for (const Figure* f : {&target_, &achieved_, &service_, &lag_}) f->setVisible(open);
    if (!open) return;
    showOpenRates(r);
    lag_.set(percentile(r.total.lag, 99),
             r.total.late ? tr("%L1 sent late").arg(r.total.late) : QString());
}

// While running: the schedule's rate now and what the newest closed second sent. At the end: the
// last rate the plan asked for and what the whole run sent per second.
void LiveStats::showOpenRates(const RunResult& r) {
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
}

void LiveStats::clear() {
    sinceRefresh_.invalidate();
    for (const Figure* f : figures()) f->set(QStringLiteral("–"));
    failing_ = false;
    applyColors();
    for (const Figure* f : {&target_, &achieved_, &service_, &lag_}) f->setVisible(false);
}

void LiveStats::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) applyColors();  // View → Theme, or the system's
}

// Captions and notes dimmer than the values but 4.5:1 against the window; Failed in the
// failure colour while there are failures.
void LiveStats::applyColors() {
    const QPalette& p = palette();
    for (const Figure* f : figures()) {
        colors::setTextColor(f->caption, colors::caption(p));
        colors::setTextColor(f->note, colors::caption(p));
        colors::setTextColor(f->value, p.color(QPalette::WindowText));
    }
    if (failing_) colors::setTextColor(failed_.value, colors::bad(p));
}

}  // namespace salvo::ui
