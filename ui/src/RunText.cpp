#include "RunText.hpp"

#include <cmath>

namespace salvo::ui {

QString RunText::seconds(double s) {
    return tr("%1 s").arg(s, 0, 'g', 6);
}

QString RunText::plan(const RunResult& r) {
    const LoadPlan& load = r.load;
    QString text;
    if (!load.stages.empty())
        text = tr("%n stage(s) (%1) up to %L2 req/s", nullptr, static_cast<int>(load.stages.size()))
                   .arg(seconds(load.durationSeconds))
                   .arg(load.peakRate(), 0, 'f', 0);
    else if (load.timed())
        text = tr("for %1").arg(seconds(load.durationSeconds));
    if (load.counted())
        text = text.isEmpty() ? tr("%L1 requests").arg(load.count)
                              : tr("%L1 requests, or %2").arg(load.count).arg(text);
    if (load.rate) text += tr(" at %L1 req/s").arg(*load.rate, 0, 'g', 8);
    return text;
}

// What a plain count of failures hides: retries and connections the server broke.
QString RunText::connectionNotes(const RunResult& r) {
    QString notes;
    if (r.total.retried)
        notes +=
            tr(" %L1 sent again after the server closed a reused connection.").arg(r.total.retried);
    if (r.total.unsolicited)
        notes += tr(" %L1 connections closed: the server sent bytes no request asked for.")
                     .arg(r.total.unsolicited);
    return notes;
}

// Rate changes made during the run; requests the schedule wanted but never sent, and those
// still running when the grace ended.
QString RunText::leftOver(const RunResult& r) {
    QString notes;
    for (const RateChange& change : r.rateChanges)
        notes += tr(" Rate set to %L1 req/s at %2.")
                     .arg(change.targetRps, 0, 'g', 8)
                     .arg(seconds(std::round(change.atSeconds * 10) / 10));
    if (r.dropped) notes += tr(" %L1 were due but never sent (dropped).").arg(r.dropped);
    if (r.inFlightAtEnd && r.outcome == Outcome::finished)
        notes += tr(" %L1 were still in flight when the grace period ended (the oldest for %2).")
                     .arg(r.inFlightAtEnd)
                     .arg(seconds(r.inFlightLongestSeconds));
    return notes;
}

QString RunText::outcome(const RunResult& r) {
    switch (r.outcome) {
        case Outcome::finished:
            return tr("Finished: %L1 requests in %2 s, %L3 failed.")
                       .arg(r.total.completed())
                       .arg(r.elapsedSeconds, 0, 'f', 2)
                       .arg(r.total.failed) +
                   connectionNotes(r) + leftOver(r) +
                   (r.total.completed() ? QString()
                                        : tr(" No request completed: this is not a result."));
        case Outcome::cancelled: {
            const QString done =
                r.planned ? tr("%L1 of %L2 requests").arg(r.total.completed()).arg(r.planned)
                          : tr("%L1 requests and %2")
                                .arg(r.total.completed())
                                .arg(seconds(r.elapsedSeconds));
            return tr("Cancelled after %1 (%L2 were in flight). The figures so far are kept.")
                       .arg(done)
                       .arg(r.inFlightAtEnd) +
                   leftOver(r);
        }
        case Outcome::failed:
            return tr("Failed: %1").arg(QString::fromStdString(r.message));
        case Outcome::running:
            break;
    }
    return {};
}

bool RunText::outcomeIsBad(const RunResult& r) {
    return r.outcome == Outcome::failed || r.total.failed || r.total.unsolicited ||
           r.total.completed() == 0 || r.dropped ||
           (r.outcome == Outcome::finished && r.inFlightAtEnd);
}

QString RunText::verdict(const RunResult& r) {
    const Limits& limits = r.limits;
    const QString message = QString::fromStdString(limits.message).toHtmlEscaped();
    switch (limits.verdict) {
        case Verdict::connectionLimited:
            return tr("<b>Connection-limited</b> (connection_limited): requests waited because "
                      "every "
                      "allowed connection was busy. %1")
                .arg(message);
        case Verdict::generatorLimited:
            return tr("<b>Generator-limited</b> (generator_limited): Salvo could not keep its own "
                      "schedule, so these figures describe Salvo, not the target. %1")
                .arg(message);
        case Verdict::ok:
            break;
    }
    return message.isEmpty() ? QString() : tr("<b>Note:</b> %1").arg(message);
}

}  // namespace salvo::ui
