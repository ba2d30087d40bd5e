#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "salvo/ProgressEvent.hpp"
#include "salvo/RunSpec.hpp"
#include "salvo/Tally.hpp"

namespace salvo {

enum class Outcome { running, finished, cancelled, failed };
const char* outcomeName(Outcome outcome);

// Everything known about a run so far, built on the consumer's side by merging events.
// The GUI's live figures, the summary, the CLI and every export read this one value.
struct RunResult {
    // What was asked.
    std::string url;
    std::uint64_t planned = 0;
    std::uint32_t connections = 0;
    std::uint32_t threads = 0;
    bool insecure = false;  // TLS verification was switched off on purpose

    // What happened.
    Outcome outcome = Outcome::running;
    std::string message;           // why it failed or was cancelled; empty when finished
    Tally total;
    double elapsedSeconds = 0;     // from start to the newest event
    std::uint64_t inFlightAtEnd = 0;  // requests abandoned by a cancel or a failure
    std::vector<std::uint64_t> completedPerSecond;  // timeline: requests completed in second i

    static RunResult planFor(const RunSpec& spec);
    void apply(const ProgressEvent& event);

    bool done() const { return outcome != Outcome::running; }
    double requestsPerSecond() const;
    double progress() const;  // 0..1 of planned requests completed
};

}  // namespace salvo
