// HTTP/2 against real servers (nginx, nghttpd) and the fault server's HTTP/2 faults: counts
// checked against what each server saw, every fault counted once by kind, nothing past its timeout.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <sstream>

#include "FaultServer.hpp"
#include "Nghttpd.hpp"
#include "Nginx.hpp"
#include "TestPki.hpp"
#include "salvo/HtmlReport.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::Fault;
using salvo::test::FaultServer;
using salvo::test::Nghttpd;
using salvo::test::Nginx;
using salvo::test::pki;

namespace {

RunInput input(const std::string& url, const std::string& http, std::uint64_t count, std::uint32_t connections,
               std::uint32_t streams) {
    RunInput in;
    in.url = url;
    in.httpVersion = http;
    in.count = std::to_string(count);
    in.connections = std::to_string(connections);
    in.streams = std::to_string(streams);
    in.timeoutSeconds = "10";
    return in;
}

RunSpec valid(const RunInput& in) {
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    return v.spec;
}

std::size_t countOf(const std::vector<std::string>& lines, const std::string& line) {
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

// nginx speaking HTTP/2 with prior knowledge on its plain port, with a stream limit and
// keepalive_requests (0: nginx's default and a high one).
Nginx::Options h2c(int maxStreams = 0, int keepaliveRequests = 0) {
    Nginx::Options o;
    o.h2c = true;
    o.maxConcurrentStreams = maxStreams;
    o.keepaliveRequests = keepaliveRequests;
    return o;
}

// nginx's TLS port, offering h2 by ALPN or (http2 false) only HTTP/1.1.
Nginx::Options tls(bool http2) {
    Nginx::Options o;
    o.tls = Nginx::Tls{pki().goodCert, pki().goodKey, ""};
    o.tlsHttp2 = http2;
    return o;
}

std::uint64_t errorsOf(const RunResult& r, ErrorKind kind) { return r.total.errorCount(kind); }

std::string text(const RunResult& r) {
    std::ostringstream out;
    writeTextReport(r, out);
    return out.str();
}

// Every request sent ended exactly once: answered, failed, or in flight at the end.
std::string messages(const RunResult& r) {
    std::string out;
    for (const auto& [key, n] : r.errorMessages()) out += key.first + ": " + key.second + " x" + std::to_string(n) + "\n";
    return out;
}

void expectSettled(const RunResult& r) {
    EXPECT_EQ(r.total.completed() + r.inFlightAtEnd, r.sent()) << r.message;
}

}  // namespace

TEST(Http2, h2cCountsExactlyWhatNginxSawOverStreamsConnectionsAndThreads) {
    Nginx nginx(h2c());
    RunInput in = input(nginx.url("/"), "h2c", 5000, 4, 10);
    in.threads = "2";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 5000u);
    EXPECT_EQ(r.total.statusCounts, (std::map<int, std::uint64_t>{{200, 5000}}));
    const auto log = nginx.protocolLog(5000);
    EXPECT_EQ(log.size(), 5000u);
    EXPECT_EQ(countOf(log, "GET 200 HTTP/2.0"), 5000u);
    EXPECT_EQ(r.protocol, "h2c");
    EXPECT_EQ(r.streams, 10u);
    EXPECT_EQ(r.http2Connections, 4u);
    EXPECT_EQ(r.http1Connections, 0u);
    EXPECT_NE(text(r).find("Protocol:    HTTP/2 over plain TCP (h2c), 10 streams per connection"), std::string::npos);
    EXPECT_EQ(reportJson(r).at("protocol").as_string(), "h2c");
}

TEST(Http2, overTlsAlpnChoosesH2AndCountsAreExact) {
    Nginx nginx(tls(true));
    RunInput in = input(nginx.tlsUrl("/"), "2", 2000, 2, 20);
    in.caFile = pki().caFile;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 2000u) << r.message;
    EXPECT_EQ(countOf(nginx.tlsProtocolLog(2000), "GET 200 HTTP/2.0"), 2000u);
    EXPECT_EQ(r.protocol, "h2");
    EXPECT_TRUE(r.protocolNote.empty());
}

