#include "RunText.hpp"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <vector>

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
    if (r.protocol != "http/1.1") {
        const QString what = r.protocol == "h2c" ? tr("HTTP/2 over plain TCP (h2c)") : tr("HTTP/2");
        notes += r.streams == 1 ? tr(" Spoke %1, one stream per connection.").arg(what)
                                : tr(" Spoke %1 with %L2 streams per connection.").arg(what).arg(r.streams);
    }
    if (!r.protocolNote.empty()) notes += " " + QString::fromStdString(r.protocolNote) + ".";
    if (r.total.retried && r.protocol == "http/1.1")
        notes +=
            tr(" %L1 sent again after the server closed a reused connection.").arg(r.total.retried);
    else if (r.total.retried)
        notes += tr(" %L1 sent again: refused unprocessed by the server, or lost with a connection.").arg(r.total.retried);
    if (r.total.goaways) notes += tr(" %L1 connections ended by the server's GOAWAY.").arg(r.total.goaways);
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

// The message seen most often for one kind of failure, shortened to fit the status line.
QString RunText::leadingMessage(const Tally& t, const char* kind) {
    const std::string* best = nullptr;
    std::uint64_t most = 0;
    for (const auto& [key, n] : t.errorMessages)
        if (key.first == kind && n > most && key.second != Tally::kOtherMessages) {
            best = &key.second;
            most = n;
        }
    if (!best || best->empty()) return {};
    const QString message = QString::fromStdString(*best);
    return message.size() > 60 ? message.left(59) + QChar(0x2026) : message;
}

QString RunText::failureKinds(const Tally& t, bool countOne, bool messages) {
    std::vector<std::pair<std::uint64_t, QString>> kinds;  // count, what
    for (const auto& [code, n] : t.statusCounts)
        if (code >= 400) kinds.emplace_back(n, tr("status %1").arg(code));
    for (std::size_t i = 0; i < kErrorKindCount; ++i) {
        const auto kind = static_cast<ErrorKind>(i);
        if (kind == ErrorKind::status || !t.errorCount(kind)) continue;
        const QString message = messages ? leadingMessage(t, errorKindName(kind)) : QString();
        kinds.emplace_back(t.errorCount(kind),
                           message.isEmpty() ? QString::fromLatin1(errorKindName(kind))
                                             : tr("%1 (%2)").arg(errorKindName(kind), message));
    }
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (kinds.empty()) return tr("unknown");
    // One kind needs no count after "20 failed:", which just said it.
    if (kinds.size() == 1 && !countOne) return kinds.front().second;
    QStringList parts;
    for (std::size_t i = 0; i < kinds.size() && i < 3; ++i)
        parts << tr("%L1 × %2").arg(kinds[i].first).arg(kinds[i].second);
    if (kinds.size() > 3)
        parts << tr("%n other kind(s)", nullptr, static_cast<int>(kinds.size() - 3));
    return parts.join(QStringLiteral(", "));
}

QString RunText::finished(const RunResult& r) {
    const Tally& t = r.total;
    const QString took = tr("%1 s").arg(r.elapsedSeconds, 0, 'f', 2);
    QString text;
    if (t.completed() == 0)
        text = tr("Failed: no request completed in %1; this is not a result.").arg(took);
    else if (t.succeeded == 0)
        text = tr("Failed: all %L1 requests failed — %2.").arg(t.failed).arg(failureKinds(t, true));
    else if (t.failed)
        text = tr("Finished: %L1 requests in %2; %L3 failed: %4.")
                   .arg(t.completed())
                   .arg(took)
                   .arg(t.failed)
                   .arg(failureKinds(t));
    else
        text = tr("Finished: %L1 requests in %2; none failed.").arg(t.completed()).arg(took);
    if (t.connectFailures) {
        const QString why = leadingMessage(t, "connect_failure");
        text += why.isEmpty() ? tr(" %L1 connections could not be opened.").arg(t.connectFailures)
                              : tr(" %L1 connections could not be opened (%2).").arg(t.connectFailures).arg(why);
    }
    return text + connectionNotes(r) + leftOver(r);
}

QString RunText::outcome(const RunResult& r) {
    switch (r.outcome) {
        case Outcome::finished:
            return finished(r) + thresholdNote(r);
        case Outcome::cancelled:
            return cancelled(r) + thresholdNote(r);
        case Outcome::failed:
            return tr("Failed: %1").arg(QString::fromStdString(r.message));
        case Outcome::running:
            break;
    }
    return {};
}

QString RunText::cancelled(const RunResult& r) {
    const QString done = r.planned ? tr("%L1 of %L2 requests").arg(r.total.completed()).arg(r.planned)
                                   : tr("%L1 requests and %2")
                                         .arg(r.total.completed())
                                         .arg(seconds(r.elapsedSeconds));
    const QString failed = r.total.failed
                               ? tr(" %L1 failed: %2.").arg(r.total.failed).arg(failureKinds(r.total))
                               : QString();
    QString text;
    if (const ThresholdOutcome* t = abortingThreshold(r))
        // The count first: the expression and value go in last, so a '%' in them is never read
        // as a place for an argument.
        text = tr("Ended early: threshold %2 failed (%3). Stopped after %4 (%L1 were in flight); "
                  "the figures so far are kept.")
                   .arg(r.inFlightAtEnd)
                   .arg(QString::fromStdString(t->threshold), QString::fromStdString(t->measured), done);
    else
        text = tr("Cancelled after %1 (%L2 were in flight). The figures so far are kept.")
                   .arg(done)
                   .arg(r.inFlightAtEnd);
    return text + failed + leftOver(r);
}

// " Thresholds: 1 of 3 failed (p(99)<250ms)." or " Thresholds: 3 of 3 passed."; nothing without.
QString RunText::thresholdNote(const RunResult& r) {
    if (r.thresholds.empty()) return {};
    QStringList failed;
    for (const ThresholdOutcome& t : r.thresholds)
        if (t.state == ThresholdState::failed) failed << QString::fromStdString(t.threshold);
    const qsizetype all = static_cast<qsizetype>(r.thresholds.size());
    if (failed.isEmpty()) return tr(" Thresholds: %1 of %1 passed.").arg(all);
    return tr(" Thresholds: %1 of %2 failed (%3).")
        .arg(failed.size())
        .arg(all)
        .arg(failed.join(QStringLiteral(", ")));
}

const ThresholdOutcome* RunText::abortingThreshold(const RunResult& r) {
    for (const ThresholdOutcome& t : r.thresholds)
        if (t.aborted) return &t;
    return nullptr;
}

bool RunText::outcomeIsBad(const RunResult& r) {
    return r.outcome == Outcome::failed || r.total.failed || r.total.unsolicited ||
           r.total.completed() == 0 || r.dropped ||
           (r.outcome == Outcome::finished && r.inFlightAtEnd) || !thresholdsHold(r.thresholds);
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
