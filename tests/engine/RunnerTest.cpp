#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "Specs.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::specFor;

namespace {
// Waits (bounded) until `result` is done, draining `runner`.
void drainUntilDone(Runner& runner, RunResult& result, std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!runner.drain(result)) {
        ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "run did not end";
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}
}  // namespace

struct Mix {
    std::uint64_t count;
    std::uint32_t connections;
    std::uint32_t threads;
};

class ExactCounts : public ::testing::TestWithParam<Mix> {};

TEST_P(ExactCounts, sendsAndCountsExactlyTheRequestedNumber) {
    LocalTarget server;
    const Mix mix = GetParam();
    const RunResult result = runBlocking(specFor(server.url(), mix.count, mix.connections, mix.threads));
    EXPECT_EQ(result.outcome, Outcome::finished) << result.message;
    EXPECT_EQ(result.total.completed(), mix.count);
    EXPECT_EQ(result.total.succeeded, mix.count);
    EXPECT_EQ(result.total.failed, 0u);
    EXPECT_EQ(result.total.statusCounts.at(200), mix.count);
    EXPECT_EQ(result.total.latency.count(), mix.count);
    EXPECT_EQ(server.requestsServed(), mix.count);  // the server saw no extra request
    EXPECT_LE(server.connectionsAccepted(), std::min<std::uint64_t>(mix.count, mix.connections));
    EXPECT_GT(result.total.bytesReceived, mix.count * 17);  // body "Hello from Salvo\n" + headers
}

INSTANTIATE_TEST_SUITE_P(Mixes, ExactCounts,
                         ::testing::Values(Mix{1, 1, 1}, Mix{10, 3, 1}, Mix{3, 10, 1}, Mix{997, 7, 1},
                                           Mix{5000, 50, 1}, Mix{1001, 10, 3}, Mix{64, 64, 4}));

TEST(Runner, connectionCloseOnEveryResponseReconnectsAndStillCountsExactly) {
    LocalTarget server;
    const RunResult result = runBlocking(specFor(server.url("/close"), 300, 4));
    EXPECT_EQ(result.outcome, Outcome::finished);
    EXPECT_EQ(result.total.succeeded, 300u);
    EXPECT_EQ(server.requestsServed(), 300u);
    EXPECT_EQ(server.connectionsAccepted(), 300u);
}

TEST(Runner, statusFiveHundredCountsAsFailedByStatus) {
    LocalTarget server;
    const RunResult result = runBlocking(specFor(server.url("/status/500"), 20, 4));
    EXPECT_EQ(result.outcome, Outcome::finished);
    EXPECT_EQ(result.total.failed, 20u);
    EXPECT_EQ(result.total.errorCount(ErrorKind::status), 20u);
    EXPECT_EQ(result.total.statusCounts.at(500), 20u);
}