TEST(Http2, verificationIsUnchanged) {
    Nginx nginx(tls(true));
    RunInput in = input(nginx.tlsUrl("/"), "2", 20, 2, 5);  // our CA is not trusted: refused by name
    const RunResult refused = runBlocking(valid(in));
    EXPECT_EQ(refused.outcome, Outcome::failed);
    EXPECT_NE(refused.message.find("certificate"), std::string::npos) << refused.message;
    EXPECT_EQ(nginx.tlsProtocolLog(0).size(), 0u);
    in.insecure = true;  // the explicit choice
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 20u);
}

TEST(Http2, requiredHttp2IsRefusedByNameWhenTheServerOffersOnlyHttp1) {
    Nginx nginx(tls(false));
    RunInput in = input(nginx.tlsUrl("/"), "2", 30, 3, 10);
    in.caFile = pki().caFile;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_EQ(r.message, "the server does not offer HTTP/2 (ALPN chose http/1.1)");
    EXPECT_EQ(errorsOf(r, ErrorKind::tls), r.total.failed);
    EXPECT_EQ(r.total.succeeded, 0u);
    EXPECT_EQ(nginx.tlsProtocolLog(0).size(), 0u);  // not a request was sent over HTTP/1.1
}

TEST(Http2, autoFallsBackToHttp1AndSaysSo) {
    Nginx nginx(tls(false));
    RunInput in = input(nginx.tlsUrl("/"), "auto", 30, 3, 10);
    in.caFile = pki().caFile;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 30u) << r.message;
    EXPECT_EQ(countOf(nginx.tlsProtocolLog(30), "GET 200 HTTP/1.1"), 30u);
    EXPECT_EQ(r.protocol, "http/1.1");
    EXPECT_EQ(r.fellBackConnections, 3u);
    EXPECT_EQ(r.protocolNote, "--http2=auto: the server chose HTTP/1.1 on 3 of 3 connections");
    EXPECT_NE(text(r).find(r.protocolNote), std::string::npos);
    EXPECT_EQ(reportJson(r).at("protocol_note").as_string(), r.protocolNote);
}

TEST(Http2, h2cToAnHttp1OnlyServerIsNamed) {
    Nginx nginx;  // HTTP/1.1 only
    const RunResult r = runBlocking(valid(input(nginx.url("/"), "h2c", 20, 2, 5)));
    EXPECT_EQ(r.outcome, Outcome::failed) << messages(r);
    EXPECT_EQ(r.message, "the server does not speak HTTP/2 with prior knowledge (h2c): it answered HTTP/1.1");
    EXPECT_EQ(r.total.succeeded, 0u);
    expectSettled(r);
}

// h2load -m 10 against a limit of 1 loses most streams to REFUSED_STREAM; Salvo waits for the
// server's SETTINGS and never opens more streams than it allows.
TEST(Http2, aSettingsLimitOfOneStreamIsRespected) {
    FaultServer server(Fault::h2MaxStreams1);
    const RunResult r = runBlocking(valid(input(server.url(), "h2c", 60, 2, 10)));
    EXPECT_EQ(r.total.succeeded, 60u) << r.message;
    EXPECT_EQ(r.total.failed, 0u);
    EXPECT_EQ(r.total.retried, 0u);
    EXPECT_EQ(server.requestsSeen(), 60u);
    EXPECT_EQ(server.maxConcurrentSeen(), 1u);

    Nginx nginx(h2c(1));
    const RunResult n = runBlocking(valid(input(nginx.url("/"), "h2c", 500, 2, 10)));
    EXPECT_EQ(n.total.succeeded, 500u);
    EXPECT_EQ(n.total.retried, 0u);
    EXPECT_EQ(countOf(nginx.protocolLog(500), "GET 200 HTTP/2.0"), 500u);
}

