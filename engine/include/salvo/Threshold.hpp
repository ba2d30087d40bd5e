#pragma once

#include <string>
#include <vector>

namespace salvo {

struct RunResult;

// A pass/fail gate on a run's figures, written in k6's syntax (README "Thresholds"):
//   p(99)<250ms   avg<=80ms   max<1s   med<50ms   min>0ms    latency (the default time metric)
//   service_time.p(99)<200ms                                  service time (open model; else = latency)
//   error_rate<1%   rps>=900   status_5xx==0   status_503<10   dropped==0   failed==0   checks_failed==0
// A bare time is milliseconds, as in k6; a rate is a fraction (0.01) or a percentage (1%).
// `{request:NAME}` after the statistic narrows it to one named request of the plan.
struct ThresholdInput {
    std::string expression;
    bool abortOnFail = false;  // end the run as soon as it is breached...
    std::string abortDelay;    // ...but not before this much of the run ("10s"); empty: at once
    bool operator==(const ThresholdInput&) const = default;
};

enum class ThresholdMetric { latency, serviceTime, errorRate, rps, statusClass, status, dropped, failed, checksFailed };
enum class ThresholdStatistic { percentile, avg, min, max, med, value };
enum class ThresholdOp { less, lessEqual, greater, greaterEqual, equal, notEqual };

struct Threshold {
    std::string text;  // the expression as written, trimmed: how reports name it
    ThresholdMetric metric = ThresholdMetric::latency;
    ThresholdStatistic statistic = ThresholdStatistic::value;
    double percentile = 0;  // for ThresholdStatistic::percentile: 0 < p <= 100
    int status = 0;         // statusClass: 5 for status_5xx; status: 503 for status_503
    std::string request;    // {request:NAME}; empty: every request
    ThresholdOp op = ThresholdOp::less;
    double limit = 0;       // ns for times, a fraction for error_rate, requests/s for rps, else a count
    bool abortOnFail = false;
    double abortDelaySeconds = 0;
};

// Parses one threshold; false with a message naming what is wrong ("'p(99)<250' ... ").
bool parseThreshold(const ThresholdInput& input, Threshold& out, std::string& message);

enum class ThresholdState { pending, passed, failed };
const char* thresholdStateName(ThresholdState state);  // "pending", "passed", "failed"

// A threshold judged on the figures so far (live) or on the whole run (final).
struct ThresholdOutcome {
    std::string threshold;   // Threshold::text
    std::string metric;      // "latency p(99)", "error_rate": what was measured
    ThresholdState state = ThresholdState::pending;  // pending: no data yet (final: failed)
    bool hasValue = false;   // false: nothing to measure yet (no response, no time)
    double value = 0;        // measured, in the limit's unit (ms for times, % for error_rate)
    double limit = 0;        // the same unit
    std::string unit;        // "ms", "%", "req/s" or "" for counts
    std::string measured;    // "212.4 ms", or why there is no value ("no response measured")
    bool abortOnFail = false;
    bool aborted = false;    // this breach ended the run
    bool operator==(const ThresholdOutcome&) const = default;
};

// Judges every threshold on the result so far. With `final`, a threshold without data fails.
std::vector<ThresholdOutcome> judgeThresholds(const std::vector<Threshold>& thresholds,
                                              const RunResult& result, bool final);

// Thresholds hold when none failed (an empty list holds).
bool thresholdsHold(const std::vector<ThresholdOutcome>& outcomes);

}  // namespace salvo
