// The load models end to end, against real servers on loopback: exact counts, no request before
// its due time, latency that shows a stall, and the ends of time-limited runs. Time bounds here
// are generous on purpose: they catch a hang or a wrong model, not a slow machine.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "FaultServer.hpp"
#include "Nginx.hpp"
#include "TestPki.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::Fault;
using salvo::test::FaultServer;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {
RunSpec specOf(RunInput in) {
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    return v.spec;
}

RunInput rateInput(const std::string& url, const std::string& rate, const std::string& duration) {
    RunInput in;
    in.url = url;
    in.rate = rate;
    in.duration = duration;
    return in;
}

double ms(std::uint64_t nanos) { return static_cast<double>(nanos) / 1e6; }
}  // namespace

TEST(LoadModel, rateRunSendsExactlyTheScheduleAndNothingBeforeItsDueTime) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "200", "1.5s");
    in.connections = "4";
    const auto before = Clock::now();  // the run's start is no earlier than this
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    // Uniform arrivals: request k is due at k / 200 s, so exactly those with k < 300 fall before 1.5 s.
    EXPECT_EQ(r.scheduled, 300u);
    EXPECT_EQ(r.sent(), 300u);
    EXPECT_EQ(r.total.completed(), 300u);
    EXPECT_EQ(r.dropped, 0u);
    EXPECT_EQ(server.requestsSeen(), 300u);
    auto arrivals = server.arrivals();
    std::sort(arrivals.begin(), arrivals.end());
    // The k-th arrival needs k + 1 requests sent, the last of them due at k / 200 s at the earliest.
    for (std::size_t k = 0; k < arrivals.size(); ++k)
        ASSERT_GE(arrivals[k], before + std::chrono::microseconds(k * 5000)) << "request " << k << " went out early";
    // Corrected latency counts from the due time, so it is never below the service time.
    EXPECT_GE(r.total.latency.mean(), r.total.serviceTime.mean());
    EXPECT_EQ(r.total.lag.count(), 300u);
}

TEST(LoadModel, countAndRateTogetherAreExact) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "500", "");
    in.count = "50";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.completed(), 50u);
    EXPECT_EQ(server.requestsSeen(), 50u);
    EXPECT_GE(r.elapsedSeconds, 49 / 500.0);  // the 50th was due at 98 ms
}

TEST(LoadModel, threadsSplitOneScheduleWithoutSendingARequestTwice) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "400", "1s");
    in.connections = "6";
    in.threads = "3";
    const auto before = Clock::now();
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.sent(), 400u);
    EXPECT_EQ(r.total.completed(), 400u);
    EXPECT_EQ(server.requestsSeen(), 400u);
    auto arrivals = server.arrivals();
    std::sort(arrivals.begin(), arrivals.end());
    for (std::size_t k = 0; k < arrivals.size(); ++k)
        ASSERT_GE(arrivals[k], before + std::chrono::microseconds(k * 2500)) << "request " << k << " went out early";
}

// The heart of honest latency: the server stops answering for a second in a 5-second run at
// 1,000 req/s. The requests due in that second wait (on ten busy connections), and the corrected
// latency shows it; the service time, which starts at the write, does not.
TEST(LoadModel, aStallShowsInLatencyButNotInServiceTime) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "1000", "5s");
    in.connections = "10";
    in.maxConnections = "10";
    std::thread stall([&] {
        std::this_thread::sleep_for(2s);
        server.stall(1s);
    });
    const RunResult r = runBlocking(specOf(in));
    stall.join();
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    const Tally& t = r.total;
    // Every scheduled request is answered, or dropped when the backlog had not drained by the end
    // (a slow machine, sanitizers): counted either way, and the server saw exactly those answered.
    EXPECT_EQ(r.scheduled, 5000u);
    EXPECT_EQ(t.completed() + r.dropped, 5000u);
    EXPECT_LT(r.dropped, 500u);
    EXPECT_EQ(server.requestsSeen(), t.completed());
    // About a fifth of the requests waited up to a second: the top tenth waited at least half of it.
    EXPECT_GT(ms(t.latency.percentile(90)), 400.0);
    EXPECT_GT(ms(t.latency.max()), 900.0);
    EXPECT_LT(ms(t.latency.percentile(70)), 100.0);  // the other seconds were quick
    // Only the ten requests written into the stall had a slow service time.
    EXPECT_LT(ms(t.serviceTime.percentile(99)), 200.0);
    EXPECT_GT(ms(t.lag.percentile(90)), 300.0);
    EXPECT_EQ(r.limits.verdict, Verdict::connectionLimited) << r.limits.message;
    EXPECT_NE(r.limits.message.find("Little's law"), std::string::npos);
}

