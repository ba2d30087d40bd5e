#include "salvo/LatencyHistogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace salvo {
namespace {
constexpr unsigned kSubBucketBits = 11;                     // 2048 sub-buckets
constexpr std::uint64_t kSubBucketCount = 1u << kSubBucketBits;
constexpr std::uint64_t kHalfCount = kSubBucketCount / 2;  // 1024 buckets per power of two
}  // namespace

std::size_t LatencyHistogram::bucketIndex(std::uint64_t nanos) {
    nanos = std::min(nanos, kMaxValue);
    if (nanos < kSubBucketCount) return nanos;
    // shift >= 1: how far v must move right to land in [1024, 2047].
    const unsigned shift = std::bit_width(nanos) - kSubBucketBits;
    const std::uint64_t sub = nanos >> shift;
    return kSubBucketCount + (shift - 1) * kHalfCount + (sub - kHalfCount);
}

std::uint64_t LatencyHistogram::bucketLowest(std::size_t index) {
    if (index < kSubBucketCount) return index;
    const std::uint64_t above = index - kSubBucketCount;
    const unsigned shift = static_cast<unsigned>(above / kHalfCount) + 1;
    const std::uint64_t sub = kHalfCount + above % kHalfCount;
    return sub << shift;
}

std::uint64_t LatencyHistogram::bucketHighest(std::size_t index) {
    if (index < kSubBucketCount) return index;
    const unsigned shift = static_cast<unsigned>((index - kSubBucketCount) / kHalfCount) + 1;
    return bucketLowest(index) + (std::uint64_t{1} << shift) - 1;
}

void LatencyHistogram::record(std::uint64_t nanos) {
    const std::size_t index = bucketIndex(nanos);
    // Grows at most ~33 times over a run (once per new power of two), never per request.
    if (index >= buckets_.size()) buckets_.resize(index + kHalfCount, 0);
    ++buckets_[index];
    min_ = count_ == 0 ? nanos : std::min(min_, nanos);
    max_ = std::max(max_, nanos);
    sum_ += nanos;
    ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.count_ == 0) return;
    if (other.buckets_.size() > buckets_.size()) buckets_.resize(other.buckets_.size(), 0);
    for (std::size_t i = 0; i < other.buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
    min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    sum_ += other.sum_;
    count_ += other.count_;
}

void LatencyHistogram::clear() {
    // Only the buckets between min and max can hold counts: a histogram reused for every delta
    // keeps its buckets, and zeroing all of them each time would cost more than its counting.
    if (count_ > 0)
        std::fill(buckets_.begin() + static_cast<std::ptrdiff_t>(bucketIndex(min_)),
                  buckets_.begin() + static_cast<std::ptrdiff_t>(std::min(buckets_.size(), bucketIndex(max_) + 1)), 0);
    count_ = min_ = max_ = 0;
    sum_ = 0;
}

double LatencyHistogram::mean() const {
    return count_ == 0 ? 0.0 : static_cast<double>(sum_ / count_);
}

// HdrHistogram's way: every value stands at its bucket's middle (clamped to the exact min and
// max, so a histogram of one repeated value has no spread), the mean taken the same way.
double LatencyHistogram::stddev() const {
    if (count_ == 0) return 0.0;
    const auto middle = [this](std::size_t i) {
        const long double mid = (static_cast<long double>(bucketLowest(i)) + bucketHighest(i)) / 2;
        return std::clamp<long double>(mid, min_, max_);
    };
    long double sum = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) sum += middle(i) * buckets_[i];
    const long double mean = sum / count_;
    long double squares = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i)
        squares += (middle(i) - mean) * (middle(i) - mean) * buckets_[i];
    return static_cast<double>(std::sqrt(squares / count_));
}

std::uint64_t LatencyHistogram::percentile(double percent) const {
    if (count_ == 0) return 0;
    percent = std::clamp(percent, 0.0, 100.0);
    // The epsilon keeps 99.9% of 1000 at rank 999: 0.999 * 1000 is 999.0000000000001 in binary.
    const auto wanted = static_cast<std::uint64_t>(std::ceil(percent / 100.0 * count_ - 1e-7));
    const std::uint64_t rank = std::max<std::uint64_t>(wanted, 1);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= rank) return std::clamp(bucketHighest(i), min_, max_);
    }
    return max_;
}

void LatencyHistogram::addToBucket(std::size_t index, std::uint64_t count) {
    if (count == 0) return;
    index = std::min(index, bucketIndex(kMaxValue));  // as record() clamps
    if (index >= buckets_.size()) buckets_.resize(index + 1, 0);
    buckets_[index] += count;
    const std::uint64_t lowest = bucketLowest(index);
    const std::uint64_t highest = std::min(bucketHighest(index), kMaxValue);
    min_ = count_ == 0 ? lowest : std::min(min_, lowest);
    max_ = std::max(max_, highest);
    sum_ += (static_cast<long double>(lowest) + highest) / 2 * count;
    count_ += count;
}

bool LatencyHistogram::restoreExact(std::uint64_t min, std::uint64_t max, long double sum) {
    if (count_ == 0) return min == 0 && max == 0;
    // Only figures the buckets agree with: the min in the lowest bucket, the max in the highest.
    // The mean may differ from [min, max] by its rounding in a record's text, no more.
    const long double mean = sum / count_;
    if (min > max || bucketIndex(min) != bucketIndex(min_) || bucketIndex(max) != bucketIndex(max_) ||
        !(mean >= min * (1 - 1e-9L) - 1) || !(mean <= max * (1 + 1e-9L) + 1))
        return false;
    min_ = min;
    max_ = max;
    sum_ = sum;
    return true;
}

bool LatencyHistogram::operator==(const LatencyHistogram& other) const {
    if (count_ != other.count_ || min() != other.min() || max_ != other.max_) return false;
    const std::size_t n = std::max(buckets_.size(), other.buckets_.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t a = i < buckets_.size() ? buckets_[i] : 0;
        const std::uint64_t b = i < other.buckets_.size() ? other.buckets_[i] : 0;
        if (a != b) return false;
    }
    return true;
}

}  // namespace salvo
