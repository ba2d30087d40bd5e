#include "salvo/RunResult.hpp"

#include <algorithm>
#include <cmath>

namespace salvo {

const char* outcomeName(Outcome outcome) {
    switch (outcome) {
        case Outcome::running: return "running";
        case Outcome::finished: return "finished";
        case Outcome::cancelled: return "cancelled";
        case Outcome::failed: return "failed";
    }
    return "unknown";
}

RunResult RunResult::planFor(const RunSpec& spec) {
    RunResult result;
    result.url = spec.target.url();
    result.planned = spec.count;
    result.connections = spec.connections;
    result.threads = spec.threads;
    result.insecure = spec.target.isTls() && !spec.tls.verify;
    return result;
}

void RunResult::apply(const ProgressEvent& event) {
    total.merge(event.delta);
    elapsedSeconds = std::max(elapsedSeconds, event.elapsedSeconds);
    const auto second = static_cast<std::size_t>(std::max(0.0, std::floor(event.elapsedSeconds)));
    // Bounded: one slot per second of the run.
    if (completedPerSecond.size() <= second) completedPerSecond.resize(second + 1, 0);
    completedPerSecond[second] += event.delta.completed();
    inFlightAtEnd += event.inFlight;
}

double RunResult::requestsPerSecond() const {
    return elapsedSeconds > 0 ? static_cast<double>(total.completed()) / elapsedSeconds : 0.0;
}

double RunResult::progress() const {
    return planned == 0 ? 0.0
                        : std::min(1.0, static_cast<double>(total.completed()) / planned);
}

}  // namespace salvo
