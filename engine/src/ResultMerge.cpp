#include "ResultMerge.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "salvo/HdrEncoding.hpp"
#include "salvo/Shard.hpp"
#include "SecondSummary.hpp"

namespace salvo {
namespace {

// How long after the first share each share started, in seconds: where its timeline goes.
// (mergeRecords has checked that every started_at reads, and that they lie within a day.)
std::vector<double> startOffsets(const std::vector<const RunRecord*>& shares) {
    std::vector<std::chrono::system_clock::time_point> starts;
    for (const RunRecord* r : shares) starts.push_back(parseStartAt(r->startedAt).at.value_or(std::chrono::system_clock::time_point{}));
    const auto first = *std::min_element(starts.begin(), starts.end());
    std::vector<double> offsets;
    for (const auto& start : starts) offsets.push_back(std::chrono::duration<double>(start - first).count());
    return offsets;
}

std::string sharePrefix(const RunResult& s) { return "share index " + std::to_string(s.shard.index) + ": "; }

void addCounts(RunResult& m, const RunResult& s) {
    m.total.merge(s.total);
    m.warmup.merge(s.warmup);
    for (std::size_t i = 0; i < m.requests.size() && i < s.requests.size(); ++i) m.requests[i].merge(s.requests[i]);
    m.connections += s.connections;
    m.threads += s.threads;
    m.insecure = m.insecure || s.insecure;
    m.inFlightAtEnd += s.inFlightAtEnd;
    m.inFlightLongestSeconds = std::max(m.inFlightLongestSeconds, s.inFlightLongestSeconds);
    m.scheduled += s.scheduled;
    m.dropped += s.dropped;
    m.http2Connections += s.http2Connections;
    m.http1Connections += s.http1Connections;
    m.fellBackConnections += s.fellBackConnections;
}

int severity(Outcome o) { return o == Outcome::failed ? 3 : o == Outcome::cancelled ? 2 : o == Outcome::running ? 1 : 0; }
int severity(Verdict v) { return v == Verdict::generatorLimited ? 2 : v == Verdict::connectionLimited ? 1 : 0; }

void append(std::string& text, const std::string& more) { text += (text.empty() ? "" : "; ") + more; }

// The worst outcome of any share, with every share's own message.
void addOutcome(RunResult& m, const RunResult& s) {
    if (severity(s.outcome) > severity(m.outcome)) m.outcome = s.outcome;
    if (!s.message.empty()) append(m.message, sharePrefix(s) + s.message);
    if (!s.protocolNote.empty()) append(m.protocolNote, sharePrefix(s) + s.protocolNote);
}

// The worst verdict and its message; the figures as the whole run would have them.
void addLimits(Limits& m, const RunResult& share) {
    const Limits& s = share.limits;
    if (severity(s.verdict) > severity(m.verdict)) {
        m.verdict = s.verdict;
        m.message = sharePrefix(share) + s.message;
    }
    m.engineCpuMax = std::max(m.engineCpuMax, s.engineCpuMax);
    m.peakConnections += s.peakConnections;
    m.waitedForConnection += s.waitedForConnection;
    m.idleLagP99Ms = std::max(m.idleLagP99Ms, s.idleLagP99Ms);
    m.loopLagP99Ms = std::max(m.loopLagP99Ms, s.loopLagP99Ms);
    m.connectionsNeeded += s.connectionsNeeded;
}

void addErrorsSeen(RunResult& m, const RunResult& s, std::uint32_t shift) {
    for (const auto& [key, seen] : s.errorsSeen) {
        const ErrorSeen moved{seen.firstSecond + shift, seen.lastSecond + shift};
        const auto [at, fresh] = m.errorsSeen.try_emplace(key, moved);
        if (fresh) continue;
        at->second.firstSecond = std::min(at->second.firstSecond, moved.firstSecond);
        at->second.lastSecond = std::max(at->second.lastSecond, moved.lastSecond);
    }
}

// One second of the merged timeline while shares are added to it.
struct SecondSum {
    SecondStats stats;
    LatencyHistogram latency, service;
    std::uint64_t latencyMax = 0, serviceMax = 0;  // exact, where the encoded buckets round
    bool exact = true;  // every share's second had its histograms (records before they were kept may not)
};

// Adds an encoded histogram; false when there is none to add although responses were counted.
bool addEncoded(const std::string& encoded, std::uint64_t responses, LatencyHistogram& into) {
    if (encoded.empty()) return responses == 0;
    HdrDecoded decoded = decodeHdr(encoded);
    if (!decoded.histogram) return false;
    into.merge(*decoded.histogram);
    return true;
}

void addSecond(SecondSum& sum, const SecondStats& s, bool open) {
    SecondStats& m = sum.stats;
    m.sent += s.sent;
    m.completed += s.completed;
    m.failed += s.failed;
    m.responses += s.responses;
    m.inFlight += s.inFlight;
    m.targetRps += s.targetRps;
    m.connections += s.connections;
    m.warmup = m.warmup || s.warmup;
    sum.latencyMax = std::max(sum.latencyMax, s.latencyMax);
    sum.serviceMax = std::max(sum.serviceMax, s.serviceMax);
    sum.exact = addEncoded(s.latencyHdr, s.responses, sum.latency) && sum.exact;
    if (open) sum.exact = addEncoded(s.serviceHdr, s.responses, sum.service) && sum.exact;
    // Without histograms to add, the worst share's figures are an upper bound.
    for (auto [to, from] : {std::pair{&m.latencyP50, s.latencyP50}, {&m.latencyP90, s.latencyP90},
                            {&m.latencyP99, s.latencyP99}, {&m.latencyMax, s.latencyMax},
                            {&m.serviceP50, s.serviceP50}, {&m.serviceP90, s.serviceP90},
                            {&m.serviceP99, s.serviceP99}, {&m.serviceMax, s.serviceMax}})
        *to = std::max(*to, from);
}

// A decoded histogram's max is its top bucket's bound; the seconds kept the exact one, which
// also bounds the percentiles as the run itself reported them.
void restoreMax(LatencyHistogram& h, std::uint64_t max) {
    if (h.empty() || max < h.min()) return;  // an edited record's max: keep the buckets' own
    const long double count = static_cast<long double>(h.count());  // the mean from bucket middles may pass max
    h.restoreExact(h.min(), max, std::clamp(h.sum(), h.min() * count, max * count));
}

void finishSecond(SecondSum& sum, bool open) {
    if (!sum.exact) return;
    restoreMax(sum.latency, sum.latencyMax);
    if (open) restoreMax(sum.service, sum.serviceMax);
    summarizeSecond(sum.latency, open ? &sum.service : nullptr, sum.stats);
}

// Second by second, each finished (and its histograms encoded) before the next is added up, so
// a long run's merge holds one second's histograms at a time.
std::vector<SecondStats> mergeTimelines(const std::vector<const RunRecord*>& shares, const std::vector<std::uint32_t>& shifts,
                                        bool open) {
    std::size_t seconds = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) seconds = std::max<std::size_t>(seconds, shifts[i] + shares[i]->result.timeline.size());
    std::vector<SecondStats> merged;
    merged.reserve(seconds);
    for (std::size_t second = 0; second < seconds; ++second) {
        SecondSum sum;
        for (std::size_t i = 0; i < shares.size(); ++i) {
            const auto& timeline = shares[i]->result.timeline;
            if (second >= shifts[i] && second - shifts[i] < timeline.size()) addSecond(sum, timeline[second - shifts[i]], open);
        }
        finishSecond(sum, open);
        merged.push_back(std::move(sum.stats));
    }
    return merged;
}

// The shares' thresholds (the same on each), judged again on the whole run.
void judgeWhole(RunResult& m, const std::vector<const RunRecord*>& shares) {
    for (const ThresholdOutcome& o : shares.front()->result.thresholds) {
        Threshold rule;
        std::string message;
        if (parseThreshold({o.threshold, o.abortOnFail, {}}, rule, message)) m.thresholdRules.push_back(rule);
    }
    m.thresholds = judgeThresholds(m.thresholdRules, m, true);
    for (ThresholdOutcome& o : m.thresholds)  // a share that this threshold stopped stopped the run
        for (const RunRecord* r : shares)
            for (const ThresholdOutcome& s : r->result.thresholds)
                if (s.threshold == o.threshold && s.aborted) o.aborted = true;
}

}  // namespace