// nginx ends an HTTP/2 connection after keepalive_requests: it answers what it accepted, sends
// GOAWAY, and the streams above its last are sent again on a new connection.
TEST(Http2, goawayFinishesWhatWasAcceptedAndRetriesTheRest) {
    Nginx nginx(h2c(0, 10));
    const RunResult r = runBlocking(valid(input(nginx.url("/"), "h2c", 3000, 3, 20)));
    EXPECT_EQ(r.total.succeeded, 3000u) << r.message << messages(r);
    EXPECT_EQ(r.total.failed, 0u);
    EXPECT_GE(r.total.goaways, 3000u / 10 - 3);
    EXPECT_GT(r.total.retried, 0u);
    EXPECT_EQ(countOf(nginx.protocolLog(3000), "GET 200 HTTP/2.0"), 3000u);  // none processed twice
    EXPECT_GT(reportJson(r).at("connection_errors").at("goaway").to_number<std::uint64_t>(), 0u);

    FaultServer server(Fault::h2GoawayAfter);
    const RunResult f = runBlocking(valid(input(server.url(), "h2c", 200, 2, 8)));
    EXPECT_EQ(f.total.succeeded, 200u) << f.message;
    EXPECT_EQ(server.requestsSeen(), 200u);
}

TEST(Http2, rstStreamIsCountedByItsCode) {
    FaultServer server(Fault::h2RstStream);
    const RunResult r = runBlocking(valid(input(server.url(), "h2c", 50, 2, 5)));
    EXPECT_EQ(r.total.failed, 50u);
    EXPECT_EQ(errorsOf(r, ErrorKind::rstStream), 50u);
    EXPECT_EQ(r.errorMessages().at({"rst_stream", "RST_STREAM INTERNAL_ERROR"}), 50u);
    EXPECT_EQ(server.requestsSeen(), 50u);
    EXPECT_EQ(reportJson(r).at("errors").at("rst_stream").to_number<std::uint64_t>(), 50u);
}

// REFUSED_STREAM means "not processed": sent again, up to 8 times (this server refuses every
// second stream of a connection, so a request can keep landing on refused places).
TEST(Http2, refusedStreamsAreSentAgainABoundedNumberOfTimes) {
    FaultServer server(Fault::h2Refuse);
    const RunResult r = runBlocking(valid(input(server.url(), "h2c", 100, 2, 4)));
    EXPECT_GE(r.total.succeeded, 90u) << r.message << messages(r);
    EXPECT_EQ(r.total.completed(), 100u);
    EXPECT_EQ(errorsOf(r, ErrorKind::rstStream), r.total.failed);
    if (r.total.failed) {
        EXPECT_EQ(r.errorMessages().at({"rst_stream", "RST_STREAM REFUSED_STREAM 9 times"}), r.total.failed);
    }
    EXPECT_GT(r.total.retried, 0u);
    EXPECT_EQ(server.requestsSeen(), 100u + r.total.retried);  // each refusal was one more stream

    RunInput one = input(server.url(), "h2c", 50, 1, 1);  // one at a time: every refusal's retry is taken
    const RunResult serial = runBlocking(valid(one));
    EXPECT_EQ(serial.total.succeeded, 50u) << messages(serial);
    EXPECT_EQ(serial.total.retried, 49u);  // the first is the connection's 1st stream; each later one its 2nd, 4th, ...
}

TEST(Http2, largeBodiesFlowThroughATinyWindow) {
    FaultServer server(Fault::h2TinyWindow);
    RunInput in = input(server.url(), "h2c", 8, 2, 2);
    in.method = "POST";
    in.body = std::string(1 << 20, 'x');
    in.expectBody = std::to_string(1 << 20);  // the server counted every byte
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 8u) << r.message;
    EXPECT_EQ(errorsOf(r, ErrorKind::check), 0u);
}

TEST(Http2, aServerThatStopsReadingFailsByTheTimeout) {
    FaultServer server(Fault::h2StopReading);
    RunInput in = input(server.url(), "h2c", 4, 1, 2);
    in.method = "POST";
    in.body = std::string(8 << 20, 'x');
    in.timeoutSeconds = "1";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 0u);
    EXPECT_EQ(errorsOf(r, ErrorKind::timeout), r.total.failed);
    EXPECT_GE(r.total.failed, 1u);
    EXPECT_EQ(r.total.retried, 0u);  // a timeout is not the server closing: nothing is sent twice
    expectSettled(r);
}

