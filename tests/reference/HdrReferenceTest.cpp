// Salvo's HdrHistogram encodings and interval logs, read by HdrHistogram's JavaScript
// implementation (npm hdr-histogram-js, installed by the reference_npm_install fixture).

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "Subprocess.hpp"
#include "salvo/HdrEncoding.hpp"
#include "salvo/HistogramLog.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    return fs::temp_directory_path() / ("salvo-hdr-" + std::to_string(getpid()) + "-" + name);
}

// Runs the reference checker; fails the test (not skips) when node or the package is missing.
json::array reference(const std::string& mode, const std::string& file) {
    test::Subprocess node({SALVO_NODE, SALVO_REFERENCE_DIR "/hdr-check.js", mode, file});
    const int status = node.wait();
    EXPECT_EQ(status, 0) << "node hdr-check.js failed (is hdr-histogram-js installed? ctest runs the "
                            "reference_npm_install fixture first): "
                         << node.err();
    if (status != 0) return {};
    return json::parse(node.out()).as_array();
}

std::vector<LatencyHistogram> shapes() {
    std::vector<LatencyHistogram> all(5);
    std::mt19937_64 random(42);
    std::lognormal_distribution<double> tail(14.0, 2.0);
    for (int i = 0; i < 50'000; ++i) all[0].record(static_cast<std::uint64_t>(tail(random)));
    all[0].record(LatencyHistogram::kMaxValue + 1);  // clamped to the hour
    for (std::uint64_t v = 1; v < 2048; v += 3) all[1].record(v);  // the exact range
    all[2].record(123'456'789);                                    // one value
    all[3].addToBucket(LatencyHistogram::bucketIndex(250'000), 6'000'000'000ULL);  // > 2^32
    all[3].addToBucket(LatencyHistogram::bucketIndex(90'000'000'000ULL), 3);
    return all;  // all[4] empty
}

std::uint64_t number(const json::value& v) { return static_cast<std::uint64_t>(v.to_number<double>()); }

}  // namespace

TEST(HdrReference, hdrHistogramJsReadsTheSameCountsAndPercentiles) {
    const std::vector<LatencyHistogram> histograms = shapes();
    json::array cases;
    for (const auto& h : histograms) cases.emplace_back(encodeHdrBase64(h));
    const fs::path file = scratch("cases.json");
    std::ofstream(file) << json::serialize(cases);
    const json::array seen = reference("histograms", file.string());
    ASSERT_EQ(seen.size(), histograms.size());
    const double percents[] = {50, 90, 99, 99.9, 99.99, 100};
    for (std::size_t c = 0; c < histograms.size(); ++c) {
        const LatencyHistogram& h = histograms[c];
        const json::object& js = seen[c].as_object();
        ASSERT_EQ(number(js.at("count")), h.count()) << "case " << c;
        // Bucket for bucket: the same lowest value and the same count, nothing else.
        const json::array& buckets = js.at("buckets").as_array();
        std::size_t k = 0;
        h.forEachBucket([&](std::uint64_t lowest, std::uint64_t, std::uint64_t count) {
            ASSERT_LT(k, buckets.size()) << "case " << c;
            EXPECT_EQ(number(buckets[k].at(0)), lowest) << "case " << c << " bucket " << k;
            EXPECT_EQ(number(buckets[k].at(1)), count) << "case " << c << " bucket " << k;
            ++k;
        });
        EXPECT_EQ(k, buckets.size()) << "case " << c;
        if (h.empty()) continue;
        // HdrHistogram reports a bucket's highest value; Salvo also knows the exact min and max.
        for (std::size_t p = 0; p < std::size(percents); ++p)
            EXPECT_EQ(std::clamp(number(js.at("percentiles").at(p)), h.min(), h.max()), h.percentile(percents[p]))
                << "case " << c << " p" << percents[p];
        EXPECT_EQ(number(js.at("min")), LatencyHistogram::bucketLowest(LatencyHistogram::bucketIndex(h.min())));
        EXPECT_EQ(LatencyHistogram::bucketIndex(number(js.at("max"))), LatencyHistogram::bucketIndex(h.max()));
    }
    fs::remove(file);
}

TEST(HdrReference, salvoReadsWhatHdrHistogramJsEncodes) {
    std::mt19937_64 random(3);
    std::lognormal_distribution<double> tail(12.0, 1.8);
    json::array lists;
    std::vector<LatencyHistogram> expected(3);
    for (std::size_t c = 0; c < expected.size(); ++c) {
        json::array values;
        for (int i = 0; i < (c == 2 ? 1 : 3000); ++i) {
            const auto v = std::min<std::uint64_t>(static_cast<std::uint64_t>(tail(random)) + 1, 3'000'000'000'000ULL);
            values.emplace_back(v);
            expected[c].record(v);
        }
        lists.emplace_back(std::move(values));
    }
    const fs::path file = scratch("values.json");
    std::ofstream(file) << json::serialize(lists);
    const json::array encoded = reference("encode", file.string());
    ASSERT_EQ(encoded.size(), expected.size());
    for (std::size_t c = 0; c < expected.size(); ++c) {
        const HdrDecoded d = decodeHdrBase64(std::string(encoded[c].as_string()));
        ASSERT_TRUE(d.histogram) << "case " << c << ": " << d.error;
        ASSERT_EQ(d.histogram->count(), expected[c].count());
        for (std::size_t i = 0; i < expected[c].bucketCount(); ++i)
            ASSERT_EQ(d.histogram->countAt(i), expected[c].countAt(i)) << "case " << c << " bucket " << i;
        EXPECT_EQ(LatencyHistogram::bucketIndex(d.histogram->percentile(99)),
                  LatencyHistogram::bucketIndex(expected[c].percentile(99)));
    }
    fs::remove(file);
}

TEST(HdrReference, histogramLogReaderReadsEverySecondOfARun) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.rate = "300";
    in.duration = "2.2s";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok());
    const auto started = std::chrono::system_clock::now();
    const RunRecord record = makeRecord(v.spec, runBlocking(v.spec), started, false);
    const fs::path file = scratch("run.hlog");
    {
        std::ofstream out(file);
        writeHistogramLog(record, out);
    }
    const json::array intervals = reference("log", file.string());
    const auto& seconds = record.result.timeline;
    ASSERT_EQ(seconds.size(), 3u);
    ASSERT_EQ(intervals.size(), 2 * seconds.size());  // latency (untagged) and service_time
    const double startMs = static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(started.time_since_epoch()).count());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        const json::object& interval = intervals[i].as_object();
        const std::size_t second = i / 2;
        EXPECT_EQ(interval.at("tag").as_string(), i % 2 == 0 ? "NO TAG" : "service_time") << i;
        EXPECT_EQ(number(interval.at("count")), seconds[second].responses) << i;
        EXPECT_NEAR(interval.at("startMs").to_number<double>(), startMs + 1000.0 * second, 1.0) << i;
        EXPECT_NEAR(interval.at("endMs").to_number<double>() - interval.at("startMs").to_number<double>(), 1000, 1e-6);
        if (i % 2 == 0) total += number(interval.at("count"));
    }
    EXPECT_EQ(total, record.result.total.latency.count());  // no warm-up: every response is in a second
    fs::remove(file);
}
