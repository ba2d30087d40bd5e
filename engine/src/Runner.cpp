#include "salvo/Runner.hpp"

#include "salvo/Shard.hpp"

#include <sys/resource.h>

#include <thread>

#include "Request.hpp"
#include "TlsContext.hpp"
#include "Worker.hpp"

namespace salvo {

namespace {

// Each request's body and headers move out of the shared spec into its PreparedRequest, so a
// large body is held once there and once in the bytes sent, not copied again per request.
std::unique_ptr<RunShared> makeShared(const RunSpec& spec) {
    auto shared = std::make_unique<RunShared>();
    shared->spec = spec;
    RunSpec& own = shared->spec;
    std::vector<RequestSpec> list = std::move(own.requests);
    if (list.empty())
        list.push_back({{}, own.method, own.target.requestTarget, std::move(own.headers), std::move(own.body),
                        own.bodyFile, std::move(own.check), 1});
    std::vector<std::uint32_t> weights;
    for (RequestSpec& request : list) {
        PreparedRequest& p = shared->requests.emplace_back();
        p.bytes = serializeRequest(own, request, request.requestTarget, false);
        p.idempotent = isIdempotent(request.method);
        p.headRequest = request.method == "HEAD";
        p.check = makeResponseCheck(request.check);
        if (own.http2()) p.h2Fields = http2Fields(own, request, request.requestTarget, false);
        weights.push_back(request.weight);
        p.spec = std::move(request);
    }
    if (!spec.requests.empty()) shared->cycle = weightedCycle(weights);  // named: a breakdown, even of one
    if (own.target.isTls()) shared->tls = makeClientTlsContext(own.tls, shared->tlsError, own.http2());
    return shared;
}

}  // namespace

Runner::Runner() = default;

Runner::~Runner() {
    cancel();
    workers_.clear();  // each Worker joins its thread
}

void Runner::start(const RunSpec& spec) {
    cancel();
    workers_.clear();
    shared_ = makeShared(spec);
    anyFatal_ = anyCancelled_ = false;
    fatalMessage_.clear();
    abortedBy_ = kNone;
    abortMessage_.clear();
    raiseOpenFileLimit();

    // Worker i takes every threads-th request of this machine's share, starting at i (so the
    // first workers take the remainder of a count); connections split evenly the same way. A
    // machine's share is every N-th request of the whole plan (Shard.hpp), so worker i of share
    // I of N takes the global indices I + N*i, stepping by N*threads.
    // validate() and applyShard() guarantee threads <= connections <= count for the share.
    const Shard& shard = spec.shard;
    const std::uint32_t connections = shareConnections(spec);
    const auto most = static_cast<std::uint32_t>(
        shareOf(std::max(spec.load.maxConnections, spec.connections), shard.index, shard.count));
    const std::uint32_t threads = shareThreads(spec);
    const std::uint32_t machines = std::max<std::uint32_t>(1, shard.count);
    shared_->workers = threads;
    start_ = Worker::Clock::now();
    for (std::uint32_t i = 0; i < threads; ++i) {
        WorkerShare share{i, shard.index + machines * i, machines * threads,
                          connections / threads + (i < connections % threads ? 1 : 0),
                          most / threads + (i < most % threads ? 1 : 0)};
        workers_.push_back(std::make_unique<Worker>(*shared_, share, start_));
    }
    finalApplied_.assign(workers_.size(), false);
    for (auto& worker : workers_) worker->start();
}

void Runner::cancel() {
    for (auto& worker : workers_) worker->cancel();
}

bool Runner::changeRate(double rps) {
    if (workers_.empty() || !shared_ || !shared_->spec.load.open() || !(rps > 0) || rps > kMaxRate) return false;
    // Every worker switches at the same moment of the schedule, a little ahead so that none has
    // already handed out requests past it under the old rate (a worker that sees it later
    // switches when it sees it). Before the schedule starts, the change covers the whole plan.
    const auto started = shared_->scheduleStart.load();
    const double at = started == 0 ? 0.0
        : std::chrono::duration<double>(Worker::Clock::now() - Worker::Clock::time_point(Worker::Clock::duration(started))).count() + 0.005;
    const LoadPlan& load = shared_->spec.load;
    if (load.timed() && at >= load.durationSeconds) return false;  // the plan is over: nothing left to change
    for (auto& worker : workers_) worker->changeRate(at, rps);
    pendingRateChanges_.push_back({at, rps});
    return true;
}

bool Runner::drain(RunResult& result) {
    if (workers_.empty()) return result.done();
    for (const auto& change : pendingRateChanges_) result.rateChanges.push_back(change);
    pendingRateChanges_.clear();
    std::vector<ProgressEvent> last;
    bool allDone = true;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
        Worker& worker = *workers_[i];
        const bool finished = worker.finished();  // before popping: see Worker::takeFinal
        while (auto event = worker.pop()) {
            result.apply(*event);
            worker.handBack(std::move(event));
        }
        if (!finalApplied_[i] && finished && worker.takeFinal(last)) {
            finalApplied_[i] = true;
            for (const auto& e : last) result.apply(e);
            const ProgressEvent& ending = last.back();
            anyCancelled_ = anyCancelled_ || ending.cancelled;
            if (ending.fatal && !anyFatal_) {
                anyFatal_ = true;
                fatalMessage_ = ending.message;
                cancel();  // one worker cannot reach the target: the others stop too
            }
        }
        allDone = allDone && finalApplied_[i];
    }
    if (allDone) finish(result);
    else judge(result);
    return allDone;
}

