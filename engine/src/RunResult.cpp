#include "salvo/RunResult.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "salvo/HdrEncoding.hpp"
#include "salvo/Schedule.hpp"
#include "salvo/Shard.hpp"
#include "SecondSummary.hpp"

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

const char* verdictName(Verdict verdict) {
    switch (verdict) {
        case Verdict::ok: return "ok";
        case Verdict::connectionLimited: return "connection_limited";
        case Verdict::generatorLimited: return "generator_limited";
    }
    return "unknown";
}

RunResult RunResult::planFor(const RunSpec& spec) {
    RunResult result;
    result.url = spec.target.url();
    result.shard = spec.shard;
    result.load = shareLoad(spec.load, spec.shard);  // a share's report tells its own part
    result.planned = result.load.counted() ? result.load.count : 0;
    result.connections = shareConnections(spec);
    result.threads = shareThreads(spec);
    result.insecure = spec.target.isTls() && !spec.tls.verify;
    result.timeoutSeconds = std::chrono::duration<double>(spec.timeout).count();
    result.streams = spec.streams;
    if (spec.http == HttpVersion::h2c) result.protocol = "h2c";
    else if (spec.http != HttpVersion::http1 && spec.target.isTls()) result.protocol = "h2";
    for (const RequestSpec& r : spec.requests) result.requestNames.push_back(r.name);
    result.requests.resize(spec.requests.size());
    result.thresholdRules = spec.thresholds;
    result.thresholds = judgeThresholds(spec.thresholds, result, false);
    result.workerSecond_.assign(result.threads, 0);
    result.lastConnections_.assign(result.threads, 0);
    result.lastInFlight_.assign(result.threads, 0);
    return result;
}

const Tally* RunResult::requestTally(const std::string& name) const {
    for (std::size_t i = 0; i < requestNames.size() && i < requests.size(); ++i)
        if (requestNames[i] == name) return &requests[i];
    return nullptr;
}

void RunResult::apply(const ProgressEvent& event) {
    total.merge(event.delta);
    warmup.merge(event.warmup);
    for (std::size_t i = 0; i < event.requests.size() && i < requests.size(); ++i) requests[i].merge(event.requests[i]);
    elapsedSeconds = std::max(elapsedSeconds, event.elapsedSeconds);

    Tally& second = openSeconds_[event.second];  // bounded: seconds some worker may still add to
    second.merge(event.delta);
    second.merge(event.warmup);
    const std::size_t w = event.worker;
    if (workerSecond_.size() <= w) {
        workerSecond_.resize(w + 1, 0);
        lastConnections_.resize(w + 1, 0);
        lastInFlight_.resize(w + 1, 0);
    }
    lastConnections_[w] = event.connections;
    connectionsNow = static_cast<std::uint32_t>(std::accumulate(lastConnections_.begin(), lastConnections_.end(), 0.0));
    lastInFlight_[w] = event.last ? 0 : event.inFlight;
    inFlightNow = std::accumulate(lastInFlight_.begin(), lastInFlight_.end(), std::uint64_t{0});
    workerSecond_[w] = event.last ? UINT32_MAX : std::max(workerSecond_[w], event.second);
    for (const Tally* t : {&event.delta, &event.warmup})
        for (const auto& entry : t->errorMessages) noteSeen(entry.first, event.second);
    if (event.last) {
        inFlightAtEnd += event.inFlight;
        inFlightLongestSeconds = std::max(inFlightLongestSeconds, event.end.inFlightLongestSeconds);
        scheduled += event.end.scheduled;
        dropped += event.end.dropped;
        http2Connections += event.end.http2Connections;
        http1Connections += event.end.http1Connections;
        fellBackConnections += event.end.fellBackConnections;
        ends_.push_back(event.end);
    }
    // A second is closed once every worker has reported a later one (or ended).
    closeSecondsBefore(*std::min_element(workerSecond_.begin(), workerSecond_.end()));
}

// Keyed like the run's counts: a message the totals could not keep any more (over the cap) is
// seen under its kind's "(other messages)", so this map stays as small as the counts.
void RunResult::noteSeen(const std::pair<std::string, std::string>& key, std::uint32_t second) {
    auto where = key;
    if (!total.errorMessages.contains(key) && !warmup.errorMessages.contains(key))
        where.second = Tally::kOtherMessages;
    const auto [seen, fresh] = errorsSeen.try_emplace(where, ErrorSeen{second, second});
    if (fresh) return;
    seen->second.firstSecond = std::min(seen->second.firstSecond, second);
    seen->second.lastSecond = std::max(seen->second.lastSecond, second);
}

