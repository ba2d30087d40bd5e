#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <sstream>

#include "salvo/LocalTarget.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunResult.hpp"
#include "salvo/Runner.hpp"
#include "salvo/Threshold.hpp"

using namespace salvo;

namespace {

Threshold parsed(const std::string& text) {
    Threshold t;
    std::string message;
    EXPECT_TRUE(parseThreshold({text, false, {}}, t, message)) << text << ": " << message;
    return t;
}

std::string refused(const std::string& text, const std::string& delay = {}) {
    Threshold t;
    std::string message;
    EXPECT_FALSE(parseThreshold({text, !delay.empty(), delay}, t, message)) << text;
    return message;
}

// A finished closed-model result: 100 responses of 1..100 ms, 3 of them 503s, over 2 s.
RunResult sample() {
    RunResult r;
    r.outcome = Outcome::finished;
    for (int i = 1; i <= 100; ++i) r.total.recordResponse(i <= 3 ? 503 : 200, 10, static_cast<std::uint64_t>(i) * 1'000'000);
    r.elapsedSeconds = 2;
    r.dropped = 4;
    return r;
}

ThresholdOutcome judged(const std::string& text, const RunResult& r, bool final = true) {
    return judgeThresholds({parsed(text)}, r, final).at(0);
}

}  // namespace

TEST(Threshold, parsesK6Syntax) {
    Threshold t = parsed("p(99)<250ms");
    EXPECT_EQ(t.metric, ThresholdMetric::latency);
    EXPECT_EQ(t.statistic, ThresholdStatistic::percentile);
    EXPECT_DOUBLE_EQ(t.percentile, 99);
    EXPECT_EQ(t.op, ThresholdOp::less);
    EXPECT_DOUBLE_EQ(t.limit, 250e6);

    t = parsed(" p(99.9) <= 1.5s ");
    EXPECT_EQ(t.text, "p(99.9) <= 1.5s");
    EXPECT_DOUBLE_EQ(t.percentile, 99.9);
    EXPECT_EQ(t.op, ThresholdOp::lessEqual);
    EXPECT_DOUBLE_EQ(t.limit, 1.5e9);

    EXPECT_DOUBLE_EQ(parsed("avg<200").limit, 200e6);  // a bare time is milliseconds, as in k6
    EXPECT_DOUBLE_EQ(parsed("max<800us").limit, 800e3);
    EXPECT_EQ(parsed("med>=1ms").statistic, ThresholdStatistic::med);
    EXPECT_EQ(parsed("min>0").op, ThresholdOp::greater);
    EXPECT_EQ(parsed("service_time.p(95)<100ms").metric, ThresholdMetric::serviceTime);
    EXPECT_EQ(parsed("latency.avg<100ms").metric, ThresholdMetric::latency);

    t = parsed("error_rate<1%");
    EXPECT_EQ(t.metric, ThresholdMetric::errorRate);
    EXPECT_DOUBLE_EQ(t.limit, 0.01);
    EXPECT_DOUBLE_EQ(parsed("error_rate<=0.05").limit, 0.05);
    t = parsed("rps>=900");
    EXPECT_EQ(t.metric, ThresholdMetric::rps);
    EXPECT_EQ(t.op, ThresholdOp::greaterEqual);
    t = parsed("status_5xx==0");
    EXPECT_EQ(t.metric, ThresholdMetric::statusClass);
    EXPECT_EQ(t.status, 5);
    EXPECT_EQ(t.op, ThresholdOp::equal);
    t = parsed("status_503!=7");
    EXPECT_EQ(t.metric, ThresholdMetric::status);
    EXPECT_EQ(t.status, 503);
    EXPECT_EQ(t.op, ThresholdOp::notEqual);
    EXPECT_EQ(parsed("dropped==0").metric, ThresholdMetric::dropped);
    EXPECT_EQ(parsed("failed<10").metric, ThresholdMetric::failed);
    EXPECT_EQ(parsed("p(99){request:login}<200ms").request, "login");
    t = parsed("p(99){request:a<=b}<=1h");  // the tag comes out before the operator is looked for
    EXPECT_EQ(t.request, "a<=b");
    EXPECT_EQ(t.op, ThresholdOp::lessEqual);
    EXPECT_DOUBLE_EQ(t.limit, 3600e9);
}

