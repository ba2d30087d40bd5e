// salvo-cli's request options end to end: a 10 MB body file against nginx without memory
// growing per request, keep-alive off, basic auth, --connect-to; the protocol flags.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "Nginx.hpp"
#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"

using salvo::LocalTarget;
using salvo::test::Nginx;
using salvo::test::Subprocess;
namespace fs = std::filesystem;

namespace {

struct Ran {
    int code;
    std::string out, err;
};

Ran ran(std::vector<std::string> args) {
    args.insert(args.begin(), SALVO_CLI_PATH);
    Subprocess process(args);
    const int code = process.wait();
    return {code, process.out(), process.err()};
}

// The largest resident set of any child this process has waited for, in KiB.
long peakChildKiB() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

}  // namespace

// The body is read once and written from that one copy by every connection: 200 requests of
// 10 MB need about the memory of 10 (a copy per request would be 2 GB).
TEST(CliRequest, aTenMegabyteBodyFileDoesNotGrowMemoryPerRequest) {
    Nginx nginx;
    const fs::path body = fs::temp_directory_path() / ("salvo-body-" + std::to_string(getpid()));
    {
        std::ofstream out(body, std::ios::binary);
        const std::string block(1 << 20, 'b');
        for (int i = 0; i < 10; ++i) out << block;
    }
    Ran few = ran({"-n", "10", "-c", "2", "-m", "POST", "-D", body.string(), "--json", nginx.url()});
    ASSERT_EQ(few.code, 0) << few.err;
    const long afterFew = peakChildKiB();
    Ran many = ran({"-n", "200", "-c", "2", "-m", "POST", "-D", body.string(), "--json", nginx.url()});
    ASSERT_EQ(many.code, 0) << many.err;
    const long afterMany = peakChildKiB();
    fs::remove(body);
    EXPECT_EQ(nginx.accessLog(210).size(), 210u);  // every one arrived whole: nginx logged it
    // A copy per request would add 1.9 GB; the bound leaves room for a sanitizer's quarantine of
    // freed memory (ASan grew 29 MiB here), which grows with a run's length, not its body.
    EXPECT_LT(afterMany - afterFew, 100 * 1024) << afterFew << " KiB, then " << afterMany << " KiB";
    const auto report = boost::json::parse(many.out).as_object();
    EXPECT_EQ(report.at("requests").at("succeeded").to_number<std::uint64_t>(), 200u);
}

TEST(CliRequest, keepAliveOffOpensAConnectionPerRequest) {
    LocalTarget server;
    Ran run = ran({"-n", "40", "-c", "4", "--disable-keepalive", server.url()});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(server.requestsServed(), 40u);
    EXPECT_EQ(server.connectionsAccepted(), 40u);
}

