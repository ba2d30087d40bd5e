#pragma once

#include <cstdint>
#include <vector>

namespace salvo {

// Log-linear histogram of latencies in nanoseconds, after HdrHistogram (Gil Tene):
// values below 2048 ns are exact; above, each power of two is split into 1024 equal buckets,
// so every recorded value is kept to within 1/1024 (~3 significant digits), from 1 ns up to
// kMaxValue (~1 hour; larger values are clamped and still counted). Memory is bounded
// (at most ~34k counters) and grows lazily to the largest bucket used. Count, min, max and sum
// are exact. Merging is bucket-wise addition, so it is associative and commutative: deltas
// from several threads or intervals add up to the histogram of all their values.
class LatencyHistogram {
public:
    static constexpr std::uint64_t kMaxValue = 3'600'000'000'000ULL;  // 1 hour in ns

    void record(std::uint64_t nanos);
    void merge(const LatencyHistogram& other);
    void clear();

    std::uint64_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    std::uint64_t min() const { return count_ ? min_ : 0; }
    std::uint64_t max() const { return max_; }
    double mean() const;  // exact: sum / count
    // From the buckets (each value taken at its bucket's middle), as HdrHistogram does.
    double stddev() const;

    // The smallest recorded value v such that at least `percent`% of values are <= v, reported
    // as the highest value of v's bucket (HdrHistogram's convention), clamped to [min, max].
    // 0 for an empty histogram; percent is clamped to [0, 100].
    std::uint64_t percentile(double percent) const;

    // Calls f(lowest, highest, count) for every bucket holding values, in increasing order:
    // the distribution's shape for a plain histogram chart.
    template <class F>
    void forEachBucket(F&& f) const {
        for (std::size_t i = 0; i < buckets_.size(); ++i)
            if (buckets_[i]) f(bucketLowest(i), bucketHighest(i), buckets_[i]);
    }

    bool operator==(const LatencyHistogram& other) const;

    // Adds `count` values to the bucket at `index` (decoding an encoded histogram); min, max and
    // the sum follow the bucket's bounds and middle until restoreExact() sets the exact figures.
    void addToBucket(std::size_t index, std::uint64_t count);
    // The exact min, max and sum a record keeps beside the buckets. False, changing nothing,
    // when they contradict the buckets (min or max outside the lowest or highest bucket).
    bool restoreExact(std::uint64_t min, std::uint64_t max, long double sum);
    long double sum() const { return sum_; }
    std::size_t bucketCount() const { return buckets_.size(); }
    std::uint64_t countAt(std::size_t index) const { return index < buckets_.size() ? buckets_[index] : 0; }

    // Bucket geometry, public for tests.
    static std::size_t bucketIndex(std::uint64_t nanos);
    static std::uint64_t bucketLowest(std::size_t index);
    static std::uint64_t bucketHighest(std::size_t index);

private:
    std::vector<std::uint64_t> buckets_;  // counts per bucket; trailing zeros may be absent
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;               // valid when count_ > 0
    std::uint64_t max_ = 0;
    long double sum_ = 0;                 // ns; long double keeps sums of 10^12 values exact enough
};

}  // namespace salvo
