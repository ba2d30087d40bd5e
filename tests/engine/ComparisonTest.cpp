#include <gtest/gtest.h>

#include <sstream>

#include "salvo/Comparison.hpp"

using namespace salvo;

namespace {

// A finished closed-model run of `ok` successes and `failed` failures over `seconds`, every
// response taking `latencyMs`.
RunRecord known(const std::string& label, double latencyMs, std::uint64_t ok, std::uint64_t failed, double seconds) {
    RunRecord record;
    record.label = label;
    RunResult& r = record.result;
    r.outcome = Outcome::finished;
    r.elapsedSeconds = seconds;
    r.total.succeeded = ok;
    r.total.failed = failed;
    for (std::uint64_t i = 0; i < ok + failed; ++i) r.total.latency.record(static_cast<std::uint64_t>(latencyMs * 1e6));
    return record;
}

const ComparedFigure& figure(const Comparison& c, const std::string& key) {
    for (const auto& f : c.figures)
        if (f.key == key) return f;
    throw std::runtime_error("no figure " + key);
}

}  // namespace

TEST(Comparison, differencesAndPercentagesAgainstTheBaseline) {
    const RunRecord a = known("before", 10, 1000, 0, 1.0);
    const RunRecord b = known("after", 12, 1090, 10, 1.0);
    const Comparison c = compareRuns({&a, &b});
    ASSERT_EQ(c.runs, (std::vector<std::string>{"before", "after"}));
    const ComparedFigure& p99 = figure(c, "latency_p99_ms");
    EXPECT_NEAR(*p99.values[0], 10.0, 0.01);
    EXPECT_NEAR(*p99.difference[1], 2.0, 0.02);
    EXPECT_NEAR(*p99.percent[1], 20.0, 0.2);
    EXPECT_TRUE(p99.regression[1]);
    EXPECT_FALSE(p99.regression[0]);
    const ComparedFigure& rps = figure(c, "rps");
    EXPECT_DOUBLE_EQ(*rps.difference[1], 100.0);
    EXPECT_DOUBLE_EQ(*rps.percent[1], 10.0);
    EXPECT_FALSE(rps.regression[1]);  // higher throughput is better
    EXPECT_TRUE(rps.improvement[1]);
    EXPECT_FALSE(p99.improvement[1]);
    const ComparedFigure& errors = figure(c, "error_rate_percent");
    EXPECT_DOUBLE_EQ(*errors.values[1], 10.0 * 100 / 1100);
    EXPECT_FALSE(errors.percent[1]);  // no percentage of a zero baseline
    EXPECT_TRUE(errors.regression[1]);
}

TEST(Comparison, smallChangesAreNotRegressions) {
    const RunRecord a = known("a", 10, 1000, 0, 1.0);
    const RunRecord b = known("b", 10.4, 970, 0, 1.0);  // 4% slower, 3% less throughput
    const Comparison c = compareRuns({&a, &b});
    EXPECT_FALSE(figure(c, "latency_p99_ms").regression[1]);
    EXPECT_FALSE(figure(c, "rps").regression[1]);
    const RunRecord slower = known("c", 10, 900, 0, 1.0);  // 10% less throughput
    EXPECT_TRUE(figure(compareRuns({&a, &slower}), "rps").regression[1]);
}

TEST(Comparison, aRunWithoutResponsesHasNoLatencyNotZero) {
    const RunRecord a = known("a", 10, 100, 0, 1.0);
    RunRecord none = known("none", 0, 0, 0, 1.0);
    none.result.total.failed = 50;
    none.result.total.latency.clear();
    const Comparison c = compareRuns({&a, &none});
    EXPECT_FALSE(figure(c, "latency_p99_ms").values[1]);
    EXPECT_FALSE(figure(c, "latency_p99_ms").difference[1]);
    EXPECT_FALSE(figure(c, "latency_p99_ms").regression[1]);
}

TEST(Comparison, threeRunsTextAndJson) {
    const RunRecord a = known("a", 10, 1000, 0, 1.0), b = known("b", 20, 500, 0, 1.0), c3 = known("c", 5, 2000, 0, 1.0);
    const Comparison c = compareRuns({&a, &b, &c3});
    std::ostringstream text;
    writeComparisonText(c, text);
    EXPECT_NE(text.str().find("A (baseline): a\nB: b\nC: c\n"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("B 20.000 +10.000 (+100.0%)  REGRESSION"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("C 5.000 -5.000 (-50.0%)  better"), std::string::npos) << text.str();
    const auto json = comparisonJson(c);
    EXPECT_EQ(json.at("baseline").as_string(), "a");
    EXPECT_EQ(json.at("runs").as_array().size(), 3u);
    EXPECT_GE(json.at("regressions").to_number<int>(), 2);  // b: latency and throughput
}

TEST(Comparison, runsOfDifferentModelsOrTargetsAreNoted) {
    RunRecord open = known("open", 10, 100, 0, 1.0), closed = known("closed", 10, 100, 0, 1.0);
    open.result.load.rate = 100;
    open.result.url = "http://127.0.0.1:1/";
    closed.result.url = "http://127.0.0.1:2/";
    const Comparison c = compareRuns({&open, &closed});
    ASSERT_EQ(c.notes.size(), 2u);
    EXPECT_NE(c.notes[0].find("mix load models"), std::string::npos);
    EXPECT_NE(c.notes[1].find("different URLs"), std::string::npos);
    EXPECT_TRUE(compareRuns({&closed, &closed}).notes.empty());
}

TEST(Comparison, betterIsSaidOnlyBeyondTheToleranceLikeRegressions) {
    const RunRecord a = known("a", 10, 1000, 0, 1.0), b = known("b", 9.8, 1000, 0, 1.0);
    std::ostringstream text;
    writeComparisonText(compareRuns({&a, &b}), text);
    EXPECT_EQ(text.str().find("better"), std::string::npos) << text.str();  // 2% faster: within noise
}

// Runs of a plan with named requests compare request by request too, for the baseline's names.
TEST(Comparison, namedRequestsAreComparedOneByOne) {
    RunRecord a = known("before", 10, 1000, 0, 1.0);
    RunRecord b = known("after", 10, 1000, 0, 1.0);
    a.result.requestNames = {"home", "login"};
    b.result.requestNames = {"login"};
    a.result.requests.resize(2);
    b.result.requests.resize(1);
    for (int i = 0; i < 100; ++i) {
        a.result.requests[1].recordResponse(200, 10, 20'000'000);
        b.result.requests[0].recordResponse(i < 5 ? 503 : 200, 10, 30'000'000);
    }
    const Comparison c = compareRuns({&a, &b});
    const ComparedFigure& p99 = figure(c, "requests.login.latency_p99_ms");
    EXPECT_EQ(p99.label, "login: Latency p99");
    EXPECT_NEAR(*p99.values[0], 20.0, 0.05);
    EXPECT_NEAR(*p99.values[1], 30.0, 0.05);
    EXPECT_TRUE(p99.regression[1]);
    const ComparedFigure& errors = figure(c, "requests.login.error_rate_percent");
    EXPECT_DOUBLE_EQ(*errors.values[1], 5.0);
    EXPECT_TRUE(errors.regression[1]);
    EXPECT_FALSE(figure(c, "requests.home.rps").values[1]);  // the other run has no such request
    EXPECT_FALSE(figure(c, "latency_p99_ms").regression[1]);  // the totals did not move
    std::ostringstream text;
    writeComparisonText(c, text);
    EXPECT_NE(text.str().find("login: Latency p99"), std::string::npos) << text.str();
}