// The plan's rate as it was run: the plan, then each change made while it ran.
RateCurve RunResult::rateCurve() const {
    RateCurve curve = RateCurve::forPlan(load);
    for (const auto& change : rateChanges) curve.changeRate(change.atSeconds, change.targetRps);
    return curve;
}

namespace {

// The percentiles of one closed second; the service time is the latency in the closed model.
void summarize(const Tally& t, bool open, SecondStats& stats) {
    stats.sent = t.sent;
    stats.completed = t.completed();
    stats.failed = t.failed;
    stats.responses = t.latency.count();
    summarizeSecond(t.latency, open ? &t.serviceTime : nullptr, stats);
}

}  // namespace

void RunResult::closeSecondsBefore(std::uint32_t second) {
    if (openSeconds_.empty() || openSeconds_.begin()->first >= second) return;
    const RateCurve curve = rateCurve();
    while (!openSeconds_.empty() && openSeconds_.begin()->first < second) {
        const std::uint32_t index = openSeconds_.begin()->first;
        // Seconds in which nothing at all was reported still get their entry.
        while (timeline.size() <= index) {
            SecondStats stats;
            const auto s = static_cast<double>(timeline.size());
            stats.targetRps = curve.rateAt(s + 0.5);
            stats.connections = connectionsNow;
            stats.warmup = s < load.warmupSeconds;
            if (timeline.size() == index) summarize(openSeconds_.begin()->second, open(), stats);
            stats.inFlight = inFlightNow;
            timeline.push_back(stats);
        }
        openSeconds_.erase(openSeconds_.begin());
    }
}

namespace {

std::string percent(double fraction) { return std::to_string(std::lround(fraction * 100)) + "%"; }
std::string ms(double value) { return std::to_string(std::lround(value)) + " ms"; }

// The generator's verdict (README "Honest numbers"): generator-limited when the schedule ran
// late while connections sat idle (a CPU quota shows there, where the thread's CPU clock cannot
// see it), or an engine thread was busy above 90% of the time. The event loop's own lateness is
// reported beside it, as a clue, not as a rule: on a busy machine a few late ticks are normal.
constexpr double kLagLimitMs = 10;
constexpr double kBusyLimit = 0.9;
constexpr std::uint64_t kLagSamplesNeeded = 50;  // one hiccup in a tiny run is no verdict

void judge(RunResult& r, const std::vector<WorkerEnd>& ends);

}  // namespace

// What the connections spoke: HTTP/2 as asked, or (--http2=auto) HTTP/1.1 where the server
// chose it, said in a note.
void RunResult::noteProtocol() {
    if (fellBackConnections == 0) return;
    const std::uint64_t all = http2Connections + http1Connections;
    if (http2Connections == 0) protocol = "http/1.1";
    protocolNote = "--http2=auto: " +
                   (url.starts_with("http://") ? std::string("over http:// HTTP/2 needs --h2c; HTTP/1.1 on ")
                                               : std::string("the server chose HTTP/1.1 on ")) +
                   std::to_string(fellBackConnections) + " of " + std::to_string(all) +
                   (all == 1 ? " connection" : " connections");
}