// Answers that come 5 ms after each request, with a 1 ms timeout: whether the sweep or the
// response gets there first, each is a timeout, never a success slower than the timeout.
TEST(Http2, aResponseAfterItsDeadlineIsATimeout) {
    FaultServer server(Fault::h2MaxStreams1);
    RunInput in = input(server.url(), "h2c", 10, 1, 1);
    in.timeoutSeconds = "0.001";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 0u) << messages(r);
    EXPECT_EQ(errorsOf(r, ErrorKind::timeout), 10u);
}

TEST(Http2, keepAliveOffIsOneRequestPerConnection) {
    Nginx nginx(h2c());
    RunInput in = input(nginx.url("/"), "h2c", 20, 2, 1);
    in.keepAlive = false;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 20u) << messages(r);
    EXPECT_EQ(r.http2Connections, 20u);
    EXPECT_EQ(countOf(nginx.protocolLog(20), "GET 200 HTTP/2.0"), 20u);

    // A redirect's next hop still goes out on its connection: it is the same request.
    RunInput hops = input(nginx.url("/redirect"), "h2c", 10, 2, 1);
    hops.keepAlive = false;
    hops.redirects = "1";
    const RunResult followed = runBlocking(valid(hops));
    EXPECT_EQ(followed.total.succeeded, 10u) << messages(followed);
    EXPECT_EQ(followed.http2Connections, 10u);
    const auto log = nginx.protocolLog(50);
    EXPECT_EQ(countOf(log, "GET 302 HTTP/2.0"), 10u);
    EXPECT_EQ(countOf(log, "GET 200 HTTP/2.0"), 30u);
}

TEST(Http2, aServerThatNeverAnswersTimesOutStreamByStream) {
    FaultServer server(Fault::h2NoReply);
    RunInput in = input(server.url(), "h2c", 6, 1, 3);
    in.timeoutSeconds = "0.3";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(errorsOf(r, ErrorKind::timeout), 6u) << r.message;
    EXPECT_EQ(r.total.completed(), 6u);
    EXPECT_EQ(server.requestsSeen(), 6u);
}

TEST(Http2, responseHeadsOverTheLimitAreProtocolErrors) {
    FaultServer server(Fault::h2HugeHeaders);
    RunInput in = input(server.url(), "h2c", 10, 1, 5);
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(errorsOf(r, ErrorKind::protocol), 10u) << r.message;
    EXPECT_EQ(r.errorMessages().count({"protocol", "the response head is larger than the limit of 102400 bytes (--max-header-size)"}), 1u);
    in.maxHeaderSize = "1m";
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 10u);
}

TEST(Http2, anOpenModelRateOverStreamsIsExact) {
    Nginx nginx(h2c());
    RunInput in = input(nginx.url("/"), "h2c", 2000, 2, 20);
    in.rate = "2000";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.scheduled, 2000u) << r.message;
    EXPECT_EQ(r.sent(), 2000u);
    EXPECT_EQ(r.dropped, 0u);
    EXPECT_EQ(r.total.succeeded, 2000u);
    EXPECT_EQ(countOf(nginx.protocolLog(2000), "GET 200 HTTP/2.0"), 2000u);
    EXPECT_LE(r.limits.peakConnections, 2u * 20u);
}

TEST(Http2, redirectsChecksAndHeadWorkOverStreams) {
    Nginx nginx(h2c());
    RunInput in = input(nginx.url("/redirect"), "h2c", 40, 2, 4);
    in.redirects = "2";
    in.expectStatus = "200";
    in.expectBody = "ok";
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 40u) << r.message;
    const auto log = nginx.protocolLog(80);
    EXPECT_EQ(countOf(log, "GET 302 HTTP/2.0"), 40u);
    EXPECT_EQ(countOf(log, "GET 200 HTTP/2.0"), 40u);

    RunInput head = input(nginx.url("/"), "h2c", 20, 1, 5);
    head.method = "HEAD";
    EXPECT_EQ(runBlocking(valid(head)).total.succeeded, 20u);
    EXPECT_EQ(countOf(nginx.protocolLog(100), "HEAD 200 HTTP/2.0"), 20u);
}

