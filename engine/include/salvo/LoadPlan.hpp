#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace salvo {

// One stage of a ramping open-model plan (k6's ramping-arrival-rate): over `seconds` the rate
// moves linearly from the previous stage's target (or the plan's start rate) to `targetRps`.
struct Stage {
    double seconds = 0;
    double targetRps = 0;
    bool operator==(const Stage&) const = default;
};

// How due times are spaced in the open model: evenly (wrk2, vegeta's constant pacer) or as a
// Poisson process (exponential gaps, seeded so a run can be repeated).
enum class Arrival { uniform, poisson };
const char* arrivalName(Arrival arrival);

inline constexpr std::uint64_t kNoCountLimit = std::numeric_limits<std::uint64_t>::max();

// How load is applied. Closed model (no rate, no stages): each connection sends its next request
// when the previous response arrives. Open model: requests fall due on one global schedule,
// whatever the server does, and latency counts from the due time.
struct LoadPlan {
    std::uint64_t count = 200;        // at most this many requests; kNoCountLimit: time ends the run
    double durationSeconds = 0;       // 0: no time limit; with stages, their sum
    std::optional<double> rate;       // constant total requests/s over all connections and threads
    double startRate = 0;             // stages ramp from here
    std::vector<Stage> stages;
    std::uint32_t maxConnections = 0; // open model: the pool may grow to this (>= connections)
    double warmupSeconds = 0;         // requests due before this are kept apart from the figures
    double graceSeconds = 5;          // after a time limit, in-flight requests get this long (<= timeout)
    Arrival arrival = Arrival::uniform;
    std::uint64_t seed = 1;           // for poisson arrivals

    bool open() const { return rate.has_value() || !stages.empty(); }
    bool timed() const { return durationSeconds > 0; }
    bool counted() const { return count != kNoCountLimit; }
    double peakRate() const;          // the highest target rate of the plan (0 in the closed model)
};

}  // namespace salvo
