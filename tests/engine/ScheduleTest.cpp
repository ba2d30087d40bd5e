#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <set>

#include "salvo/Schedule.hpp"

using namespace salvo;

namespace {
LoadPlan constant(double rps, double seconds = 0, std::uint64_t count = kNoCountLimit) {
    LoadPlan plan;
    plan.rate = rps;
    plan.durationSeconds = seconds;
    plan.count = count;
    return plan;
}

LoadPlan staged(double startRate, std::vector<Stage> stages) {
    LoadPlan plan;
    plan.startRate = startRate;
    plan.stages = std::move(stages);
    plan.count = kNoCountLimit;
    for (const auto& s : plan.stages) plan.durationSeconds += s.seconds;
    return plan;
}

// Every due time of one share, in order, until the plan runs out (bounded for safety).
std::vector<double> dueTimes(const LoadPlan& plan, std::uint32_t share = 0, std::uint32_t shares = 1,
                             std::vector<std::uint64_t>* indices = nullptr) {
    Schedule schedule(plan, share, shares);
    std::vector<double> due;
    while (schedule.nextDue() != RateCurve::kForever && due.size() < 10'000'000) {
        due.push_back(schedule.nextDue());
        if (indices) indices->push_back(schedule.nextIndex());
        schedule.advance();
    }
    return due;
}

std::size_t countWithin(const std::vector<double>& due, double from, double to) {
    return static_cast<std::size_t>(std::count_if(due.begin(), due.end(), [&](double t) { return t >= from && t < to; }));
}
}  // namespace

TEST(Schedule, constantRateDueTimesAreExactAndDoNotDriftOverAnHour) {
    const RateCurve curve = RateCurve::forPlan(constant(1000));
    EXPECT_DOUBLE_EQ(curve.inverse(0), 0.0);
    EXPECT_DOUBLE_EQ(curve.inverse(1), 0.001);
    EXPECT_DOUBLE_EQ(curve.inverse(999), 0.999);
    // The 3.6 millionth request falls exactly at one hour: computed, not accumulated.
    EXPECT_DOUBLE_EQ(curve.inverse(3'600'000), 3600.0);
    EXPECT_DOUBLE_EQ(curve.integral(3600.0), 3'600'000.0);

    const auto due = dueTimes(constant(1000, 2));
    ASSERT_EQ(due.size(), 2000u);  // k = 0..1999 fall before 2 s
    for (std::size_t k = 0; k < due.size(); ++k) ASSERT_NEAR(due[k], k / 1000.0, 1e-12) << k;
}

TEST(Schedule, linearRampFollowsTheIntegratedRate) {
    // 0 -> 100 req/s over 10 s: N(t) = 5 t^2, so 500 requests, the k-th at sqrt(k / 5).
    const auto due = dueTimes(staged(0, {{10, 100}}));
    ASSERT_EQ(due.size(), 500u);
    for (std::size_t k = 0; k < due.size(); k += 37) EXPECT_NEAR(due[k], std::sqrt(k / 5.0), 1e-9) << k;
    EXPECT_EQ(countWithin(due, 0, 5), 125u);  // a quarter of them in the first half
    EXPECT_TRUE(std::is_sorted(due.begin(), due.end()));
}

TEST(Schedule, multiStagePlanSendsEachStagesIntegral) {
    // Ramp to 100 over 10 s (500), hold 100 for 10 s (1000), ramp down to 0 over 5 s (250).
    const LoadPlan plan = staged(0, {{10, 100}, {10, 100}, {5, 0}});
    const auto due = dueTimes(plan);
    EXPECT_EQ(countWithin(due, 0, 10), 500u);
    EXPECT_EQ(countWithin(due, 10, 20), 1000u);
    EXPECT_EQ(countWithin(due, 20, 25), 250u);
    EXPECT_EQ(due.size(), 1750u);
    const RateCurve curve = RateCurve::forPlan(plan);
    EXPECT_DOUBLE_EQ(curve.rateAt(5), 50.0);
    EXPECT_DOUBLE_EQ(curve.rateAt(15), 100.0);
    EXPECT_DOUBLE_EQ(curve.rateAt(22.5), 50.0);
    EXPECT_DOUBLE_EQ(curve.rateAt(25), 0.0);
    EXPECT_DOUBLE_EQ(curve.end(), 25.0);
}

TEST(Schedule, startRateAndADescendingStage) {
    // From 200 down to 100 over 2 s: N(2) = 300.
    const auto due = dueTimes(staged(200, {{2, 100}}));
    EXPECT_EQ(due.size(), 300u);
    // 200 t - 25 t^2 = 1: a little later than 1/200 s, as the rate is already falling.
    EXPECT_NEAR(due[1], 2.0 / (200 + std::sqrt(200.0 * 200 - 100)), 1e-12);
}