TEST(Http2, nghttpdEchoesLargeUploadsAndSeesEveryRequest) {
    Nghttpd::Options echo;
    echo.echoUpload = true;
    Nghttpd server(echo);
    RunInput in = input(server.url("/"), "h2c", 12, 2, 3);
    in.method = "POST";
    in.body = std::string(300'000, 'y');
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 12u) << r.message;
    EXPECT_GE(r.total.bytesReceived, 12u * 300'000u);
    EXPECT_EQ(server.requestsSeen(12), 12u);
}

TEST(Http2, theRecordKeepsTheProtocol) {
    Nginx nginx(h2c());
    const RunSpec spec = valid(input(nginx.url("/"), "h2c", 50, 1, 5));
    const RunResult r = runBlocking(spec);
    const RunRecord record = makeRecord(spec, r, std::chrono::system_clock::now(), false);
    const RecordRead back = readRecord(boost::json::serialize(recordJson(record)));
    ASSERT_TRUE(back.record) << back.error;
    EXPECT_EQ(back.record->result.protocol, "h2c");
    EXPECT_EQ(back.record->result.streams, 5u);
    EXPECT_EQ(back.record->result.http2Connections, 1u);
    EXPECT_EQ(back.record->spec.at("http").as_string(), "h2c");
}

// Some connections of an --http2=auto run got HTTP/2 and some HTTP/1.1: the report says so
// everywhere it speaks (text, JSON, HTML).
TEST(Http2, aMixedAutoRunIsNotedInEveryReport) {
    const RunSpec spec = valid(input("https://127.0.0.1:1/", "auto", 10, 3, 4));
    RunResult r = RunResult::planFor(spec);
    EXPECT_EQ(r.protocol, "h2");  // what was asked, until connections say otherwise
    ProgressEvent last;
    last.last = true;
    last.end.http2Connections = 2;
    last.end.http1Connections = 1;
    last.end.fellBackConnections = 1;
    r.apply(last);
    r.complete();
    EXPECT_EQ(r.protocol, "h2");
    EXPECT_EQ(r.protocolNote, "--http2=auto: the server chose HTTP/1.1 on 1 of 3 connections");
    EXPECT_NE(text(r).find("Protocol:    HTTP/2 (h2), 4 streams per connection (" + r.protocolNote + ")"), std::string::npos);
    const auto json = reportJson(r);
    EXPECT_EQ(json.at("connections_by_protocol").at("fell_back").to_number<std::uint64_t>(), 1u);
    const RunRecord record = makeRecord(spec, r, std::chrono::system_clock::now(), false);
    std::ostringstream html;
    writeHtmlReport({&record}, html);
    EXPECT_NE(html.str().find("<dt>Protocol</dt><dd>h2, 4 streams per connection</dd>"), std::string::npos);
    EXPECT_NE(html.str().find("Protocol: --http2=auto: the server chose HTTP/1.1 on 1 of 3 connections"), std::string::npos);
}

// nghttpd over TLS offers only h2 by ALPN. With a stream limit and a 2^10-byte window for what
// it receives, each 100 KB upload flows through its WINDOW_UPDATEs and comes back whole.
TEST(Http2, nghttpdOverTlsWithSmallWindowsAndAStreamLimit) {
    Nghttpd::Options options;
    options.tls = true;
    options.maxConcurrentStreams = 3;
    options.windowBits = 10;
    options.echoUpload = true;
    Nghttpd server(options);
    RunInput in = input(server.url("/"), "2", 30, 2, 10);
    in.caFile = pki().caFile;
    in.method = "POST";
    in.body = std::string(100'000, 'z');
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 30u) << messages(r);
    EXPECT_EQ(r.total.retried, 0u);  // it never had to refuse a stream
    EXPECT_GE(r.total.bytesReceived, 30u * 100'000u);
    EXPECT_EQ(r.protocol, "h2");
    EXPECT_EQ(server.requestsSeen(30), 30u);
    EXPECT_LE(server.maxConcurrentSeen(), 3u);
}