TEST(LoadModel, progressMovesWithTimeWhileNothingCompletes) {
    FaultServer server(Fault::ok);
    server.stall(2500ms);
    RunInput in = rateInput(server.url(), "20", "2s");
    in.connections = "2";
    double latestQuiet = 0;
    bool sawEmptySecond = false;
    const RunResult r = runBlocking(specOf(in), [&](const RunResult& now) {
        if (now.total.completed() == 0) latestQuiet = std::max(latestQuiet, now.elapsedSeconds);
        if (now.lastSecond() && now.lastSecond()->completed == 0 && now.total.completed() == 0) sawEmptySecond = true;
    });
    EXPECT_GT(latestQuiet, 1.0) << "elapsed time froze while nothing completed";
    EXPECT_TRUE(sawEmptySecond) << "no closed second was reported while nothing completed";
    EXPECT_GT(r.progress(), 0.99);
}

TEST(LoadModel, timelineCutsCountsAtWholeSeconds) {
    FaultServer server(Fault::ok);
    const RunResult r = runBlocking(specOf(rateInput(server.url(), "100", "3s")));
    ASSERT_GE(r.timeline.size(), 3u);
    std::uint64_t sent = 0, completed = 0;
    for (std::size_t s = 0; s < r.timeline.size(); ++s) {
        sent += r.timeline[s].sent;
        completed += r.timeline[s].completed;
        if (s < 3) {
            EXPECT_NEAR(static_cast<double>(r.timeline[s].sent), 100.0, 5.0) << "second " << s;
            EXPECT_DOUBLE_EQ(r.timeline[s].targetRps, 100.0);
        }
    }
    EXPECT_EQ(sent, 300u);
    EXPECT_EQ(completed, 300u);
}

TEST(LoadModel, warmupIsCountedApartFromTheFigures) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "200", "2s");
    in.warmup = "500ms";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.warmup.completed(), 100u);  // due in [0, 0.5 s)
    EXPECT_EQ(r.total.completed(), 300u);
    EXPECT_EQ(server.requestsSeen(), 400u);
    EXPECT_TRUE(r.timeline.at(0).warmup);
    EXPECT_FALSE(r.timeline.at(1).warmup);
}

// A time limit stops issuing at the deadline; requests still out get the grace period and are
// then reported as in flight; requests due but never sent (no free connection) are dropped.
TEST(LoadModel, durationRunEndsAfterGraceWithDroppedAndInFlightCounted) {
    LocalTarget server;
    RunInput in = rateInput(server.url("/delay/4000"), "100", "1s");
    in.connections = "2";
    in.maxConnections = "2";
    in.grace = "500ms";
    in.timeoutSeconds = "10";
    const auto started = Clock::now();
    const RunResult r = runBlocking(specOf(in));
    const double took = std::chrono::duration<double>(Clock::now() - started).count();
    EXPECT_LT(took, 3.5) << "the run waited for the slow responses instead of ending after its grace";
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.completed(), 0u);
    EXPECT_EQ(r.inFlightAtEnd, 2u);
    EXPECT_GE(r.inFlightLongestSeconds, 1.0);
    EXPECT_EQ(r.scheduled, 100u);
    EXPECT_EQ(r.sent(), 2u);
    EXPECT_EQ(r.dropped, 98u);
}

// A server that closes keep-alive connections idle for 100 ms, and requests every 250 ms: each
// pooled connection is closed while it waits. POST is never sent twice, so without noticing the
// close every request after the first would fail on a dead connection.
TEST(LoadModel, idleConnectionsClosedByTheServerAreReplacedNotFailed) {
    FaultServer server(Fault::closeWhenIdle);
    RunInput in = rateInput(server.url(), "4", "2s");
    in.method = "POST";
    in.connections = "2";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.failed, 0u) << (r.total.errorSamples.empty() ? "" : r.total.errorSamples.front());
    EXPECT_EQ(r.total.completed(), 8u);
    EXPECT_EQ(server.requestsSeen(), 8u);
}