RunResult mergeResults(const std::vector<const RunRecord*>& shares, const LoadPlan& whole) {
    const RunResult& first = shares.front()->result;
    RunResult m;
    m.url = first.url;
    m.load = whole;
    m.planned = whole.counted() ? whole.count : 0;
    m.timeoutSeconds = first.timeoutSeconds;
    m.streams = first.streams;
    m.protocol = first.protocol;
    m.requestNames = first.requestNames;
    m.requests.resize(first.requests.size());
    m.outcome = Outcome::finished;
    const std::vector<double> offsets = startOffsets(shares);
    std::vector<std::uint32_t> shifts;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const RunResult& s = shares[i]->result;
        shifts.push_back(static_cast<std::uint32_t>(std::llround(offsets[i])));
        addCounts(m, s);
        addOutcome(m, s);
        addLimits(m.limits, s);
        addErrorsSeen(m, s, shifts.back());
        m.elapsedSeconds = std::max(m.elapsedSeconds, offsets[i] + s.elapsedSeconds);
    }
    m.timeline = mergeTimelines(shares, shifts, m.open());
    if (!m.timeline.empty()) {
        m.connectionsNow = m.timeline.back().connections;
        m.inFlightNow = m.timeline.back().inFlight;
    }
    judgeWhole(m, shares);
    return m;
}

}  // namespace salvo