TEST(Schedule, countEndsAPlanBeforeItsTime) {
    EXPECT_EQ(dueTimes(constant(100, 10, 7)).size(), 7u);
    EXPECT_EQ(dueTimes(constant(100, 0, 250)).size(), 250u);  // a rate with a count alone
}

TEST(Schedule, sharesSplitOneScheduleWithoutOverlapOrGap) {
    const LoadPlan plan = constant(300, 1);
    const auto whole = dueTimes(plan);
    std::set<std::uint64_t> seen;
    std::size_t total = 0;
    for (std::uint32_t share = 0; share < 4; ++share) {
        std::vector<std::uint64_t> indices;
        const auto due = dueTimes(plan, share, 4, &indices);
        total += due.size();
        for (std::size_t i = 0; i < due.size(); ++i) {
            EXPECT_TRUE(seen.insert(indices[i]).second) << "index " << indices[i] << " twice";
            EXPECT_DOUBLE_EQ(due[i], whole[indices[i]]);
        }
    }
    EXPECT_EQ(total, whole.size());
    EXPECT_EQ(seen.size(), 300u);
    EXPECT_EQ(*seen.rbegin(), 299u);
}

TEST(Schedule, poissonArrivalsAreSeededExponentialAndShareable) {
    LoadPlan plan = constant(1000, 20);
    plan.arrival = Arrival::poisson;
    const auto due = dueTimes(plan);
    EXPECT_EQ(due, dueTimes(plan));  // the same seed, the same run
    plan.seed = 2;
    EXPECT_NE(due, dueTimes(plan));
    plan.seed = 1;
    // About rate x duration requests (the count of a Poisson process: 20,000 +- 3 sigma = 424).
    EXPECT_NEAR(static_cast<double>(due.size()), 20'000.0, 450.0);
    std::vector<double> gaps;
    for (std::size_t i = 1; i < due.size(); ++i) gaps.push_back(due[i] - due[i - 1]);
    const double mean = std::accumulate(gaps.begin(), gaps.end(), 0.0) / gaps.size();
    double var = 0;
    for (double g : gaps) var += (g - mean) * (g - mean);
    const double cv = std::sqrt(var / gaps.size()) / mean;
    EXPECT_NEAR(mean, 0.001, 0.00005);
    EXPECT_NEAR(cv, 1.0, 0.05);  // exponential gaps: standard deviation = mean (uniform: 0)
    EXPECT_TRUE(std::is_sorted(due.begin(), due.end()));
    // Shares replay the one sequence: together they are exactly the whole.
    std::vector<double> joined;
    for (std::uint32_t share = 0; share < 3; ++share) {
        const auto part = dueTimes(plan, share, 3);
        joined.insert(joined.end(), part.begin(), part.end());
    }
    std::sort(joined.begin(), joined.end());
    EXPECT_EQ(joined, due);
}

TEST(Schedule, aRateChangeKeepsThePastAndRespacesTheFuture) {
    Schedule schedule(constant(100, 10), 0, 1);
    for (int i = 0; i < 100; ++i) schedule.advance();  // requests 0..99 taken: the next is due at 1.0
    schedule.changeRate(1.0, 200);
    EXPECT_NEAR(schedule.nextDue(), 1.0, 1e-9);
    schedule.advance();
    EXPECT_NEAR(schedule.nextDue(), 1.005, 1e-9);
    // 100 in the first second, then 200/s for 9 s.
    EXPECT_NEAR(schedule.curve().integral(10), 1900, 1e-6);
    EXPECT_DOUBLE_EQ(schedule.curve().end(), 10.0);
    // A change in the middle of a ramp keeps the ramp up to that moment.
    RateCurve ramp = RateCurve::forPlan(staged(0, {{10, 100}}));
    ramp.changeRate(5, 10);
    EXPECT_NEAR(ramp.integral(5), 125, 1e-9);
    EXPECT_NEAR(ramp.integral(10), 175, 1e-9);
}

TEST(Schedule, remainingBeforeCountsDueRequestsWithoutTakingThem) {
    Schedule whole(constant(100, 10), 0, 1);
    EXPECT_EQ(whole.remainingBefore(1.0), 100u);
    EXPECT_EQ(whole.remainingBefore(1.0, 30), 30u);
    EXPECT_EQ(whole.nextIndex(), 0u);
    Schedule quarter(constant(100, 10), 1, 4);  // indices 1, 5, 9, ...
    EXPECT_EQ(quarter.remainingBefore(1.0), 25u);
    EXPECT_EQ(quarter.remainingBefore(100.0), 250u);  // the plan ends at 10 s: 1000 in all
    LoadPlan poisson = constant(100, 10);
    poisson.arrival = Arrival::poisson;
    const auto due = dueTimes(poisson);
    EXPECT_EQ(Schedule(poisson, 0, 1).remainingBefore(5.0), countWithin(due, 0, 5.0));
}
