#include <gtest/gtest.h>

#include <random>

#include "salvo/LatencyHistogram.hpp"

using salvo::LatencyHistogram;

TEST(LatencyHistogram, percentileOfEmptyHistogramIsZero) {
    LatencyHistogram h;
    EXPECT_EQ(h.percentile(50), 0u);
    EXPECT_EQ(h.min(), 0u);
    EXPECT_EQ(h.max(), 0u);
    EXPECT_EQ(h.mean(), 0.0);
}

TEST(LatencyHistogram, smallValuesAreExact) {
    LatencyHistogram h;
    for (std::uint64_t v = 1; v <= 1000; ++v) h.record(v);
    EXPECT_EQ(h.count(), 1000u);
    EXPECT_EQ(h.min(), 1u);
    EXPECT_EQ(h.max(), 1000u);
    EXPECT_EQ(h.percentile(50), 500u);
    EXPECT_EQ(h.percentile(90), 900u);
    EXPECT_EQ(h.percentile(99), 990u);
    EXPECT_EQ(h.percentile(99.9), 999u);
    EXPECT_EQ(h.percentile(100), 1000u);
    EXPECT_EQ(h.percentile(0), 1u);
    EXPECT_DOUBLE_EQ(h.mean(), 500.5);
}

TEST(LatencyHistogram, singleValueIsReportedExactlyThroughClamping) {
    LatencyHistogram h;
    h.record(123'456'789);
    EXPECT_EQ(h.percentile(50), 123'456'789u);
    EXPECT_EQ(h.percentile(99.9), 123'456'789u);
}

TEST(LatencyHistogram, largeValuesKeepThreeSignificantDigits) {
    // Known data: 1 ms .. 1000 ms in 1 ms steps; exact p-th value is p*10 ms.
    LatencyHistogram h;
    for (std::uint64_t ms = 1; ms <= 1000; ++ms) h.record(ms * 1'000'000);
    for (double p : {10.0, 50.0, 90.0, 99.0}) {
        const double exact = p * 10 * 1e6;
        const double got = static_cast<double>(h.percentile(p));
        EXPECT_GE(got, exact) << p;
        EXPECT_LE(got, exact * (1 + 1.0 / 1024)) << p;
    }
}

TEST(LatencyHistogram, bucketsTileTheRangeWithoutGaps) {
    for (std::size_t i = 0; i + 1 < LatencyHistogram::bucketIndex(LatencyHistogram::kMaxValue); ++i) {
        ASSERT_EQ(LatencyHistogram::bucketHighest(i) + 1, LatencyHistogram::bucketLowest(i + 1)) << i;
        ASSERT_EQ(LatencyHistogram::bucketIndex(LatencyHistogram::bucketLowest(i)), i);
        ASSERT_EQ(LatencyHistogram::bucketIndex(LatencyHistogram::bucketHighest(i)), i);
    }
}

TEST(LatencyHistogram, valuesAboveTheRangeAreClampedButCounted) {
    LatencyHistogram h;
    h.record(LatencyHistogram::kMaxValue * 10);
    EXPECT_EQ(h.count(), 1u);
    EXPECT_EQ(h.max(), LatencyHistogram::kMaxValue * 10);
    EXPECT_LT(LatencyHistogram::bucketIndex(~0ull), 40'000u);  // memory stays bounded
}

TEST(LatencyHistogram, mergedDeltasEqualTheHistogramOfAllValues) {
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> latency(12.0, 1.5);  // ~160 us median, long tail
    LatencyHistogram all, parts[4];
    for (int i = 0; i < 20'000; ++i) {
        const auto v = static_cast<std::uint64_t>(latency(rng));
        all.record(v);
        parts[i % 4].record(v);
    }
    LatencyHistogram leftToRight, rightToLeft;
    for (int i = 0; i < 4; ++i) leftToRight.merge(parts[i]);
    for (int i = 3; i >= 0; --i) rightToLeft.merge(parts[i]);
    EXPECT_EQ(leftToRight, all);
    EXPECT_EQ(rightToLeft, all);
    EXPECT_EQ(leftToRight.percentile(99), all.percentile(99));
    EXPECT_NEAR(leftToRight.mean(), all.mean(), 1e-6 * all.mean());
}

TEST(LatencyHistogram, clearEmptiesButKeepsWorking) {
    LatencyHistogram h;
    h.record(5);
    h.clear();
    EXPECT_TRUE(h.empty());
    h.record(7);
    EXPECT_EQ(h.min(), 7u);
    EXPECT_EQ(h.percentile(50), 7u);
}

// clear() zeroes only the buckets between min and max (a reused delta's histogram keeps its
// buckets): values from every part of the range, including ones added through addToBucket and
// clamped above the range, must all be gone, and the buckets stay allocated.
TEST(LatencyHistogram, clearZeroesEveryBucketAndKeepsThem) {
    LatencyHistogram h;
    for (std::uint64_t v : std::initializer_list<std::uint64_t>{1, 2047, 2048, 123'456, 9'999'999,
                                                              LatencyHistogram::kMaxValue * 2})
        h.record(v);
    h.addToBucket(LatencyHistogram::bucketIndex(3'000), 4);
    const std::size_t buckets = h.bucketCount();
    h.clear();
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.bucketCount(), buckets);
    for (std::size_t i = 0; i < buckets; ++i) ASSERT_EQ(h.countAt(i), 0u) << "bucket " << i;
    h.record(40'000);
    h.clear();
    h.record(300);
    EXPECT_EQ(h.max(), 300u);
    EXPECT_EQ(h.percentile(100), 300u);
    std::uint64_t seen = 0;
    h.forEachBucket([&](std::uint64_t, std::uint64_t, std::uint64_t count) { seen += count; });
    EXPECT_EQ(seen, 1u);
}

// 1..1000 ns are exact buckets, so the stddev from buckets is the population stddev:
// sqrt((n^2 - 1) / 12) for 1..n.
TEST(LatencyHistogram, stddevOfExactValuesIsThePopulationStddev) {
    LatencyHistogram h;
    EXPECT_EQ(h.stddev(), 0.0);
    for (std::uint64_t v = 1; v <= 1000; ++v) h.record(v);
    EXPECT_NEAR(h.stddev(), std::sqrt((1000.0 * 1000.0 - 1) / 12), 1e-6);
    LatencyHistogram same;
    for (int i = 0; i < 10; ++i) same.record(5'000'000);
    EXPECT_EQ(same.stddev(), 0.0);  // one bucket: every value at its middle
}

TEST(LatencyHistogram, bucketWalkVisitsEveryValueInOrder) {
    LatencyHistogram h;
    for (std::uint64_t v : {7u, 7u, 3'000u, 2'000'000u, 900'000'000u}) h.record(v);
    std::uint64_t seen = 0, previous = 0;
    int buckets = 0;
    h.forEachBucket([&](std::uint64_t lowest, std::uint64_t highest, std::uint64_t count) {
        EXPECT_LE(lowest, highest);
        EXPECT_GE(lowest, previous);
        previous = highest + 1;
        seen += count;
        ++buckets;
    });
    EXPECT_EQ(seen, h.count());
    EXPECT_EQ(buckets, 4);  // the two 7s share a bucket
}