TEST(Runner, cancelMidRunKeepsPartialNumbersAndEndsTheThreads) {
    LocalTarget server;
    Runner runner;
    const RunSpec spec = specFor(server.url("/delay/20"), 100'000, 10);
    RunResult result = RunResult::planFor(spec);
    runner.start(spec);
    while (result.total.completed() < 30) {
        runner.drain(result);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    runner.cancel();
    drainUntilDone(runner, result, std::chrono::seconds(2));
    EXPECT_EQ(result.outcome, Outcome::cancelled);
    EXPECT_GE(result.total.completed(), 30u);
    EXPECT_LT(result.total.completed(), 100'000u);
    EXPECT_EQ(result.total.failed, 0u);  // requests cut off by cancel are in flight, not failed
    EXPECT_LE(result.inFlightAtEnd, 10u);
    EXPECT_FALSE(runner.active());
    EXPECT_NE(result.message.find("cancelled after"), std::string::npos);
}

TEST(Runner, destroyingARunningRunnerCancelsAndJoins) {
    LocalTarget server;
    auto runner = std::make_unique<Runner>();
    runner->start(specFor(server.url("/delay/1000"), 1000, 5));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto before = std::chrono::steady_clock::now();
    runner.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
}

TEST(Runner, refusedPortFailsTheRunWithAConnectError) {
    std::uint16_t port;
    { LocalTarget closed; port = closed.port(); }  // a port that was just released: refused
    const RunResult result = runBlocking(specFor("http://127.0.0.1:" + std::to_string(port) + "/", 100, 5));
    EXPECT_EQ(result.outcome, Outcome::failed);
    EXPECT_GE(result.total.errorCount(ErrorKind::connect), 1u);
    EXPECT_EQ(result.total.succeeded, 0u);
    EXPECT_NE(result.message.find("refused"), std::string::npos) << result.message;
}

TEST(Runner, unresolvableNameFailsTheRunWithAResolveError) {
    const RunResult result = runBlocking(specFor("http://no-such-host.invalid/", 10, 2, 1, "5"));
    EXPECT_EQ(result.outcome, Outcome::failed);
    EXPECT_EQ(result.total.errorCount(ErrorKind::resolve), 1u);
    EXPECT_NE(result.message.find("cannot resolve host 'no-such-host.invalid'"), std::string::npos);
}

// Stands in for an unreachable host on loopback: a listener whose accept queue is full drops
// new SYNs, so a connect neither succeeds nor fails until the client gives up.
class UnansweredListener {
public:
    UnansweredListener() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        listen(listener_, 0);
        socklen_t length = sizeof address;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        for (int& filler : fillers_) {  // never accepted: they fill the queue
            filler = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ~UnansweredListener() {
        for (int filler : fillers_) close(filler);
        close(listener_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

private:
    int listener_ = -1;
    int fillers_[3] = {-1, -1, -1};
    std::uint16_t port_ = 0;
};

TEST(Runner, anUnreachableTargetFailsWithAClearMessageWithinTheTimeout) {
    UnansweredListener target;
    const RunResult result = runBlocking(specFor(target.url(), 10, 2, 1, "0.3"));
    EXPECT_EQ(result.outcome, Outcome::failed);
    EXPECT_EQ(result.message, "connect timed out");
    EXPECT_GE(result.total.errorCount(ErrorKind::timeout), 1u);
    EXPECT_EQ(result.total.succeeded, 0u);
}

TEST(Runner, slowResponsesTimeOutAndAreCountedAsTimeouts) {
    LocalTarget server;
    const RunResult result = runBlocking(specFor(server.url("/delay/3000"), 4, 2, 1, "0.2"));
    EXPECT_EQ(result.outcome, Outcome::finished);
    EXPECT_EQ(result.total.errorCount(ErrorKind::timeout), 4u);
    EXPECT_EQ(result.total.failed, 4u);
    EXPECT_LT(result.elapsedSeconds, 2.0);
}

TEST(Runner, largeBodiesAreCountedNotStored) {
    LocalTarget server;
    const std::uint64_t size = 20'000'000;
    const RunResult result = runBlocking(specFor(server.url("/bytes/" + std::to_string(size)), 3, 1));
    EXPECT_EQ(result.total.succeeded, 3u);
    EXPECT_GE(result.total.bytesReceived, 3 * size);
    EXPECT_LT(result.total.bytesReceived, 3 * size + 3 * 1024);
}

TEST(Runner, progressArrivesAsDeltasDuringTheRun) {
    LocalTarget server;
    int updates = 0;
    std::uint64_t lastCompleted = 0;
    bool monotonic = true;
    runBlocking(specFor(server.url("/delay/10"), 200, 4), [&](const RunResult& r) {
        ++updates;
        monotonic = monotonic && r.total.completed() >= lastCompleted;
        lastCompleted = r.total.completed();
    });
    EXPECT_GT(updates, 5);
    EXPECT_TRUE(monotonic);
}
