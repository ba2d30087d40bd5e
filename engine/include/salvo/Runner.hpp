#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "salvo/RunResult.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo {

class Worker;
struct RunShared;

// Runs one load test on background threads (spec.threads of them, each with its own
// io_context). start() returns at once; the consumer calls drain() from one thread (the GUI's
// timer, the CLI's loop) to fold the workers' deltas into a RunResult. cancel() is safe from
// any thread. Threads are always joined: when drain() sees the end, or in the destructor.
class Runner {
public:
    Runner();
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Starts a run of a validated spec. Any previous run is cancelled and joined first.
    void start(const RunSpec& spec);
    void cancel();
    // Open-model runs only: from now on the target rate is `rps` (0 < rps <= kMaxRate), constant
    // until the plan's end; due times already passed are kept. The change is added to the
    // result's rateChanges on the next drain. Returns false, changing nothing, for a closed-model
    // run, a run that is over, or a rate out of range.
    bool changeRate(double rps);

    // Moves every pending delta into `result` (which should start as RunResult::planFor(spec))
    // and judges its thresholds; one with abort_on_fail that fails cancels the run.
    // Returns true once the run is over: result.outcome and result.message are then final.
    bool drain(RunResult& result);

    bool active() const { return !workers_.empty(); }

private:
    void finish(RunResult& result);
    void judge(RunResult& result);
    std::string cancelledMessage(std::uint64_t done, std::uint64_t planned) const;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    std::unique_ptr<RunShared> shared_;  // stable address: workers hold references to it
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<bool> finalApplied_;
    bool anyFatal_ = false;
    bool anyCancelled_ = false;
    std::string fatalMessage_;
    std::size_t abortedBy_ = kNone;  // the abort_on_fail threshold that ended the run
    std::string abortMessage_;
    ThresholdOutcome abortOutcome_;  // that threshold as it stood when it ended the run
    std::vector<RateChange> pendingRateChanges_;  // made since the last drain
    std::chrono::steady_clock::time_point start_{};
};

// Runs to the end on the calling thread, calling `onProgress` about every `tick` with the
// result so far. `shouldCancel` is polled at the same pace (for Ctrl-C). Used by the CLI and tests.
RunResult runBlocking(const RunSpec& spec, const std::function<void(const RunResult&)>& onProgress = {},
                      const std::function<bool()>& shouldCancel = {},
                      std::chrono::milliseconds tick = std::chrono::milliseconds(20));

// Raises this process's soft open-file limit to its hard limit, so many connections can open.
// Returns the limit now in force.
std::uint64_t raiseOpenFileLimit();

}  // namespace salvo