// A percentage is read as the decimal it is: exactly 7 in 1000 is within "<=0.7%".
TEST(Threshold, percentagesHaveNoRoundingError) {
    RunResult r;
    for (int i = 0; i < 1000; ++i) r.total.recordResponse(i < 7 ? 500 : 200, 1, 1'000'000);
    for (const char* text : {"error_rate<=0.7%", "error_rate<=0.007", "error_rate>=0.7%"})
        EXPECT_EQ(judged(text, r).state, ThresholdState::passed) << text;
    EXPECT_EQ(judged("error_rate<0.7%", r).state, ThresholdState::failed);
    r = RunResult{};
    for (int i = 0; i < 1000; ++i) r.total.recordResponse(i < 29 ? 500 : 200, 1, 1'000'000);
    EXPECT_EQ(judged("error_rate<=2.9%", r).state, ThresholdState::passed);
}

// Before the warm-up ends nothing is measured: rps is pending, not 0 req/s failing.
TEST(Threshold, rpsIsPendingDuringTheWarmup) {
    RunResult r;
    r.load.warmupSeconds = 2;
    r.load.durationSeconds = 10;
    r.elapsedSeconds = 1.5;
    EXPECT_EQ(judged("rps>=50", r, false).state, ThresholdState::pending);
    r.elapsedSeconds = 3;
    for (int i = 0; i < 100; ++i) r.total.recordResponse(200, 1, 1'000'000);
    const ThresholdOutcome o = judged("rps>=50", r, false);
    EXPECT_EQ(o.state, ThresholdState::passed);
    EXPECT_DOUBLE_EQ(o.value, 100);  // 100 in the 1 s after the warm-up
}

TEST(Threshold, abortOptions) {
    Threshold t;
    std::string message;
    ASSERT_TRUE(parseThreshold({"error_rate<5%", true, "10s"}, t, message)) << message;
    EXPECT_TRUE(t.abortOnFail);
    EXPECT_DOUBLE_EQ(t.abortDelaySeconds, 10);
    EXPECT_NE(refused("error_rate<5%", "soon").find("'soon' is not a duration"), std::string::npos);
}

TEST(Threshold, refusesWhatItCannotJudgeByName) {
    EXPECT_NE(refused("").find("empty"), std::string::npos);
    EXPECT_NE(refused("p(99)").find("needs a comparison"), std::string::npos);
    EXPECT_NE(refused("p(99)=250ms").find("needs a comparison"), std::string::npos);
    EXPECT_NE(refused("p(0)<1s").find("above 0 and at most 100"), std::string::npos);
    EXPECT_NE(refused("p(101)<1s").find("above 0 and at most 100"), std::string::npos);
    EXPECT_NE(refused("p95<1s").find("unknown statistic 'p95'"), std::string::npos);
    EXPECT_NE(refused("p(99)<fast").find("'fast' is not a time"), std::string::npos);
    EXPECT_NE(refused("p(99)<-5ms").find("is not a time"), std::string::npos);
    EXPECT_NE(refused("error_rate<150%").find("is not a rate"), std::string::npos);
    EXPECT_NE(refused("rps>=lots").find("not a number"), std::string::npos);
    EXPECT_NE(refused("status_6xx==0").find("status code"), std::string::npos);
    EXPECT_NE(refused("status_50==0").find("status code"), std::string::npos);
    EXPECT_NE(refused("p(99){name:x}<1s").find("{request:NAME}"), std::string::npos);
    EXPECT_EQ(parsed("checks_failed==0").metric, ThresholdMetric::checksFailed);
    EXPECT_NE(refused("dropped==0.5").find("not a whole number"), std::string::npos);
    EXPECT_NE(refused("p(99){request: }<1s").find("{request:NAME}"), std::string::npos);
    EXPECT_NE(refused("p(99){request:x<1s").find("{request:NAME}"), std::string::npos);
    EXPECT_NE(refused("error_rate<1e2%").find("not a rate"), std::string::npos);
    // The expression is named in the message, so one of several can be found.
    EXPECT_NE(refused("p(99)<fast").find("threshold 'p(99)<fast'"), std::string::npos);
}