namespace {

void judge(RunResult& r, const std::vector<WorkerEnd>& ends) {
    Limits& limits = r.limits;
    LatencyHistogram idleLag, loopLag;
    for (const auto& end : ends) {
        if (end.busySeconds > 0.2)
            limits.engineCpuMax = std::max(limits.engineCpuMax, std::min(1.0, end.cpuSeconds / end.busySeconds));
        limits.peakConnections += end.peakConnections;
        limits.waitedForConnection += end.waitedForConnection;
        idleLag.merge(end.idleLag);
        loopLag.merge(end.loopLag);
    }
    limits.idleLagP99Ms = static_cast<double>(idleLag.percentile(99)) / 1e6;
    limits.loopLagP99Ms = static_cast<double>(loopLag.percentile(99)) / 1e6;
    double peakRate = r.load.peakRate();
    for (const auto& change : r.rateChanges) peakRate = std::max(peakRate, change.targetRps);
    if (r.open()) limits.connectionsNeeded = peakRate * r.total.serviceTime.mean() / 1e9;

    const bool busy = limits.engineCpuMax > kBusyLimit;
    if (!r.open()) {
        if (!busy) return;
        limits.verdict = Verdict::generatorLimited;
        limits.message = "the busiest engine thread was busy " + percent(limits.engineCpuMax) +
                         " of the time: Salvo, not the server, may have set the pace (try more --threads)";
        return;
    }
    std::string why;
    if (busy) why = "the busiest engine thread was busy " + percent(limits.engineCpuMax) + " of the time";
    else if (limits.idleLagP99Ms > kLagLimitMs && idleLag.count() >= kLagSamplesNeeded)
        why = "requests went out " + ms(limits.idleLagP99Ms) + " late (p99) while connections sat idle" +
              (limits.loopLagP99Ms > kLagLimitMs ? " (its event loop ran " + ms(limits.loopLagP99Ms) +
                                                       " late: short of CPU, from a quota or other busy processes)"
                                                 : "");
    if (!why.empty()) {
        limits.verdict = Verdict::generatorLimited;
        limits.message = "Salvo could not keep the schedule: " + why +
                         ". The figures describe Salvo, not the target: lower the rate, add --threads, or give "
                         "Salvo more CPU.";
        return;
    }
    const std::uint64_t sent = std::max<std::uint64_t>(1, r.sent());
    const bool poolFull = limits.peakConnections >= r.load.maxConnections;
    if (poolFull && limits.waitedForConnection > 0 && limits.waitedForConnection * 100 > sent) {
        limits.verdict = Verdict::connectionLimited;
        limits.message = std::to_string(limits.waitedForConnection) + " requests (" +
                         percent(static_cast<double>(limits.waitedForConnection) / static_cast<double>(sent)) +
                         ") waited over 10 ms for a connection: all " + std::to_string(r.load.maxConnections) +
                         " allowed connections were busy. Holding " + std::to_string(std::lround(peakRate)) +
                         " req/s at the mean service time of " + ms(r.total.serviceTime.mean() / 1e6) +
                         " needs about " + std::to_string(std::max(1L, std::lround(limits.connectionsNeeded))) +
                         " connections (Little's law): raise the max connections, or the target is too slow "
                         "for this rate.";
    }
}

}  // namespace

void RunResult::complete() {
    closeSecondsBefore(UINT32_MAX);
    judge(*this, ends_);
    noteProtocol();
}

// Over the time requests were being issued: a time limit's grace period (a slow tail) would
// understate the achieved rate.
double RunResult::measuredSeconds() const {
    const double issuing = load.timed() ? std::min(elapsedSeconds, load.durationSeconds) : elapsedSeconds;
    return issuing - std::min(load.warmupSeconds, issuing);
}

std::optional<double> RunResult::perMeasuredSecond(std::uint64_t count) const {
    const double measured = measuredSeconds();
    if (measured <= 0) return std::nullopt;
    return static_cast<double>(count) / measured;
}

double RunResult::requestsPerSecond() const { return perMeasuredSecond(total.completed()).value_or(0.0); }

double RunResult::succeededPerSecond() const {
    const double all = requestsPerSecond();
    const std::uint64_t completed = total.completed();
    return completed ? all * static_cast<double>(total.succeeded) / static_cast<double>(completed) : 0.0;
}

double RunResult::progress() const {
    double done = 0;
    if (planned > 0) done = static_cast<double>(total.completed() + warmup.completed()) / static_cast<double>(planned);
    if (load.timed()) done = std::max(done, elapsedSeconds / load.durationSeconds);
    return std::clamp(done, 0.0, 1.0);
}

std::map<std::pair<std::string, std::string>, std::uint64_t> RunResult::errorMessages() const {
    auto all = total.errorMessages;
    for (const auto& [key, n] : warmup.errorMessages) all[key] += n;
    return all;
}

double RunResult::targetRateNow() const {
    if (!open()) return 0;
    const RateCurve curve = rateCurve();
    return curve.rateAt(elapsedSeconds);
}

}  // namespace salvo
