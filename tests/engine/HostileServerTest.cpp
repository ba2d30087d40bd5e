// What a hostile or failing server can do: each case counted exactly once, by the right kind,
// with what the server saw matching what Salvo reports.
#include <gtest/gtest.h>

#include <thread>

#include "FaultServer.hpp"
#include "Specs.hpp"
#include "TestPki.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::pki;
using salvo::test::Fault;
using salvo::test::FaultServer;

namespace {

RunSpec specWith(const std::string& url, std::uint64_t count, std::uint32_t connections,
                 const std::string& method = "GET", const std::string& timeout = "5") {
    RunSpec spec = test::specFor(url, count, connections, 1, timeout, pki().caFile);
    spec.method = method;
    return spec;
}

class OverHttpAndTls : public ::testing::TestWithParam<bool> {
protected:
    FaultServer::Tls tls() const { return GetParam() ? FaultServer::Tls{pki().goodCert, pki().goodKey} : FaultServer::Tls{}; }
};

}  // namespace

// A server that closes a reused connection on every second request: a GET is sent once more on
// a fresh connection and counted as retried, so the server saw exactly completed + retried.
TEST_P(OverHttpAndTls, droppedIdempotentRequestsAreRetriedOnceAndCounted) {
    FaultServer server(Fault::dropSecondRequest, tls());
    const RunResult r = runBlocking(specWith(server.url(), 10, 1));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 10u);
    EXPECT_EQ(r.total.retried, 9u);
    EXPECT_EQ(server.requestsSeen(), r.total.completed() + r.total.retried);
}

// A POST is never sent twice (RFC 9112 9.3.1): the dropped ones fail, and the server saw exactly -n.
TEST_P(OverHttpAndTls, droppedPostsAreNeverResent) {
    FaultServer server(Fault::dropSecondRequest, tls());
    const RunResult r = runBlocking(specWith(server.url(), 10, 1, "POST"));
    EXPECT_EQ(server.requestsSeen(), 10u);
    EXPECT_EQ(r.total.retried, 0u);
    EXPECT_EQ(r.total.succeeded, 5u);
    EXPECT_EQ(r.total.errorCount(ErrorKind::read), 5u);
    ASSERT_FALSE(r.total.errorSamples.empty());
    EXPECT_NE(r.total.errorSamples.front().find("closed before a response"), std::string::npos);
}

// Bytes that arrive with no request outstanding close the connection and are counted; they are
// never taken for the next request's response.
TEST_P(OverHttpAndTls, unsolicitedBytesCloseTheConnectionAndAreCounted) {
    for (Fault fault : {Fault::answerTwice, Fault::bytesAfterResponse, Fault::bodyAfter204, Fault::strayRecord}) {
        FaultServer server(fault, tls());
        const RunResult r = runBlocking(specWith(server.url(), 10, 1));
        EXPECT_EQ(r.outcome, Outcome::finished) << test::faultName(fault);
        EXPECT_EQ(r.total.succeeded, 10u) << test::faultName(fault);
        EXPECT_EQ(r.total.unsolicited, 10u) << test::faultName(fault);
        EXPECT_EQ(server.requestsSeen(), 10u) << test::faultName(fault);
        ASSERT_FALSE(r.total.errorSamples.empty());
        EXPECT_NE(r.total.errorSamples.front().find("unsolicited: the server sent"), std::string::npos);
    }
}

TEST_P(OverHttpAndTls, largeValidResponseHeadsAreAccepted) {
    for (Fault fault : {Fault::bigCookie, Fault::manyHeaders}) {
        FaultServer server(fault, tls());
        const RunResult r = runBlocking(specWith(server.url(), 6, 2));
        EXPECT_EQ(r.total.succeeded, 6u) << test::faultName(fault) << ": "
                                         << (r.total.errorSamples.empty() ? "" : r.total.errorSamples.front());
    }
}

