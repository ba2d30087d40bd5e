#include <gtest/gtest.h>

#include <random>

#include "salvo/HdrEncoding.hpp"

using namespace salvo;

namespace {

LatencyHistogram spread() {
    LatencyHistogram h;
    std::mt19937_64 random(7);
    std::lognormal_distribution<double> latency(15.0, 1.5);  // ~3 ms median, a long tail
    for (int i = 0; i < 20'000; ++i) h.record(static_cast<std::uint64_t>(latency(random)));
    h.record(1);
    h.record(LatencyHistogram::kMaxValue + 5);  // clamped, still counted
    return h;
}

void expectSameBuckets(const LatencyHistogram& a, const LatencyHistogram& b) {
    ASSERT_EQ(a.count(), b.count());
    const std::size_t n = std::max(a.bucketCount(), b.bucketCount());
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(a.countAt(i), b.countAt(i)) << "bucket " << i;
}

}  // namespace

TEST(HdrEncoding, compressedBase64StartsWithHdrHistogramsV2Cookie) {
    // 0x1c849314 (V2 compressed, word-size bits 0x10) is "HISTF" in base64, as in every .hlog.
    EXPECT_EQ(encodeHdrBase64(spread()).substr(0, 6), "HISTFA");
    EXPECT_EQ(encodeHdrBase64(LatencyHistogram{}).substr(0, 6), "HISTFA");
}

TEST(HdrEncoding, roundTripKeepsEveryBucketAndPercentile) {
    const LatencyHistogram h = spread();
    for (const std::string& bytes : {encodeHdr(h), encodeHdrCompressed(h)}) {
        const HdrDecoded d = decodeHdr(bytes);
        ASSERT_TRUE(d.histogram) << d.error;
        expectSameBuckets(h, *d.histogram);
        for (double p : {0.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0})
            EXPECT_EQ(LatencyHistogram::bucketIndex(d.histogram->percentile(p)),
                      LatencyHistogram::bucketIndex(h.percentile(p))) << p;
    }
    const HdrDecoded viaText = decodeHdrBase64(encodeHdrBase64(h));
    ASSERT_TRUE(viaText.histogram) << viaText.error;
    expectSameBuckets(h, *viaText.histogram);
}

TEST(HdrEncoding, exactFiguresRestoreTheSameHistogram) {
    const LatencyHistogram h = spread();
    HdrDecoded d = decodeHdrBase64(encodeHdrBase64(h));
    ASSERT_TRUE(d.histogram);
    ASSERT_TRUE(d.histogram->restoreExact(h.min(), h.max(), h.sum()));
    EXPECT_EQ(*d.histogram, h);
    EXPECT_DOUBLE_EQ(d.histogram->mean(), h.mean());
    EXPECT_EQ(d.histogram->percentile(99.9), h.percentile(99.9));
    // Figures that contradict the buckets are refused, not believed.
    LatencyHistogram again = *decodeHdrBase64(encodeHdrBase64(h)).histogram;
    EXPECT_FALSE(again.restoreExact(h.max(), h.max(), h.sum()));
    EXPECT_FALSE(again.restoreExact(h.min(), h.max(), 2.0L * h.max() * h.count()));  // mean above the max
}

TEST(HdrEncoding, countsAboveFourBillionAndLongZeroRunsSurvive) {
    LatencyHistogram h;
    h.addToBucket(LatencyHistogram::bucketIndex(500), 5'000'000'000ULL);
    h.addToBucket(LatencyHistogram::bucketIndex(3'000'000'000ULL), 1);
    const HdrDecoded d = decodeHdr(encodeHdrCompressed(h));
    ASSERT_TRUE(d.histogram) << d.error;
    expectSameBuckets(h, *d.histogram);
    EXPECT_EQ(d.histogram->count(), 5'000'000'001ULL);
}

TEST(HdrEncoding, emptyHistogramRoundTrips) {
    const HdrDecoded d = decodeHdrBase64(encodeHdrBase64(LatencyHistogram{}));
    ASSERT_TRUE(d.histogram) << d.error;
    EXPECT_TRUE(d.histogram->empty());
}

TEST(HdrEncoding, brokenInputIsRefusedWithAReason) {
    const std::string good = encodeHdrCompressed(spread());
    EXPECT_NE(decodeHdrBase64("not base64!").error.find("base64"), std::string::npos);
    EXPECT_NE(decodeHdr("").error.find("too short"), std::string::npos);
    EXPECT_NE(decodeHdr(std::string(64, 'x')).error.find("cookie"), std::string::npos);
    EXPECT_FALSE(decodeHdr(good.substr(0, good.size() / 2)).histogram);  // truncated
    std::string flipped = good;
    flipped[20] = static_cast<char>(flipped[20] ^ 0x5a);
    EXPECT_FALSE(decodeHdr(flipped).histogram);  // zlib's checksum catches it
    std::string plain = encodeHdr(spread());
    plain[15] = 2;  // two significant digits: another bucket layout
    EXPECT_NE(decodeHdr(plain).error.find("2 significant digits"), std::string::npos);
    // Every prefix of a valid encoding fails cleanly (no crash, no hang).
    for (std::size_t n = 0; n < good.size(); n += 7) EXPECT_FALSE(decodeHdr(good.substr(0, n)).histogram) << n;
}

TEST(HdrEncoding, base64MatchesTheStandardAlphabetWithPadding) {
    EXPECT_EQ(base64Encode(""), "");
    EXPECT_EQ(base64Encode("f"), "Zg==");
    EXPECT_EQ(base64Encode("fo"), "Zm8=");
    EXPECT_EQ(base64Encode("foo"), "Zm9v");
    EXPECT_EQ(base64Encode("\xff\xfe"), "//4=");
    EXPECT_EQ(base64Decode("Zm8="), "fo");
    EXPECT_EQ(base64Decode("Zg=="), "f");
    EXPECT_FALSE(base64Decode("Zg="));
    EXPECT_FALSE(base64Decode("Z=g="));
    EXPECT_FALSE(base64Decode("Zm9v\n"));
}

namespace {
// A V2 encoding (uncompressed) of raw ZigZag tokens, as a hostile or broken writer might make.
std::string withTokens(const std::string& tokens) {
    std::string out = encodeHdr(LatencyHistogram{});
    const auto n = static_cast<std::uint32_t>(tokens.size());
    for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
    return out + tokens;
}
}  // namespace

TEST(HdrEncoding, countsThatOverflowAreRefusedNotWrapped) {
    // ZigZag of INT64_MAX is 2^64 - 2: nine bytes, 0xfe then seven 0xff and the whole ninth byte.
    const std::string huge = "\xfe\xff\xff\xff\xff\xff\xff\xff\xff";
    const HdrDecoded d = decodeHdr(withTokens(huge + huge + "\x06"));
    EXPECT_FALSE(d.histogram);
    EXPECT_NE(d.error.find("past 2^64"), std::string::npos) << d.error;
    EXPECT_TRUE(decodeHdr(withTokens(huge)).histogram);  // one of them alone is a count
}

TEST(HdrEncoding, aCompressedBombOfCountsIsRefusedQuickly) {
    // 100,000 counts of 1 compress to a few hundred bytes but name buckets no histogram has.
    const std::string plain = withTokens(std::string(100'000, '\x02'));
    const HdrDecoded d = decodeHdr(plain);
    EXPECT_FALSE(d.histogram);
    EXPECT_NE(d.error.find("past the largest value"), std::string::npos) << d.error;
}

TEST(HdrEncoding, theNormalizingOffsetIsIgnoredAsHdrHistogramReadersDo) {
    std::string plain = encodeHdr(spread());
    plain[11] = 1;  // hdr-histogram-js writes 1 there
    const HdrDecoded d = decodeHdr(plain);
    ASSERT_TRUE(d.histogram) << d.error;
    expectSameBuckets(spread(), *d.histogram);
}