TEST(Threshold, judgesEachMetricOnTheFigures) {
    const RunResult r = sample();
    ThresholdOutcome o = judged("p(99)<99ms", r);
    EXPECT_EQ(o.state, ThresholdState::failed);
    EXPECT_EQ(o.metric, "latency p(99)");
    EXPECT_NEAR(o.value, 99, 0.1);  // the histogram keeps 3 significant digits
    EXPECT_EQ(o.unit, "ms");
    EXPECT_DOUBLE_EQ(o.limit, 99);
    EXPECT_EQ(judged("p(99)<=100ms", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("max<100ms", r).state, ThresholdState::failed);
    EXPECT_EQ(judged("max<=100ms", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("min>=1ms", r).state, ThresholdState::passed);
    EXPECT_NEAR(judged("avg<1s", r).value, 50.5, 0.01);  // the mean is exact
    EXPECT_EQ(judged("med<=51ms", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("med<50ms", r).state, ThresholdState::failed);
    // Closed model: the service time is the latency.
    EXPECT_DOUBLE_EQ(judged("service_time.max<1s", r).value, judged("max<1s", r).value);

    o = judged("error_rate<3%", r);
    EXPECT_EQ(o.state, ThresholdState::failed);  // 3 of 100
    EXPECT_DOUBLE_EQ(o.value, 3);
    EXPECT_EQ(o.measured, "3%");
    EXPECT_EQ(judged("error_rate<=3%", r).state, ThresholdState::passed);
    EXPECT_DOUBLE_EQ(judged("rps>=50", r).value, 50);  // 100 in 2 s
    EXPECT_EQ(judged("rps>50", r).state, ThresholdState::failed);
    EXPECT_DOUBLE_EQ(judged("status_5xx==0", r).value, 3);
    EXPECT_EQ(judged("status_5xx==0", r).state, ThresholdState::failed);
    EXPECT_EQ(judged("status_503==3", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("status_2xx==97", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("status_404==0", r).state, ThresholdState::passed);
    EXPECT_EQ(judged("dropped==0", r).state, ThresholdState::failed);
    EXPECT_DOUBLE_EQ(judged("dropped==0", r).value, 4);
    EXPECT_EQ(judged("failed<=3", r).state, ThresholdState::passed);
}

TEST(Threshold, withoutDataPendingLiveAndFailedAtTheEnd) {
    RunResult empty;
    const ThresholdOutcome live = judged("p(99)<1s", empty, false);
    EXPECT_EQ(live.state, ThresholdState::pending);
    EXPECT_FALSE(live.hasValue);
    const ThresholdOutcome final = judged("p(99)<1s", empty, true);
    EXPECT_EQ(final.state, ThresholdState::failed);  // a gate that measured nothing does not pass
    EXPECT_EQ(final.measured, "no response measured");
    EXPECT_EQ(judged("error_rate<1%", empty).state, ThresholdState::failed);
    EXPECT_EQ(judged("status_5xx==0", empty).state, ThresholdState::passed);  // a count of 0 is data
    EXPECT_TRUE(thresholdsHold({}));
    EXPECT_FALSE(thresholdsHold({final}));
}

TEST(Threshold, reportedInJsonTextAndJunit) {
    RunResult r = sample();
    r.thresholds = judgeThresholds({parsed("p(99)<=100ms"), parsed("error_rate<1%")}, r, true);
    const auto json = reportJson(r).at("thresholds").as_array();
    ASSERT_EQ(json.size(), 2u);
    EXPECT_EQ(json[0].at("threshold").as_string(), "p(99)<=100ms");
    EXPECT_EQ(json[0].at("passed").as_bool(), true);
    EXPECT_EQ(json[1].at("state").as_string(), "failed");
    EXPECT_DOUBLE_EQ(json[1].at("value").as_double(), 3);
    EXPECT_DOUBLE_EQ(json[1].at("limit").as_double(), 1);
    EXPECT_EQ(json[1].at("unit").as_string(), "%");

    std::ostringstream text;
    writeTextReport(r, text);
    EXPECT_NE(text.str().find("Thresholds:  1 of 2 passed"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("FAILED  error_rate<1%  error_rate = 3%"), std::string::npos) << text.str();

    std::ostringstream junit;
    writeJunitReport(r, "Smoke & <test>", junit);
    EXPECT_NE(junit.str().find("time=\"0\"/>"), std::string::npos) << junit.str();  // the suite has the time
    EXPECT_NE(junit.str().find("<testsuite name=\"Smoke &amp; &lt;test&gt;\" tests=\"2\" failures=\"1\""),
              std::string::npos) << junit.str();
    EXPECT_NE(junit.str().find("name=\"p(99)&lt;=100ms\""), std::string::npos);
    EXPECT_NE(junit.str().find("message=\"error_rate = 3%, not within error_rate&lt;1%\""), std::string::npos)
        << junit.str();
}

// abort_on_fail ends the run the moment the threshold fails (once its delay has passed), as
// Cancel would: the figures so far are kept and the message names the threshold.
TEST(Threshold, abortOnFailEndsARunEarly) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.duration = "20s";
    in.rate = "200";
    in.thresholds = {{"p(50)<0.001ms", true, "500ms"}, {"error_rate<1%", false, {}}};
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << v.errors.front().message;
    const RunResult r = runBlocking(v.spec);
    EXPECT_EQ(r.outcome, Outcome::cancelled);
    EXPECT_LT(r.elapsedSeconds, 20);
    EXPECT_GE(r.total.completed(), 1u);
    EXPECT_NE(r.message.find("ended early: threshold p(50)<0.001ms failed"), std::string::npos) << r.message;
    ASSERT_EQ(r.thresholds.size(), 2u);
    EXPECT_TRUE(r.thresholds[0].aborted);
    EXPECT_EQ(r.thresholds[0].state, ThresholdState::failed);
    EXPECT_FALSE(r.thresholds[1].aborted);
    EXPECT_EQ(r.thresholds[1].state, ThresholdState::passed);
}

// A threshold without abort_on_fail only judges: the run goes to its end.
TEST(Threshold, failingWithoutAbortLetsTheRunFinish) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.count = "300";
    in.thresholds = {{"p(50)<0.001ms", false, {}}};
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok());
    const RunResult r = runBlocking(v.spec);
    EXPECT_EQ(r.outcome, Outcome::finished);
    EXPECT_EQ(r.total.completed(), 300u);
    ASSERT_EQ(r.thresholds.size(), 1u);
    EXPECT_EQ(r.thresholds[0].state, ThresholdState::failed);
    EXPECT_FALSE(r.thresholds[0].aborted);
}

TEST(Threshold, validateChecksThemAndNamesTheField) {
    RunInput in;
    in.url = "http://127.0.0.1:1/";
    in.thresholds = {{"p(99)<250ms", false, {}}, {"p(99)<soon", false, {}}, {"p(99){request:login}<1s", false, {}}};
    const Validation v = validate(in);
    ASSERT_EQ(v.errors.size(), 2u);
    EXPECT_EQ(v.errors[0].field, Field::thresholds);
    EXPECT_NE(v.errors[0].message.find("'soon' is not a time"), std::string::npos);
    EXPECT_NE(v.errors[1].message.find("no request named 'login'"), std::string::npos);
}

// Whatever a suite name or an expression holds (a file name's bytes, noncharacters, control
// characters), the JUnit file is well-formed XML: such characters become U+FFFD.
TEST(Threshold, junitStaysWellFormed) {
    RunResult r = sample();
    r.url = "http://127.0.0.1/\x01";
    r.thresholds = judgeThresholds({parsed("p(99)<=100ms")}, r, true);
    r.thresholds[0].threshold = "bad \xff utf-8, \xef\xbf\xbe nonchar, \xed\xa0\x80 surrogate, \xc0\xaf overlong, ok \xc3\xa9";
    std::ostringstream junit;
    writeJunitReport(r, std::string("suite \xff\x7f\x1b"), junit);
    const std::string xml = junit.str();
    EXPECT_EQ(xml.find('\xff'), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    EXPECT_EQ(xml.find("\xef\xbf\xbe"), std::string::npos);
    EXPECT_NE(xml.find("ok \xc3\xa9"), std::string::npos);  // valid UTF-8 stays
    EXPECT_NE(xml.find("bad \xef\xbf\xbd utf-8"), std::string::npos) << xml;
}

// A breach that ended the run stays a failure, whatever the last responses did to the figure.
TEST(Threshold, anAbortingThresholdStaysFailed) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.duration = "20s";
    in.rate = "100";
    in.thresholds = {{"max<0.001ms", true, {}}};
    const RunResult r = runBlocking(validate(in).spec);
    ASSERT_EQ(r.thresholds.size(), 1u);
    EXPECT_EQ(r.thresholds[0].state, ThresholdState::failed);
    EXPECT_TRUE(r.thresholds[0].aborted);
    EXPECT_FALSE(thresholdsHold(r.thresholds));
}
