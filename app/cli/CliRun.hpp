#pragma once

#include <ostream>
#include <string>

#include "CliOptions.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::cli {

inline constexpr int kExitOk = 0;           // every request succeeded (status < 400)
inline constexpr int kExitFailures = 1;     // the run failed, some requests failed, or none completed
inline constexpr int kExitBadInput = 2;     // invalid flags or values; nothing was sent
inline constexpr int kExitGeneratorLimited = 3;  // with a rate: Salvo could not keep the schedule
inline constexpr int kExitWriteFailed = 4;  // the report could not be written (full disk, closed stdout)
inline constexpr int kExitInterrupted = 130;  // Ctrl-C (SIGINT); the partial report is printed
inline constexpr int kExitThresholds = 99;  // a threshold failed (k6's code)

// When several apply, the first wins: 2, 130, 4, 99, 3, 1, 0 (README "Exit codes"). With
// thresholds, failed requests alone do not make 1: the thresholds judge the run.
// Validates, runs with Ctrl-C handling and a progress line, prints the report; returns the exit code.
int runCli(const CliOptions& options, std::ostream& out, std::ostream& err);
// The exit code for a run's (or a merged run's) result, by the order above.
int exitCodeFor(const RunResult& result);
// On stderr whatever the report format: nothing completed, the limits verdict, failed thresholds.
void printWarnings(const RunResult& result, std::ostream& err);
// Writes `text` to `out` and returns `code`, or says why it could not and returns kExitWriteFailed.
int writeOut(const std::string& text, std::ostream& out, std::ostream& err, int code);

}  // namespace salvo::cli
