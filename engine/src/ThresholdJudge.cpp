// Judging thresholds on a run's figures: live on every drain, and once more at the end.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "salvo/RunResult.hpp"
#include "salvo/Threshold.hpp"

namespace salvo {
namespace {

bool holds(double value, ThresholdOp op, double limit) {
    switch (op) {
        case ThresholdOp::less: return value < limit;
        case ThresholdOp::lessEqual: return value <= limit;
        case ThresholdOp::greater: return value > limit;
        case ThresholdOp::greaterEqual: return value >= limit;
        case ThresholdOp::equal: return value == limit;
        default: return value != limit;
    }
}

std::string statisticName(const Threshold& t) {
    switch (t.statistic) {
        case ThresholdStatistic::avg: return "avg";
        case ThresholdStatistic::min: return "min";
        case ThresholdStatistic::max: return "max";
        case ThresholdStatistic::med: return "med";
        default: {
            char text[32];
            std::snprintf(text, sizeof text, "p(%.10g)", t.percentile);
            return text;
        }
    }
}

// The time statistic in ns, or nothing before the first response.
std::optional<double> timeValue(const Threshold& t, const RunResult& r, const Tally& tally) {
    // In the closed model there is no due time: the latency is the service time.
    const LatencyHistogram& h =
        t.metric == ThresholdMetric::serviceTime && r.open() ? tally.serviceTime : tally.latency;
    if (h.count() == 0) return std::nullopt;
    switch (t.statistic) {
        case ThresholdStatistic::avg: return h.mean();
        case ThresholdStatistic::min: return static_cast<double>(h.min());
        case ThresholdStatistic::max: return static_cast<double>(h.max());
        case ThresholdStatistic::med: return static_cast<double>(h.percentile(50));
        default: return static_cast<double>(h.percentile(t.percentile));
    }
}

std::uint64_t statusCount(const Threshold& t, const Tally& tally) {
    std::uint64_t n = 0;
    for (const auto& [code, count] : tally.statusCounts)
        if (t.metric == ThresholdMetric::status ? code == t.status : code / 100 == t.status) n += count;
    return n;
}

// The measured value in the threshold's own base (ns, fraction, req/s, count) and its display
// unit; nothing when there is no data yet.
struct Measure {
    std::optional<double> value;
    std::string metric;
    std::string unit;
    double scale = 1;       // base -> display unit
    const char* none = "";  // why there is no value
};

// The run's figures, or with {request:NAME} that request's (an unknown name: no data; validate()
// refuses it, and a record read back may lack it).
Measure measure(const Threshold& t, const RunResult& r) {
    static const Tally kNone;
    const Tally* found = t.request.empty() ? &r.total : r.requestTally(t.request);
    const Tally& tally = found ? *found : kNone;
    const std::string tag = t.request.empty() ? std::string() : "{request:" + t.request + "}";
    const auto count = [](std::uint64_t n) { return std::optional<double>(static_cast<double>(n)); };
    switch (t.metric) {
        case ThresholdMetric::latency:
            return {timeValue(t, r, tally), "latency " + statisticName(t) + tag, "ms", 1e-6, "no response measured"};
        case ThresholdMetric::serviceTime:
            return {timeValue(t, r, tally), "service_time " + statisticName(t) + tag, "ms", 1e-6, "no response measured"};
        case ThresholdMetric::errorRate: {
            const std::uint64_t n = tally.completed();
            return {n ? std::optional(static_cast<double>(tally.failed) / static_cast<double>(n)) : std::nullopt,
                    "error_rate" + tag, "%", 100, "no request completed"};
        }
        case ThresholdMetric::rps:  // nothing to divide by before the warm-up ends
            return {r.perMeasuredSecond(tally.completed()), "rps" + tag, "req/s", 1, "no time measured after the warm-up"};
        case ThresholdMetric::statusClass:
            return {count(statusCount(t, tally)), "status_" + std::to_string(t.status) + "xx" + tag, ""};
        case ThresholdMetric::status:
            return {count(statusCount(t, tally)), "status_" + std::to_string(t.status) + tag, ""};
        case ThresholdMetric::dropped: return {count(r.dropped), "dropped", ""};
        case ThresholdMetric::checksFailed:
            return {count(tally.errorCount(ErrorKind::check)), "checks_failed" + tag, ""};
        default: return {count(tally.failed), "failed" + tag, ""};
    }
}

std::string display(double value, const std::string& unit) {
    char text[64];
    if (unit.empty()) std::snprintf(text, sizeof text, "%.0f", value);
    else if (unit == "%") std::snprintf(text, sizeof text, "%.4g%%", value);
    else if (value >= 1000) std::snprintf(text, sizeof text, "%.0f %s", value, unit.c_str());  // no exponent
    else std::snprintf(text, sizeof text, "%.4g %s", value, unit.c_str());
    return text;
}

}  // namespace

std::vector<ThresholdOutcome> judgeThresholds(const std::vector<Threshold>& thresholds, const RunResult& result,
                                              bool final) {
    std::vector<ThresholdOutcome> outcomes;
    outcomes.reserve(thresholds.size());
    for (const Threshold& t : thresholds) {
        const Measure m = measure(t, result);
        ThresholdOutcome o;
        o.threshold = t.text;
        o.metric = m.metric;
        o.unit = m.unit;
        o.limit = t.limit * m.scale;
        o.abortOnFail = t.abortOnFail;
        if (m.value) {
            o.hasValue = true;
            o.value = *m.value * m.scale;
            o.measured = display(o.value, m.unit);
            o.state = holds(*m.value, t.op, t.limit) ? ThresholdState::passed : ThresholdState::failed;
        } else {
            o.measured = m.none;
            o.state = final ? ThresholdState::failed : ThresholdState::pending;
        }
        outcomes.push_back(std::move(o));
    }
    return outcomes;
}

}  // namespace salvo