TEST(CliRequest, connectToSendsANamedServiceToLoopback) {
    LocalTarget server;
    Ran run = ran({"-n", "15", "--connect-to", "api.salvo.test:80:127.0.0.1:" + std::to_string(server.port()),
                   "http://api.salvo.test/"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(server.requestsServed(), 15u);
    Ran bad = ran({"-n", "1", "--connect-to", "nonsense", "http://api.salvo.test/"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("must be HOST:PORT:ADDRESS:PORT"), std::string::npos) << bad.err;
}

TEST(CliRequest, basicAuthStaysOutOfTheRecord) {
    LocalTarget server;
    const std::string record = (fs::temp_directory_path() / ("salvo-auth-" + std::to_string(getpid()) + ".json")).string();
    Ran run = ran({"-n", "5", "-a", "user:hunter2", "-T", "text/plain", "--record", record, "--record-secrets", server.url()});
    ASSERT_EQ(run.code, 0) << run.err;
    std::ifstream in(record);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    fs::remove(record);
    EXPECT_EQ(text.find("hunter2"), std::string::npos);
    EXPECT_EQ(text.find("dXNlcjpodW50ZXIy"), std::string::npos);  // nor its base64
    EXPECT_NE(text.find("text/plain"), std::string::npos);        // secrets kept: header values are there
    Ran bad = ran({"-n", "1", "-a", "nocolon", server.url()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("USER:PASSWORD"), std::string::npos);
}

TEST(CliRequest, checksFailAsCheckAndGateWithChecksFailed) {
    LocalTarget server;
    Ran pass = ran({"-n", "10", "--expect-status", "404", "--expect-body", "status 404", server.url("/status/404")});
    EXPECT_EQ(pass.code, 0) << pass.err;  // expected: no failure
    Ran fail = ran({"-n", "10", "--expect-body-regex", "^nothing", "--threshold", "checks_failed==0", "--json", server.url()});
    EXPECT_EQ(fail.code, 99) << fail.err;
    const auto report = boost::json::parse(fail.out).as_object();
    EXPECT_EQ(report.at("errors").at("check").to_number<std::uint64_t>(), 10u);
    EXPECT_EQ(report.at("thresholds").at(0).at("value").to_number<double>(), 10);
    Ran bad = ran({"-n", "1", "--expect-status", "abc", server.url()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("expected statuses must be codes or ranges"), std::string::npos) << bad.err;
}

TEST(CliRequest, redirectsAreFollowedWhenAsked) {
    LocalTarget server;
    Ran followed = ran({"-n", "8", "--redirects", "2", "--json", server.url("/redirect/2")});
    ASSERT_EQ(followed.code, 0) << followed.err;
    const auto report = boost::json::parse(followed.out).as_object();
    EXPECT_EQ(report.at("status").at("200").to_number<std::uint64_t>(), 8u);
    EXPECT_EQ(server.requestsServed(), 24u);
    Ran loop = ran({"-n", "4", "--redirects", "5", server.url("/loop/a")});
    EXPECT_EQ(loop.code, 1);
    EXPECT_NE(loop.out.find("redirect x4"), std::string::npos) << loop.out;
    EXPECT_NE(loop.out.find("a redirect loop: back to /loop/a"), std::string::npos) << loop.out;
}

// --http2 takes no value of its own, so the URL after it stays the URL (an optional value in
// Boost.PO would swallow it); likewise --http2=auto, the abbreviation --http, and --h2c with
// streams. Nothing listens on port 1: each run fails to connect (exit 1), with its URL intact.
TEST(CliRequest, http2FlagsLeaveTheUrlWhereItIs) {
    const std::string tls = "https://127.0.0.1:1/", plain = "http://127.0.0.1:1/";
    const std::vector<std::vector<std::string>> runs = {
        {"--http2", tls},          {"--http2=auto", tls},           {"--http", tls},
        {tls, "--http2"},          {"--http2=auto", plain},         {"--h2c", plain},
        {"--h2c", "-p", "10", plain}, {"--http2", "--streams", "1000", tls}, {"-p", "1", plain}};
    for (std::vector<std::string> args : runs) {
        args.insert(args.begin(), {"-n", "1", "-t", "2", "--json"});
        const Ran r = ran(args);
        std::string line;
        for (const auto& a : args) line += a + " ";
        ASSERT_EQ(r.code, 1) << line << r.err;
        const auto json = boost::json::parse(r.out).as_object();
        EXPECT_EQ(json.at("url").as_string(), args.back() == "--http2" ? tls : args.back()) << line;
    }
}

// Each wrong use of the protocol flags exits 2 with a message that names the problem.
TEST(CliRequest, wrongProtocolFlagsExitTwoNamingTheProblem) {
    const std::string tls = "https://127.0.0.1:1/", plain = "http://127.0.0.1:1/";
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--http2=foo", tls}, "--http2 takes no value (HTTP/2 only) or =auto (HTTP/2 or HTTP/1.1), not 'foo'"},
        {{"--http2=", tls}, "--http2 takes no value (HTTP/2 only) or =auto (HTTP/2 or HTTP/1.1), not ''"},
        {{"--http2", "--h2c", plain}, "--http2 (over TLS) and --h2c (over plain TCP) are two ways to speak HTTP/2: give one"},
        {{"--http2", "--http2=auto", tls}, "http2"},  // Boost.PO: given more than once
        {{"--h2c", tls}, "h2c is HTTP/2 over plain TCP, and this URL is https://: use HTTP/2 (--http2)"},
        {{"--http2", plain}, "HTTP/2 is chosen over TLS (ALPN), and this URL is http://: use https://, or h2c (--h2c)"},
        {{"-p", "2", tls}, "more than one stream per connection needs HTTP/2 (--http2, --http2=auto or --h2c)"},
        {{"--http2", "-p", "0", tls}, "streams must be at least 1"},
        {{"--http2", "-p", "1001", tls}, "streams is too large (at most 1000)"},
        {{"--h2c", "--streams", "ten", plain}, "streams must be a whole number, not 'ten'"},
        {{"--http2", "-p", "2", "--disable-keepalive", tls}, "with keep-alive off each connection sends one request"}};
    for (const auto& [args, message] : cases) {
        const Ran r = ran(args);
        EXPECT_EQ(r.code, 2) << args.front() << " " << args[1] << ": " << r.err;
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
}
