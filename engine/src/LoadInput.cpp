#include "LoadInput.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <string>

#include "TextInput.hpp"

namespace salvo {

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// A duration field: empty leaves `seconds` alone; otherwise a time within [min, kMaxDurationSeconds].
bool checkDuration(const std::string& raw, const char* what, Field field, bool allowZero, double& seconds,
                   std::vector<FieldError>& errors) {
    const std::string s = trim(raw);
    if (s.empty()) return true;
    double value = 0;
    if (!parseDuration(s, value)) {
        errors.push_back({field, std::string(what) + " must be a time such as 30s, 500ms, 5m or 1h, not '" + s + "'"});
        return false;
    }
    if (!allowZero && value < kMinDurationSeconds) {
        errors.push_back({field, std::string(what) + (value <= 0 ? " must be longer than 0" : " must be at least 1ms")});
        return false;
    }
    if (value > kMaxDurationSeconds) {
        errors.push_back({field, std::string(what) + " is too long (at most 30 days)"});
        return false;
    }
    seconds = value;
    return true;
}

bool parseRate(const std::string& raw, bool allowZero, double& rps) {
    const std::string s = trim(raw);
    double value = 0;
    if (!parseNumber(s, value) || value < 0 || value > kMaxRate || (!allowZero && value == 0)) return false;
    rps = value;
    return true;
}

std::string rateProblem(const char* what, const std::string& raw, bool allowZero) {
    return std::string(what) + " must be a number of requests per second " +
           (allowZero ? "from 0" : "above 0") + " to " + number(kMaxRate) + ", not '" + trim(raw) + "'";
}

void checkStages(const RunInput& in, LoadPlan& plan, std::vector<FieldError>& errors) {
    if (in.stages.size() > kMaxStages) {
        errors.push_back({Field::stages, "too many stages: at most " + std::to_string(kMaxStages)});
        return;
    }
    double total = 0;
    bool anyRate = false;
    for (const auto& text : in.stages) {
        const auto colon = text.rfind(':');
        Stage stage;
        if (colon == std::string::npos || !parseDuration(text.substr(0, colon), stage.seconds) ||
            !parseRate(text.substr(colon + 1), true, stage.targetRps) || stage.seconds < kMinDurationSeconds) {
            errors.push_back({Field::stages, "stage '" + trim(text).substr(0, 80) +
                                                 "' must look like DURATION:RATE, e.g. 30s:500 (a time of at least 1ms, "
                                                 "requests per second from 0 to " + number(kMaxRate) + ")"});
            return;
        }
        total += stage.seconds;
        anyRate = anyRate || stage.targetRps > 0;
        plan.stages.push_back(stage);
    }
    if (total > kMaxDurationSeconds) errors.push_back({Field::stages, "the stages last too long (at most 30 days in all)"});
    if (!plan.stages.empty() && !anyRate && plan.startRate == 0)
        errors.push_back({Field::stages, "the stages never send a request: give one a rate above 0"});
    plan.durationSeconds = total;
}

void checkRates(const RunInput& in, LoadPlan& plan, std::vector<FieldError>& errors) {
    if (!trim(in.rate).empty()) {
        double rps = 0;
        if (parseRate(in.rate, false, rps)) plan.rate = rps;
        else errors.push_back({Field::rate, rateProblem("rate", in.rate, false)});
    }
    if (!trim(in.startRate).empty()) {
        if (in.stages.empty()) errors.push_back({Field::startRate, "a start rate applies to stages only"});
        else if (!parseRate(in.startRate, true, plan.startRate))
            errors.push_back({Field::startRate, rateProblem("start rate", in.startRate, true)});
    }
    if (!in.stages.empty() && !trim(in.rate).empty())
        errors.push_back({Field::rate, "give either a rate or stages, not both (stages set their own rates)"});
}

void checkArrival(const RunInput& in, LoadPlan& plan, std::vector<FieldError>& errors) {
    const std::string arrival = trim(in.arrival);
    if (arrival == "poisson") plan.arrival = Arrival::poisson;
    else if (!arrival.empty() && arrival != "uniform")
        errors.push_back({Field::arrival, "arrival must be 'uniform' or 'poisson', not '" + arrival + "'"});
    if (plan.arrival == Arrival::poisson && trim(in.rate).empty() && in.stages.empty())
        errors.push_back({Field::arrival, "poisson arrivals need a rate or stages"});
    std::string message;
    if (!trim(in.seed).empty() && !parseWhole(in.seed, "seed", 0, UINT64_MAX, plan.seed, message))
        errors.push_back({Field::seed, message});
}

}  // namespace

void checkLoad(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    LoadPlan& plan = spec.load;
    plan = LoadPlan{};
    checkRates(in, plan, errors);
    checkStages(in, plan, errors);
    if (!trim(in.duration).empty() && !in.stages.empty())
        errors.push_back({Field::duration, "give either a duration or stages: the run lasts as long as its stages"});
    else checkDuration(in.duration, "duration", Field::duration, false, plan.durationSeconds, errors);

    // The default count applies only when neither a duration nor stages end the run.
    if (trim(in.count).empty()) {
        plan.count = plan.timed() || !in.stages.empty() ? kNoCountLimit : kDefaultCount;
    } else {
        std::string message;
        std::uint64_t count = 0;
        if (parseWhole(in.count, "request count", 1, kMaxCount, count, message)) plan.count = count;
        else errors.push_back({Field::count, message});
    }
    if (checkDuration(in.warmup, "warm-up", Field::warmup, true, plan.warmupSeconds, errors) && plan.timed() &&
        plan.warmupSeconds >= plan.durationSeconds)
        errors.push_back({Field::warmup, "the warm-up (" + number(plan.warmupSeconds) +
                                             " s) must be shorter than the run (" + number(plan.durationSeconds) + " s)"});
    checkDuration(in.grace, "grace", Field::grace, true, plan.graceSeconds, errors);
    checkArrival(in, plan, errors);
}

std::uint32_t defaultMaxConnections(const LoadPlan& plan, std::uint32_t connections) {
    double wanted = std::min<double>(kDefaultMaxConnectionsCap, std::ceil(plan.peakRate()));
    if (plan.counted()) wanted = std::min<double>(wanted, static_cast<double>(plan.count));
    return std::max(connections, static_cast<std::uint32_t>(wanted));
}

void finishLoad(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    LoadPlan& plan = spec.load;
    plan.graceSeconds = std::min(plan.graceSeconds, std::chrono::duration<double>(spec.timeout).count());
    if (trim(in.maxConnections).empty()) {
        plan.maxConnections = plan.open() ? defaultMaxConnections(plan, spec.connections) : spec.connections;
        return;
    }
    std::string message;
    std::uint64_t value = 0;
    if (!plan.open()) {
        errors.push_back({Field::maxConnections, "max connections applies to a rate or stages; without one, "
                                                 "connections is the number of connections"});
    } else if (!parseWhole(in.maxConnections, "max connections", 1, kMaxConnections, value, message)) {
        errors.push_back({Field::maxConnections, message});
    } else if (value < spec.connections && !trim(in.connections).empty()) {
        errors.push_back({Field::maxConnections, "max connections (" + std::to_string(value) +
                                                     ") is below the connections opened at the start (" +
                                                     std::to_string(spec.connections) + ")"});
    } else {
        // Connections left to their default start within the limit given.
        spec.connections = std::min(spec.connections, static_cast<std::uint32_t>(value));
        plan.maxConnections = static_cast<std::uint32_t>(value);
    }
}

}  // namespace salvo