TEST(LoadModel, closedModelDurationRunStopsIssuingAtTheDeadline) {
    FaultServer server(Fault::ok);
    RunInput in;
    in.url = server.url();
    in.duration = "1s";
    in.connections = "3";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_GT(r.total.completed(), 0u);
    EXPECT_EQ(r.total.completed(), server.requestsSeen());
    EXPECT_LT(r.elapsedSeconds, 3.0);
    EXPECT_EQ(r.planned, 0u);
    EXPECT_EQ(r.total.lag.count(), 0u);  // no schedule, no lag
}

TEST(LoadModel, poissonRunsAreReproducibleAndExact) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "300", "1s");
    in.arrival = "poisson";
    in.seed = "7";
    const RunResult first = runBlocking(specOf(in));
    const RunResult second = runBlocking(specOf(in));
    EXPECT_EQ(first.sent(), second.sent());  // the same seed draws the same due times
    EXPECT_EQ(first.total.completed() + second.total.completed(), server.requestsSeen());
    EXPECT_NEAR(static_cast<double>(first.sent()), 300.0, 60.0);
    EXPECT_EQ(first.dropped, 0u);
}

TEST(LoadModel, changingTheRateMidRunChangesWhatIsSent) {
    FaultServer server(Fault::ok);
    RunInput in = rateInput(server.url(), "50", "3s");
    const RunSpec spec = specOf(in);
    RunResult result = RunResult::planFor(spec);
    Runner runner;
    EXPECT_FALSE(runner.changeRate(100));  // nothing running
    runner.start(spec);
    const auto started = Clock::now();
    bool changed = false;
    while (!runner.drain(result)) {
        if (!changed && Clock::now() - started > 1s) changed = runner.changeRate(500);
        ASSERT_LT(Clock::now() - started, 20s);
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_TRUE(changed);
    ASSERT_EQ(result.rateChanges.size(), 1u);
    EXPECT_DOUBLE_EQ(result.rateChanges[0].targetRps, 500.0);
    // 50/s for about a second, then 500/s for about two: far more than 3 s at 50/s (150).
    EXPECT_GT(result.sent(), 600u);
    EXPECT_LT(result.sent(), 1100u);
    EXPECT_EQ(result.sent(), server.requestsSeen());
    EXPECT_FALSE(runner.changeRate(100));  // over
}

TEST(LoadModel, aClosedModelRunRefusesARateChange) {
    LocalTarget server;
    RunInput in;
    in.url = server.url("/delay/200");
    in.count = "4";
    Runner runner;
    runner.start(specOf(in));
    EXPECT_FALSE(runner.changeRate(100));
    runner.cancel();
}

// Over TLS the open model waits for the handshakes before its schedule starts, watches idle
// connections only once a response came (TLS 1.3 session tickets arrive right after the
// handshake), and replaces those the server closes: no request fails, and the counts are exact.
TEST(LoadModel, tlsRateRunsAreExactAndSurviveIdleCloses) {
    FaultServer server(Fault::closeWhenIdle, FaultServer::Tls{test::pki().goodCert, test::pki().goodKey});
    RunInput in = rateInput(server.url(), "8", "2s");
    in.caFile = test::pki().caFile;
    in.method = "POST";
    in.connections = "3";
    in.threads = "2";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.failed, 0u) << (r.total.errorSamples.empty() ? "" : r.total.errorSamples.front());
    EXPECT_EQ(r.total.completed(), 16u);
    EXPECT_EQ(server.requestsSeen(), 16u);
    EXPECT_EQ(r.dropped, 0u);
}

// End to end against a real server: what Salvo counts at a rate is what nginx logged.
TEST(LoadModel, nginxLogsExactlyWhatARateRunSent) {
    test::Nginx nginx;
    RunInput in = rateInput(nginx.url(), "300", "1s");
    in.threads = "2";
    in.connections = "4";
    const RunResult r = runBlocking(specOf(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.completed(), 300u);
    EXPECT_EQ(r.total.succeeded, 300u);
    EXPECT_EQ(nginx.accessLog(300).size(), 300u);
}
