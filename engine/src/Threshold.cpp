// Parsing thresholds: k6's expression syntax over the metrics Salvo measures.
#include "salvo/Threshold.hpp"

#include <cctype>
#include <cmath>
#include <string_view>

#include "TextInput.hpp"

namespace salvo {
namespace {

const char* const kKnown =
    "p(N), avg, min, max, med (latency; service_time.p(N) ...), error_rate, rps, status_5xx, status_NNN, "
    "dropped, failed, checks_failed";

// At most `bytes` of `s`, cut where a UTF-8 character starts.
std::string clipped(const std::string& s, std::size_t bytes) {
    if (s.size() <= bytes) return s;
    while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
    return s.substr(0, bytes) + "...";
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The statistic of a time metric: "p(99)", "avg", ...; false when `s` is none of them.
bool parseStatistic(std::string_view s, Threshold& t, std::string& message) {
    if (s == "avg") t.statistic = ThresholdStatistic::avg;
    else if (s == "min") t.statistic = ThresholdStatistic::min;
    else if (s == "max") t.statistic = ThresholdStatistic::max;
    else if (s == "med") t.statistic = ThresholdStatistic::med;
    else if (startsWith(s, "p(") && s.back() == ')') {
        double p = 0;
        if (!parseNumber(std::string(s.substr(2, s.size() - 3)), p) || !(p > 0) || p > 100) {
            message.assign("the percentile in '").append(s).append("' must be above 0 and at most 100");
            return false;
        }
        t.statistic = ThresholdStatistic::percentile;
        t.percentile = p;
    } else {
        message.assign("unknown statistic '").append(s).append("' (known: ").append(kKnown).append(")");
        return false;
    }
    return true;
}

// "status_5xx" or "status_503".
bool parseStatus(std::string_view code, Threshold& t) {
    if (code.size() != 3 || code[0] < '1' || code[0] > '5') return false;
    if (code.substr(1) == "xx") {
        t.metric = ThresholdMetric::statusClass;
        t.status = code[0] - '0';
        return true;
    }
    if (!std::isdigit(static_cast<unsigned char>(code[1])) || !std::isdigit(static_cast<unsigned char>(code[2])))
        return false;
    t.metric = ThresholdMetric::status;
    t.status = std::stoi(std::string(code));
    return true;
}

// Everything left of the operator, without a {request:NAME} tag.
bool parseMetric(std::string_view lhs, Threshold& t, std::string& message) {
    if (lhs == "error_rate") t.metric = ThresholdMetric::errorRate;
    else if (lhs == "rps") t.metric = ThresholdMetric::rps;
    else if (lhs == "dropped") t.metric = ThresholdMetric::dropped;
    else if (lhs == "failed") t.metric = ThresholdMetric::failed;
    else if (startsWith(lhs, "status_")) {
        if (!parseStatus(lhs.substr(7), t)) {
            message = std::string("'").append(lhs).append("' must name a status code (status_503) or class (status_5xx)");
            return false;
        }
    } else if (lhs == "checks_failed") {
        t.metric = ThresholdMetric::checksFailed;
    } else {
        if (startsWith(lhs, "service_time.")) {
            t.metric = ThresholdMetric::serviceTime;
            lhs.remove_prefix(13);
        } else if (startsWith(lhs, "latency.")) {
            lhs.remove_prefix(8);
        }
        return parseStatistic(lhs, t, message);
    }
    return true;
}

// Takes "{request:NAME}" out of the expression (before the operator is looked for, so a name
// may hold any character but '}'); the name is kept.
bool takeTag(std::string& text, Threshold& t, std::string& message) {
    const auto open = text.find('{');
    if (open == std::string::npos) return true;
    const auto close = text.find('}', open);
    const std::string tag = text.substr(open, close == std::string::npos ? std::string::npos : close + 1 - open);
    if (close == std::string::npos || !startsWith(tag, "{request:") || trim(tag.substr(9, tag.size() - 10)).empty()) {
        message = "the tag '" + tag + "' must be {request:NAME}";
        return false;
    }
    t.request = trim(tag.substr(9, tag.size() - 10));
    text.erase(open, tag.size());
    return true;
}

// Splits "lhs OP value" at the first comparison operator.
bool splitOperator(const std::string& s, std::string& lhs, std::string& rhs, ThresholdOp& op) {
    const auto at = s.find_first_of("<>=!");
    if (at == std::string::npos || at + 1 >= s.size()) return false;
    const bool twoChars = s[at + 1] == '=';
    switch (s[at]) {
        case '<': op = twoChars ? ThresholdOp::lessEqual : ThresholdOp::less; break;
        case '>': op = twoChars ? ThresholdOp::greaterEqual : ThresholdOp::greater; break;
        case '=': if (!twoChars) return false; op = ThresholdOp::equal; break;
        default: if (!twoChars) return false; op = ThresholdOp::notEqual; break;
    }
    lhs = trim(s.substr(0, at));
    rhs = trim(s.substr(at + (twoChars ? 2 : 1)));
    return !lhs.empty() && !rhs.empty();
}

// A time limit in ns: "250ms", "1.5s", "800us", "2m"; a bare number is milliseconds (k6).
bool parseTimeLimit(std::string text, double& ns) {
    struct Unit { std::string_view suffix; double ns; };
    static constexpr Unit units[] = {{"ns", 1}, {"us", 1e3}, {"\u00b5s", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
    double scale = 1e6;
    for (const Unit& unit : units)
        if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
            const std::string number = trim(text.substr(0, text.size() - unit.suffix.size()));
            if (!number.empty() && (std::isdigit(static_cast<unsigned char>(number.back())) || number.back() == '.')) {
                text = number;
                scale = unit.ns;
                break;
            }
        }
    double value = 0;
    if (!parseNumber(text, value) || value < 0) return false;
    ns = value * scale;
    return std::isfinite(ns);
}

bool parseLimit(const std::string& rhs, Threshold& t, std::string& message) {
    const bool time = t.metric == ThresholdMetric::latency || t.metric == ThresholdMetric::serviceTime;
    double value = 0;
    bool ok = false;
    if (time) {
        ok = parseTimeLimit(rhs, value);
        if (!ok) message = "'" + rhs + "' is not a time: write 250ms, 1.5s or 800us (a bare number is milliseconds)";
    } else if (t.metric == ThresholdMetric::errorRate) {
        // "0.7%" is read as the decimal 0.7e-2, correctly rounded: 0.7 / 100 would be 0.006999...,
        // and exactly 7 failures in 1000 would fail "error_rate<=0.7%".
        const bool percent = !rhs.empty() && rhs.back() == '%';
        const std::string number = trim(percent ? rhs.substr(0, rhs.size() - 1) : rhs);
        ok = number.find_first_of("eE") == std::string::npos && parseNumber(percent ? number + "e-2" : number, value) &&
             value >= 0 && value <= 1;
        if (!ok) message = "'" + rhs + "' is not a rate: write 1% or 0.01 (from 0 to 100%)";
    } else if (t.metric == ThresholdMetric::rps) {
        ok = parseNumber(rhs, value) && value >= 0;
        if (!ok) message = "'" + rhs + "' is not a number of requests per second";
    } else {  // counts
        ok = parseNumber(rhs, value) && value >= 0 && value == std::floor(value);
        if (!ok) message = "'" + rhs + "' is not a whole number of at least 0";
    }
    t.limit = value;
    return ok;
}

}  // namespace

bool parseThreshold(const ThresholdInput& input, Threshold& t, std::string& message) {
    t = Threshold{};
    t.text = trim(input.expression);
    t.abortOnFail = input.abortOnFail;
    const std::string where = "threshold '" + clipped(t.text, 200) + "': ";
    if (t.text.empty()) {
        message = "a threshold is empty: write one like p(99)<250ms";
        return false;
    }
    std::string untagged = t.text, lhs, rhs, problem;
    if (!takeTag(untagged, t, problem)) {
        message = where + problem;
        return false;
    }
    if (!splitOperator(untagged, lhs, rhs, t.op)) {
        message = where + "needs a comparison: <, <=, >, >=, == or != and a value, as in p(99)<250ms";
        return false;
    }
    if (!parseMetric(lhs, t, problem) || !parseLimit(rhs, t, problem)) {
        message = where + problem;
        return false;
    }
    if (!trim(input.abortDelay).empty() && !parseDuration(input.abortDelay, t.abortDelaySeconds)) {
        message = where + "the abort delay (delay_abort_eval, --abort-delay) '" + clipped(trim(input.abortDelay), 100) +
                  "' is not a duration such as 10s";
        return false;
    }
    return true;
}

const char* thresholdStateName(ThresholdState state) {
    switch (state) {
        case ThresholdState::passed: return "passed";
        case ThresholdState::failed: return "failed";
        default: return "pending";
    }
}

bool thresholdsHold(const std::vector<ThresholdOutcome>& outcomes) {
    for (const auto& o : outcomes)
        if (o.state == ThresholdState::failed) return false;
    return true;
}

}  // namespace salvo