// Thresholds move with the figures; one with abort_on_fail, once breached past its delay, ends
// the run the way Cancel does (the figures so far are kept) and says which one did.
void Runner::judge(RunResult& result) {
    if (result.thresholdRules.empty()) return;
    result.thresholds = judgeThresholds(result.thresholdRules, result, false);
    for (std::size_t i = 0; i < result.thresholds.size(); ++i) {
        ThresholdOutcome& outcome = result.thresholds[i];
        if (i == abortedBy_) outcome.aborted = true;
        if (abortedBy_ != kNone || !outcome.abortOnFail || outcome.state != ThresholdState::failed) continue;
        if (result.elapsedSeconds < result.thresholdRules[i].abortDelaySeconds) continue;
        abortedBy_ = i;
        outcome.aborted = true;
        abortOutcome_ = outcome;
        abortMessage_ = "ended early: threshold " + outcome.threshold + " failed (" + outcome.measured + ")";
        cancel();
    }
}

void Runner::finish(RunResult& result) {
    for (auto& worker : workers_) worker->join();
    workers_.clear();
    result.complete();
    result.thresholds = judgeThresholds(result.thresholdRules, result, true);
    if (abortedBy_ != kNone && abortedBy_ < result.thresholds.size()) {
        // The breach that ended the run stands, even if the last few responses brought the
        // figure back within the limit: the run did not go on to prove otherwise.
        ThresholdOutcome& final = result.thresholds[abortedBy_];
        if (final.state != ThresholdState::failed) final = abortOutcome_;
        final.aborted = true;
    }
    if (anyFatal_) {
        result.outcome = Outcome::failed;
        result.message = fatalMessage_;
    } else if (const std::uint64_t done = result.total.completed() + result.warmup.completed();
               anyCancelled_ && (result.planned == 0 || done < result.planned)) {
        result.outcome = Outcome::cancelled;
        result.message = cancelledMessage(done, result.planned);
    } else {
        result.outcome = Outcome::finished;
    }
}

std::string Runner::cancelledMessage(std::uint64_t done, std::uint64_t planned) const {
    return (abortedBy_ != kNone ? abortMessage_ + ", " : std::string()) + "cancelled after " + std::to_string(done) +
           (planned ? " of " + std::to_string(planned) : std::string()) + " requests";
}

RunResult runBlocking(const RunSpec& spec, const std::function<void(const RunResult&)>& onProgress,
                      const std::function<bool()>& shouldCancel, std::chrono::milliseconds tick) {
    RunResult result = RunResult::planFor(spec);
    Runner runner;
    runner.start(spec);
    bool cancelled = false;
    while (!runner.drain(result)) {
        if (!cancelled && shouldCancel && shouldCancel()) {
            runner.cancel();
            cancelled = true;
        }
        if (onProgress) onProgress(result);
        std::this_thread::sleep_for(tick);
    }
    return result;
}

std::uint64_t raiseOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

}  // namespace salvo