TEST_P(OverHttpAndTls, theResponseHeadLimitIsAnOptionAndNamedWhenHit) {
    FaultServer server(Fault::hugeHeader, tls());
    RunSpec spec = specWith(server.url(), 4, 1);
    spec.maxHeaderBytes = 16 * 1024;
    RunResult r = runBlocking(spec);
    EXPECT_EQ(r.total.errorCount(ErrorKind::protocol), 4u);
    ASSERT_FALSE(r.total.errorSamples.empty());
    EXPECT_NE(r.total.errorSamples.front().find("larger than the limit of 16.0 KiB"), std::string::npos)
        << r.total.errorSamples.front();
    spec.maxHeaderBytes = 1024 * 1024;
    r = runBlocking(spec);
    EXPECT_EQ(r.total.succeeded, 4u);
}

INSTANTIATE_TEST_SUITE_P(HttpAndTls, OverHttpAndTls, ::testing::Bool(),
                         [](const auto& param) { return param.param ? "OverTls" : "OverHttp"; });

// A TLS 1.3 server rejects a missing client certificate after the handshake; TLS 1.2 during it.
// Both end the run the same way: one TLS failure per connection, named, not a read error per request.
TEST(HostileServer, aRequiredClientCertificateIsOneTlsFailureForBothVersions) {
    for (bool tls12 : {false, true}) {
        FaultServer server(Fault::chunked, {pki().goodCert, pki().goodKey, true, tls12});
        const RunResult r = runBlocking(specWith(server.url(), 50, 2));
        EXPECT_EQ(r.outcome, Outcome::failed) << (tls12 ? "TLS 1.2" : "TLS 1.3");
        EXPECT_NE(r.message.find("the server requires a client certificate (certificate required)"), std::string::npos)
            << (tls12 ? "TLS 1.2: " : "TLS 1.3: ") << r.message;
        EXPECT_EQ(r.total.errorCount(ErrorKind::tls), 2u) << (tls12 ? "TLS 1.2" : "TLS 1.3");
        EXPECT_EQ(r.total.errorCount(ErrorKind::read), 0u);
    }
}

// A server that asks for a client certificate but does not require one is served as usual.
TEST(HostileServer, anOptionalClientCertificateIsNoFailure) {
    FaultServer::Tls tls{pki().goodCert, pki().goodKey};
    tls.requestClientCertificate = true;
    FaultServer server(Fault::chunked, tls);
    const RunResult r = runBlocking(specWith(server.url(), 20, 2));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 20u);
}

// A server that worked and then stops accepting: connections back off, and the run ends as
// failed once it has stayed down for the timeout, instead of spending a huge count on errors.
TEST(HostileServer, aServerThatDiesMidRunEndsTheRunAfterTheTimeout) {
    auto server = std::make_unique<LocalTarget>();
    const RunSpec spec = specWith(server->url(), 1'000'000'000, 4, "GET", "1");
    Runner runner;
    RunResult r = RunResult::planFor(spec);
    runner.start(spec);
    for (int i = 0; i < 2000 && r.total.succeeded < 200; ++i) {
        runner.drain(r);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_GE(r.total.succeeded, 200u);
    server.reset();  // the port now refuses every connection
    for (int i = 0; i < 6000 && !runner.drain(r); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_TRUE(r.done()) << "the run did not end";  // a hang guard, not a speed figure
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_NE(r.message.find("the server stopped accepting connections (cannot connect: Connection refused)"),
              std::string::npos) << r.message;
    // Four connections backing off from 10 ms to 1 s over a 1 s outage try a few times each.
    EXPECT_LT(r.total.errorCount(ErrorKind::connect), 100u);
    EXPECT_GT(r.total.errorCount(ErrorKind::connect), 0u);
}

// Responses slower than a 1 ms timeout are timeouts, even though the sweep runs every 5 ms.
TEST(HostileServer, aTimeoutShorterThanTheSweepIsStillHonoured) {
    LocalTarget server;
    const RunResult r = runBlocking(specWith(server.url("/delay/5"), 20, 2, "GET", "0.002"));
    EXPECT_EQ(r.total.succeeded, 0u);
    EXPECT_GT(r.total.completed(), 0u);
    // A slow connect under a sanitizer may end the run early: whatever ended, ended as a timeout.
    EXPECT_EQ(r.total.errorCount(ErrorKind::timeout), r.total.completed())
        << ::testing::PrintToString(r.total.errorSamples);
}
