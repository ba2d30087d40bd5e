#include <dirent.h>
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "FaultServer.hpp"
#include "Specs.hpp"
#include "TestPki.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::pki;
using salvo::test::Fault;
using salvo::test::FaultServer;

namespace {

FaultServer::Tls tlsFor(bool tls) {
    return tls ? FaultServer::Tls{pki().goodCert, pki().goodKey} : FaultServer::Tls{};
}

RunSpec faultSpec(const FaultServer& server, std::uint64_t count, std::uint32_t connections,
                  const std::string& timeout) {
    return test::specFor(server.url(), count, connections, 1, timeout, pki().caFile);
}

int openFileDescriptors() {
    int n = 0;
    if (DIR* dir = opendir("/proc/self/fd")) {
        while (readdir(dir)) ++n;
        closedir(dir);
    }
    return n;
}

std::uint64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

struct Expectation {
    Fault fault;
    ErrorKind kind;        // what each request must fail with (ignored when succeeds)
    bool succeeds = false;
    const char* sample = "";  // text the kept error message must contain
};

std::string caseName(const ::testing::TestParamInfo<std::tuple<Expectation, bool>>& info) {
    return std::string(test::faultName(std::get<0>(info.param).fault)) +
           (std::get<1>(info.param) ? "OverTls" : "OverHttp");
}

}  // namespace

class Faults : public ::testing::TestWithParam<std::tuple<Expectation, bool>> {};

// Each fault: the run ends by itself, every request is counted exactly once, by the right kind.
TEST_P(Faults, everyRequestEndsOnceWithTheRightKind) {
    const auto& [expect, tls] = GetParam();
    FaultServer server(expect.fault, tlsFor(tls));
    const std::uint64_t count = 6;
    const RunResult r = runBlocking(faultSpec(server, count, 2, "0.5"));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.completed(), count);
    if (expect.succeeds) {
        EXPECT_EQ(r.total.succeeded, count);
        return;
    }
    EXPECT_EQ(r.total.failed, count);
    EXPECT_EQ(r.total.succeeded, 0u);
    // A reset can surface while writing or while reading, depending on timing.
    const std::uint64_t counted = expect.fault == Fault::resetMidRequest
                                      ? r.total.errorCount(ErrorKind::read) + r.total.errorCount(ErrorKind::write)
                                      : r.total.errorCount(expect.kind);
    EXPECT_EQ(counted, count);
    ASSERT_FALSE(r.total.errorSamples.empty());
    EXPECT_NE(r.total.errorSamples.front().find(expect.sample), std::string::npos) << r.total.errorSamples.front();
}

INSTANTIATE_TEST_SUITE_P(
    EveryFault, Faults,
    ::testing::Combine(
        ::testing::Values(Expectation{Fault::resetMidRequest, ErrorKind::read, false, ""},
                          Expectation{Fault::closeWithoutResponse, ErrorKind::read, false, "closed before a response"},
                          Expectation{Fault::garbage, ErrorKind::protocol, false, "invalid HTTP response"},
                          Expectation{Fault::noReply, ErrorKind::timeout, false, "within the timeout"},
                          Expectation{Fault::trickle, ErrorKind::timeout, false, "within the timeout"},
                          Expectation{Fault::chunked, ErrorKind::read, true},
                          Expectation{Fault::shortBody, ErrorKind::read, false, "middle of a response"},
                          Expectation{Fault::badContentLength, ErrorKind::protocol, false, "invalid HTTP response"},
                          Expectation{Fault::hugeHeader, ErrorKind::protocol, false, "larger than the limit of 100.0 KiB"},
                          Expectation{Fault::badStatus, ErrorKind::protocol, false, "bad status"},
                          Expectation{Fault::earlyHints, ErrorKind::read, true}),
        ::testing::Bool()),
    caseName);

TEST(Faults, chunkedBodiesAreCountedByTheirDecodedSize) {
    FaultServer server(Fault::chunked);
    const RunResult r = runBlocking(faultSpec(server, 4, 1, "5"));
    EXPECT_EQ(r.total.succeeded, 4u);
    EXPECT_EQ(server.requestsSeen(), 4u);  // one keep-alive connection, no reconnects
}

TEST(Faults, hugeBodiesAreCountedWhileMemoryStaysFlat) {
    FaultServer server(Fault::hugeBody);
    const std::uint64_t base = residentBytes();
    std::uint64_t peak = base;
    const RunResult r = runBlocking(faultSpec(server, 6, 2, "30"),
                                    [&](const RunResult&) { peak = std::max(peak, residentBytes()); });
    EXPECT_EQ(r.total.succeeded, 6u);
    EXPECT_GE(r.total.bytesReceived, 6 * (50ull << 20));
    EXPECT_LT(peak - base, 32ull << 20) << "300 MB passed through; memory must not follow";
}

class StalledRun : public ::testing::TestWithParam<bool> {};

// Cancel while every connection waits on a server that never answers: the run ends at once,
// says how many requests were in flight, counts none of them as failed, and closes every socket.
TEST_P(StalledRun, cancelEndsItAndClosesEverySocket) {
    FaultServer server(Fault::noReply, tlsFor(GetParam()));
    const int fdsBefore = openFileDescriptors();
    {
        Runner runner;
        const RunSpec spec = faultSpec(server, 100, 10, "30");
        RunResult r = RunResult::planFor(spec);
        runner.start(spec);
        for (int i = 0; i < 1000 && server.requestsSeen() < 10; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_EQ(server.requestsSeen(), 10u);
        const auto cancelledAt = std::chrono::steady_clock::now();
        runner.cancel();
        for (int i = 0; i < 400 && !runner.drain(r); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ASSERT_TRUE(r.done()) << "cancel did not end the run";  // a hang guard, not a speed figure
        std::cout << "[ measured ] cancel -> done in "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - cancelledAt).count()
                  << " ms\n";
        EXPECT_EQ(r.outcome, Outcome::cancelled);
        EXPECT_EQ(r.inFlightAtEnd, 10u);
        EXPECT_EQ(r.total.failed, 0u);
    }
    // Our sockets are closed at once; the server's side follows when it sees the close.
    for (int i = 0; i < 200 && openFileDescriptors() > fdsBefore; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(openFileDescriptors(), fdsBefore);
}

INSTANTIATE_TEST_SUITE_P(HttpAndTls, StalledRun, ::testing::Bool(),
                         [](const auto& param) { return param.param ? "OverTls" : "OverHttp"; });
