#include "salvo/Schedule.hpp"

#include <algorithm>
#include <cmath>

namespace salvo {

const char* arrivalName(Arrival arrival) { return arrival == Arrival::poisson ? "poisson" : "uniform"; }

double LoadPlan::peakRate() const {
    double peak = rate.value_or(0);
    if (!stages.empty()) peak = std::max(peak, startRate);
    for (const auto& stage : stages) peak = std::max(peak, stage.targetRps);
    return peak;
}

double RateCurve::Segment::count() const { return seconds == kForever ? kForever : integral(seconds); }

// The rate over the segment is r(tau) = from + slope * tau, so requests due in [0, tau) are
// from * tau + slope * tau^2 / 2.
double RateCurve::Segment::integral(double tau) const {
    if (seconds == kForever) return fromRps * tau;
    const double slope = (toRps - fromRps) / seconds;
    return fromRps * tau + slope * tau * tau / 2;
}

// Solves from * tau + slope * tau^2 / 2 = m for the smallest tau >= 0, written as
// 2m / (from + sqrt(from^2 + 2 slope m)) so that it stays exact when slope is 0 or tiny.
double RateCurve::Segment::inverse(double m) const {
    if (m <= 0) return 0;
    const double slope = seconds == kForever ? 0 : (toRps - fromRps) / seconds;
    const double root = std::sqrt(std::max(0.0, fromRps * fromRps + 2 * slope * m));
    const double denominator = fromRps + root;
    return denominator > 0 ? 2 * m / denominator : kForever;
}

RateCurve RateCurve::forPlan(const LoadPlan& plan) {
    RateCurve curve;
    if (plan.rate) {
        const double seconds = plan.timed() ? plan.durationSeconds : kForever;
        curve.segments_.push_back({0, seconds, *plan.rate, *plan.rate, 0});
        return curve;
    }
    double start = 0, from = plan.startRate, before = 0;
    for (const auto& stage : plan.stages) {
        curve.segments_.push_back({start, stage.seconds, from, stage.targetRps, before});
        before += curve.segments_.back().count();
        start += stage.seconds;
        from = stage.targetRps;
    }
    return curve;
}

double RateCurve::end() const {
    return segments_.empty() ? 0 : segments_.back().start + segments_.back().seconds;
}

double RateCurve::rateAt(double t) const {
    for (const auto& s : segments_)
        if (t >= s.start && t - s.start < s.seconds)
            return s.seconds == kForever ? s.fromRps : s.fromRps + (s.toRps - s.fromRps) * (t - s.start) / s.seconds;
    return 0;
}

double RateCurve::integral(double t) const {
    double total = 0;
    for (const auto& s : segments_) {
        if (t <= s.start) break;
        total = s.before + s.integral(std::min(t - s.start, s.seconds));
    }
    return total;
}

double RateCurve::inverse(double n) const {
    for (const auto& s : segments_) {
        const double count = s.count();
        if (n < s.before + count) return s.start + std::min(s.inverse(n - s.before), s.seconds);
    }
    return kForever;
}

void RateCurve::changeRate(double at, double rps) {
    const double end = this->end();
    if (at >= end) return;  // the plan is over: nothing left to change
    const double before = integral(at);
    while (!segments_.empty() && segments_.back().start >= at) segments_.pop_back();
    if (!segments_.empty()) {
        Segment& last = segments_.back();
        if (last.seconds != kForever) {  // cut it at `at`, keeping its slope up to there
            last.toRps = last.fromRps + (last.toRps - last.fromRps) * (at - last.start) / last.seconds;
        }
        last.seconds = at - last.start;
    }
    const double seconds = end == kForever ? kForever : std::max(0.0, end - at);
    segments_.push_back({at, seconds, rps, rps, before});
}

Schedule::Schedule(const LoadPlan& plan, std::uint32_t share, std::uint32_t shares)
    : curve_(RateCurve::forPlan(plan)), arrival_(plan.arrival), count_(plan.count),
      shares_(std::max<std::uint32_t>(1, shares)), index_(share), random_(plan.seed) {
    point_ = pointOf(index_);
    computeDue();
}

// Uniform: request k is the k-th point of the integrated rate. Poisson: the points are partial
// sums of Exp(1) gaps, which the curve's inverse maps onto a Poisson process of the plan's rate
// (time rescaling). Every share draws the same sequence and keeps its own indices.
double Schedule::pointOf(std::uint64_t k) {
    if (arrival_ == Arrival::uniform) return static_cast<double>(k);
    while (drawn_ <= k) {
        // 53 random bits make a uniform u in [0, 1); -log(1 - u) is an exponential gap.
        const double u = static_cast<double>(random_() >> 11) * 0x1.0p-53;
        if (drawn_ > 0) sum_ += -std::log1p(-u);
        ++drawn_;
    }
    return sum_;
}

void Schedule::computeDue() {
    due_ = index_ < count_ ? curve_.inverse(point_) : RateCurve::kForever;
    if (due_ >= curve_.end()) due_ = RateCurve::kForever;
}

void Schedule::advance() {
    if (due_ == RateCurve::kForever) return;
    index_ += shares_;
    point_ = pointOf(index_);
    computeDue();
}

std::uint64_t Schedule::remainingBefore(double until, std::uint64_t cap) const {
    if (due_ >= until) return 0;
    if (arrival_ == Arrival::uniform) {
        // Global indices k < N(until) are due before `until`; this share holds every shares-th.
        const double points = std::ceil(curve_.integral(std::min(until, curve_.end())));
        const auto limit = static_cast<std::uint64_t>(std::min<double>(points, static_cast<double>(count_)));
        return std::min(cap, limit > index_ ? (limit - index_ + shares_ - 1) / shares_ : 0);
    }
    // Poisson: no closed form, so count forward on a copy. A run that fell millions of requests
    // behind would take seconds to count (and a cancel must stay immediate): past a million, the
    // rest is the expected count, the integrated rate left divided among the shares.
    constexpr std::uint64_t kExactly = 1'000'000;
    Schedule copy = *this;
    std::uint64_t n = 0;
    while (copy.due_ < until && n < cap && n < kExactly) {
        ++n;
        copy.advance();
    }
    if (n < kExactly || copy.due_ >= until) return n;
    const double rest = (curve_.integral(std::min(until, curve_.end())) - copy.point_) / shares_;
    return std::min(cap, n + static_cast<std::uint64_t>(std::max(0.0, std::ceil(rest))));
}

void Schedule::changeRate(double at, double rps) {
    curve_.changeRate(at, rps);
    computeDue();
}

}  // namespace salvo
