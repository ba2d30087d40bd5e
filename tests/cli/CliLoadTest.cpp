// salvo-cli's load models as a person uses them: flags, the JSON report, the verdict on the
// generator's own limits, and the exit codes that a CI job acts on.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <csignal>
#include <thread>

#include "FaultServer.hpp"
#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"

using salvo::LocalTarget;
using salvo::test::Fault;
using salvo::test::FaultServer;
using salvo::test::Subprocess;
using namespace std::chrono_literals;

namespace {
Subprocess cli(std::vector<std::string> args) {
    args.insert(args.begin(), SALVO_CLI_PATH);
    return Subprocess(args);
}
boost::json::object parseJson(const std::string& text) { return boost::json::parse(text).as_object(); }
double number(const boost::json::value& v) { return v.to_number<double>(); }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(CliLoad, aDurationAloneRunsByTimeNotByTheDefaultCount) {
    LocalTarget server;
    auto p = cli({"-z", "1s", "-c", "2", "--json", server.url()});
    const int code = p.wait();
    ASSERT_EQ(code, 0) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("load").at("mode").as_string(), "duration");
    EXPECT_EQ(json.at("load").at("model").as_string(), "closed");
    EXPECT_TRUE(json.at("load").at("count").is_null());
    EXPECT_EQ(number(json.at("requests").at("planned")), 0);
    EXPECT_EQ(number(json.at("requests").at("completed")), static_cast<double>(server.requestsServed()));
    EXPECT_GT(number(json.at("requests").at("completed")), 200);  // not stopped at the default count
    EXPECT_GE(number(json.at("duration_s")), 0.9);
    EXPECT_LT(number(json.at("duration_s")), 5.0);
    // No schedule: the service time is the latency, and nothing lags.
    EXPECT_EQ(json.at("service_time_ms"), json.at("latency_ms"));
    EXPECT_EQ(number(json.at("lag_ms").at("max")), 0);
}

TEST(CliLoad, aRateRunReportsLatencyServiceTimeLagAndItsPlan) {
    FaultServer server(Fault::ok);
    auto p = cli({"-q", "200", "-z", "1s", "-c", "3", "--json", server.url()});
    const int code = p.wait();
    const auto json = parseJson(p.out());
    const auto& limits = json.at("limits").as_object();
    // The verdict and the exit code agree (3 only when Salvo could not keep the schedule).
    EXPECT_EQ(code, limits.at("verdict").as_string() == "generator_limited" ? 3 : 0) << p.err();
    const auto& requests = json.at("requests").as_object();
    EXPECT_EQ(number(requests.at("scheduled")), 200);
    EXPECT_EQ(number(requests.at("sent")), 200);
    EXPECT_EQ(number(requests.at("completed")), 200);
    EXPECT_EQ(number(requests.at("dropped")), 0);
    EXPECT_EQ(server.requestsSeen(), 200u);
    const auto& load = json.at("load").as_object();
    EXPECT_EQ(load.at("model").as_string(), "open");
    EXPECT_EQ(number(load.at("rate")), 200);
    EXPECT_EQ(number(load.at("max_connections")), 200);
    EXPECT_TRUE(load.at("rate_changes").as_array().empty());
    for (const char* key : {"latency_ms", "service_time_ms", "lag_ms"})
        for (const char* field : {"min", "mean", "p50", "p90", "p99", "p999", "max"})
            EXPECT_TRUE(json.at(key).as_object().contains(field)) << key << "." << field;
    EXPECT_GE(number(json.at("latency_ms").at("mean")), number(json.at("service_time_ms").at("mean")));
    for (const char* field : {"verdict", "engine_cpu_max", "peak_connections", "message"})
        EXPECT_TRUE(limits.contains(field)) << field;
    EXPECT_EQ(json.at("timeline").as_array().size(), json.at("completed_per_second").as_array().size());
}

