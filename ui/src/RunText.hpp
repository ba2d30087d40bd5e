#pragma once

#include <QCoreApplication>
#include <QString>

#include "salvo/RunResult.hpp"

namespace salvo::ui {

// The window's sentences about a run, apart from the widgets that show them.
class RunText {
    Q_DECLARE_TR_FUNCTIONS(RunText)

  public:
    // "200 requests", "for 10 s at 50 req/s", "3 stages (60 s) up to 500 req/s".
    static QString plan(const RunResult& r);
    // The status line when a run ends: how many, how long, what failed and why, what was left
    // over. A finished run in which no request succeeded reads "Failed" (a cancelled one still
    // reads "Cancelled", with its failures named).
    // A run ended by a threshold's abort says so first; failed thresholds make it bad.
    static QString outcome(const RunResult& r);
    static bool outcomeIsBad(const RunResult& r);
    // The threshold whose abort_on_fail ended the run; null when none did.
    static const ThresholdOutcome* abortingThreshold(const RunResult& r);
    // The main kinds of failure, most frequent first: "20 × timeout (no complete response…),
    // 3 × status 503". A single kind is named without its count ("timeout") unless `countOne`;
    // without `messages`, kinds only ("20 × timeout, 3 × status 503"), for a short note.
    static QString failureKinds(const Tally& t, bool countOne = false, bool messages = true);
    // The verdict on the generator's own limits, as rich text; empty when there is nothing to say.
    static QString verdict(const RunResult& r);
    static QString seconds(double s);

  private:
    static QString connectionNotes(const RunResult& r);
    static QString leftOver(const RunResult& r);
    static QString finished(const RunResult& r);
    static QString cancelled(const RunResult& r);
    static QString thresholdNote(const RunResult& r);
    static QString leadingMessage(const Tally& t, const char* kind);
};

}  // namespace salvo::ui
