#include "salvo/Runner.hpp"

#include <sys/resource.h>

#include <thread>

#include "Request.hpp"
#include "TlsContext.hpp"
#include "Worker.hpp"

namespace salvo {

namespace {

std::unique_ptr<RunShared> makeShared(const RunSpec& spec) {
    auto shared = std::make_unique<RunShared>();
    shared->spec = spec;
    shared->request = serializeRequest(spec);
    shared->idempotent = isIdempotent(spec.method);
    shared->headRequest = spec.method == "HEAD";
    if (spec.target.isTls()) shared->tls = makeClientTlsContext(spec.tls, shared->tlsError);
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
    raiseOpenFileLimit();

    // Split requests and connections evenly; the first workers take the remainders.
    // validate() guarantees threads <= connections <= count, so each worker gets both.
    const std::uint32_t threads = std::max<std::uint32_t>(1, std::min(spec.threads, spec.connections));
    const auto start = Worker::Clock::now();
    for (std::uint32_t i = 0; i < threads; ++i) {
        const std::uint64_t count = spec.count / threads + (i < spec.count % threads ? 1 : 0);
        const std::uint32_t conns = spec.connections / threads + (i < spec.connections % threads ? 1 : 0);
        workers_.push_back(std::make_unique<Worker>(*shared_, count, conns, start));
    }
    finalApplied_.assign(workers_.size(), false);
    for (auto& worker : workers_) worker->start();
}

void Runner::cancel() {
    for (auto& worker : workers_) worker->cancel();
}

bool Runner::drain(RunResult& result) {
    if (workers_.empty()) return result.done();
    ProgressEvent event;
    bool allDone = true;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
        Worker& worker = *workers_[i];
        const bool finished = worker.finished();  // before popping: see Worker::takeFinal
        while (worker.pop(event)) result.apply(event);
        if (!finalApplied_[i] && finished && worker.takeFinal(event)) {
            finalApplied_[i] = true;
            result.apply(event);
            anyCancelled_ = anyCancelled_ || event.cancelled;
            if (event.fatal && !anyFatal_) {
                anyFatal_ = true;
                fatalMessage_ = event.message;
                cancel();  // one worker cannot reach the target: the others stop too
            }
        }
        allDone = allDone && finalApplied_[i];
    }
    if (allDone) finish(result);
    return allDone;
}

void Runner::finish(RunResult& result) {
    for (auto& worker : workers_) worker->join();
    workers_.clear();
    if (anyFatal_) {
        result.outcome = Outcome::failed;
        result.message = fatalMessage_;
    } else if (anyCancelled_ && result.total.completed() < result.planned) {
        result.outcome = Outcome::cancelled;
        result.message = "cancelled after " + std::to_string(result.total.completed()) + " of " +
                         std::to_string(result.planned) + " requests";
    } else {
        result.outcome = Outcome::finished;
    }
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
