#pragma once

#include <ostream>

#include "CliOptions.hpp"

namespace salvo::cli {

inline constexpr int kExitOk = 0;           // every request succeeded (status < 400)
inline constexpr int kExitFailures = 1;     // the run failed, or some requests failed
inline constexpr int kExitBadInput = 2;     // invalid flags or values; nothing was sent
inline constexpr int kExitWriteFailed = 4;  // the report could not be written (full disk, closed stdout)
inline constexpr int kExitInterrupted = 130;  // Ctrl-C (SIGINT); the partial report is printed

// Validates, runs with Ctrl-C handling and a progress line, prints the report; returns the exit code.
int runCli(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace salvo::cli