// A CPU quota, made exact: the process is stopped for 60 ms out of every 100 while it holds
// 1,000 req/s. Its CPU clock looks idle; the schedule running late while connections sat idle
// gives it away, and the run ends generator-limited with exit 3.
TEST(CliLoad, aGeneratorStarvedOfCpuEndsGeneratorLimitedWithExitThree) {
    FaultServer server(Fault::ok);
    auto p = cli({"-q", "1000", "-z", "3s", "-c", "20", "--json", server.url()});
    std::this_thread::sleep_for(300ms);  // let it start running
    int code = -1;
    for (int cycle = 0; cycle < 100 && code == -1; ++cycle) {
        p.signal(SIGSTOP);
        std::this_thread::sleep_for(60ms);
        p.signal(SIGCONT);
        code = p.wait(40ms);
    }
    if (code == -1) code = p.wait();
    ASSERT_EQ(code, 3) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("limits").at("verdict").as_string(), "generator_limited");
    EXPECT_TRUE(contains(p.err(), "generator_limited: Salvo could not keep the schedule")) << p.err();
    EXPECT_TRUE(contains(p.out(), "\"outcome\":\"finished\""));
}

TEST(CliLoad, aSlowServerWithFewConnectionsEndsConnectionLimited) {
    LocalTarget server;
    auto p = cli({"-q", "100", "-z", "2s", "-c", "2", "--max-connections", "2", "--json", server.url("/delay/100")});
    ASSERT_EQ(p.wait(), 0) << p.err();
    const auto json = parseJson(p.out());
    const auto& limits = json.at("limits").as_object();
    EXPECT_EQ(limits.at("verdict").as_string(), "connection_limited");
    EXPECT_EQ(number(limits.at("peak_connections")), 2);
    // Little's law: 100 req/s x 0.1 s = 10 connections.
    EXPECT_NEAR(number(limits.at("connections_needed")), 10, 2.5);
    EXPECT_TRUE(contains(p.err(), "connection_limited")) << p.err();
    EXPECT_TRUE(contains(p.err(), "needs about 1")) << p.err();
    EXPECT_GT(number(json.at("requests").at("dropped")), 100);
    EXPECT_EQ(number(json.at("requests").at("scheduled")),
              number(json.at("requests").at("sent")) + number(json.at("requests").at("dropped")));
}

TEST(CliLoad, aRunInWhichNothingCompletedIsNeverASuccess) {
    FaultServer server(Fault::noReply);
    auto p = cli({"-q", "10", "-z", "500ms", "-t", "5", "--grace", "300ms", "--json", server.url()});
    ASSERT_EQ(p.wait(), 1) << p.err();
    EXPECT_TRUE(contains(p.err(), "no request completed")) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_GT(number(json.at("requests").at("in_flight_at_end")), 0);
    EXPECT_GE(number(json.at("requests").at("in_flight_longest_ms")), 500);
    EXPECT_EQ(number(json.at("requests").at("completed")), 0);
}

TEST(CliLoad, badLoadInputExitsTwoWithTheReason) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"-q", "0"}, "rate must be a number of requests per second above 0"},
        {{"-z", "soon"}, "duration must be a time such as 30s"},
        {{"--stage", "10s"}, "must look like DURATION:RATE"},
        {{"-q", "10", "--stage", "1s:10"}, "either a rate or stages"},
        {{"-z", "2s", "--warmup", "5s"}, "must be shorter than the run"},
        {{"--max-connections", "5"}, "applies to a rate or stages"},
        {{"--arrival", "poisson"}, "poisson arrivals need a rate or stages"},
        {{"-q", "10", "-c", "10", "--max-connections", "5"}, "below the connections opened at the start"},
    };
    for (const auto& [flags, message] : cases) {
        std::vector<std::string> args = flags;
        args.push_back("http://127.0.0.1:1/");
        auto p = cli(args);
        EXPECT_EQ(p.wait(), 2) << flags.front();
        EXPECT_TRUE(contains(p.err(), message)) << p.err();
    }
}

TEST(CliLoad, theTextReportSaysWhatLoadWasApplied) {
    LocalTarget server;
    auto p = cli({"--stage", "500ms:100", "--stage", "500ms:0", "--warmup", "200ms", server.url()});
    const int code = p.wait();
    EXPECT_TRUE(code == 0 || code == 3) << p.err();
    EXPECT_TRUE(contains(p.out(), "Load:        open model, 2 stages from 0 up to 100 req/s (uniform)")) << p.out();
    EXPECT_TRUE(contains(p.out(), "Service ms:")) << p.out();
    EXPECT_TRUE(contains(p.out(), "Lag ms:")) << p.out();
    EXPECT_TRUE(contains(p.out(), "in the warm-up")) << p.out();
}
