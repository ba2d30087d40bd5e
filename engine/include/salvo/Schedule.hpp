#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "salvo/LoadPlan.hpp"

namespace salvo {

// The target rate of an open-model run as a function of time since the start: piecewise linear
// (a constant rate is one endless segment; each stage is one segment). Its integral N(t), the
// number of requests due in [0, t), and the inverse of that are closed forms, so the due time
// of the millionth request is computed as exactly as the first: nothing accumulates or drifts.
class RateCurve {
public:
    static constexpr double kForever = std::numeric_limits<double>::infinity();

    static RateCurve forPlan(const LoadPlan& plan);  // empty curve for the closed model

    double rateAt(double t) const;      // requests per second at time t (0 after the end)
    double integral(double t) const;    // N(t)
    double inverse(double n) const;     // the t with N(t) = n; kForever when the curve never gets there
    double end() const;                 // when the last segment ends (kForever for a constant rate)
    // From time `at` on, a constant `rps` until the curve's end (or forever): a rate change
    // made while the run goes on. Earlier due times are unchanged.
    void changeRate(double at, double rps);
    bool empty() const { return segments_.empty(); }

private:
    struct Segment {
        double start = 0, seconds = kForever;  // [start, start + seconds)
        double fromRps = 0, toRps = 0;
        double before = 0;                     // N(start)
        double count() const;                  // requests due in the whole segment
        double integral(double tau) const;     // requests due in [start, start + tau)
        double inverse(double m) const;        // the tau with integral(tau) = m
    };
    std::vector<Segment> segments_;
};

// One share of a plan's due times: the requests with global index k = share, share + shares,
// share + 2*shares, ... (the engine's threads each take one share, as machines will). Uniform
// arrivals put request k at N^-1(k); Poisson arrivals put it at N^-1(S_k), where S_k is a sum
// of k exponential gaps drawn from a seeded generator that every share replays identically.
class Schedule {
public:
    Schedule(const LoadPlan& plan, std::uint32_t share, std::uint32_t shares);

    // The next request of this share: its global index and due time (seconds from the start);
    // due is RateCurve::kForever when the plan has no more requests (count or curve exhausted).
    std::uint64_t nextIndex() const { return index_; }
    double nextDue() const { return due_; }
    void advance();

    // Due requests of this share not yet taken with due < `until`, counting forward without
    // taking them (requests that were due but never sent: dropped). Counting stops at `cap`.
    std::uint64_t remainingBefore(double until, std::uint64_t cap = UINT64_MAX) const;

    void changeRate(double at, double rps);
    const RateCurve& curve() const { return curve_; }

private:
    double pointOf(std::uint64_t k);  // S_k (poisson) or k (uniform), advancing the generator
    void computeDue();

    RateCurve curve_;
    Arrival arrival_;
    std::uint64_t count_;
    std::uint32_t shares_;
    std::uint64_t index_;
    double due_ = RateCurve::kForever;
    double point_ = 0;            // N-space position of request index_
    std::mt19937_64 random_;      // poisson only; mt19937_64's sequence is fixed by the standard
    std::uint64_t drawn_ = 0;     // exponential gaps drawn so far (= global index reached)
    double sum_ = 0;              // their sum
};

}  // namespace salvo
