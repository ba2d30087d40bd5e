// The requests people really send: body files, Content-Type, basic auth, keep-alive off,
// --connect-to and client certificates (mTLS), against real servers on loopback.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "FaultServer.hpp"
#include "Nginx.hpp"
#include "Redirect.hpp"
#include "Request.hpp"
#include "ResponseCheck.hpp"
#include "TestPki.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::Fault;
using salvo::test::FaultServer;
using salvo::test::pki;
namespace fs = std::filesystem;

namespace {

RunSpec valid(const RunInput& in) {
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    return v.spec;
}

std::vector<FieldError> errorsOf(const RunInput& in) { return validate(in).errors; }

RunInput input(const std::string& url, const std::string& count = "20") {
    RunInput in;
    in.url = url;
    in.count = count;
    return in;
}

struct TempFile {
    fs::path path;
    TempFile(const std::string& name, const std::string& content)
        : path(fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))) {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() { fs::remove(path); }
    std::string str() const { return path.string(); }
};

}  // namespace

TEST(RequestOptions, basicAuthIsSentAndNeverRecorded) {
    RunInput in = input("http://127.0.0.1:8080/");
    in.basicAuth = "aladdin:open sesame";
    const RunSpec spec = valid(in);
    EXPECT_NE(serializeRequest(spec).find("\r\nAuthorization: Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"), std::string::npos);
    // Not even a record that keeps secrets holds it.
    const std::string kept = boost::json::serialize(specJson(spec, true));
    EXPECT_EQ(kept.find("sesame"), std::string::npos) << kept;
    EXPECT_EQ(kept.find("YWxhZGRp"), std::string::npos) << kept;
    EXPECT_NE(kept.find("\"basic_auth\":\"[redacted]\""), std::string::npos) << kept;

    in.basicAuth = "no-colon";
    EXPECT_EQ(errorsOf(in).at(0).field, Field::basicAuth);
    in.basicAuth = "a:b";
    in.headers = {"authorization: Bearer x"};
    EXPECT_NE(errorsOf(in).at(0).message.find("Authorization is given twice"), std::string::npos);
}

TEST(RequestOptions, contentTypeIsAHeader) {
    RunInput in = input("http://127.0.0.1:8080/");
    in.method = "POST";
    in.body = "{}";
    in.contentType = "application/json";
    EXPECT_NE(serializeRequest(valid(in)).find("\r\nContent-Type: application/json\r\n"), std::string::npos);
    in.headers = {"Content-Type: text/plain"};
    EXPECT_NE(errorsOf(in).at(0).message.find("Content-Type is given twice"), std::string::npos);
    in.headers.clear();
    in.contentType = "a\x01";
    EXPECT_EQ(errorsOf(in).at(0).field, Field::contentType);
}

// Keep-alive off: every request opens its own connection (the server counts them).
TEST(RequestOptions, keepAliveOffOpensAConnectionPerRequest) {
    LocalTarget server;
    RunInput in = input(server.url(), "30");
    in.connections = "3";
    in.keepAlive = false;
    const RunSpec spec = valid(in);
    EXPECT_NE(serializeRequest(spec).find("\r\nConnection: close\r\n"), std::string::npos);
    const RunResult r = runBlocking(spec);
    EXPECT_EQ(r.total.succeeded, 30u);
    EXPECT_EQ(server.requestsServed(), 30u);
    EXPECT_EQ(server.connectionsAccepted(), 30u);

    LocalTarget kept;  // and with it on, as before: one connection each
    in.url = kept.url();
    in.keepAlive = true;
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 30u);
    EXPECT_EQ(kept.connectionsAccepted(), 3u);
}

TEST(RequestOptions, bodyFileIsSentAsIs) {
    const std::string content = std::string(100'000, 'x') + "\nend";
    TempFile file("salvo-body", content);
    RunInput in = input("http://127.0.0.1:8080/upload");
    in.method = "PUT";
    in.bodyFile = file.str();
    const RunSpec spec = valid(in);
    EXPECT_EQ(spec.body, content);
    EXPECT_EQ(spec.bodyFile, file.str());
    const std::string bytes = serializeRequest(spec);
    EXPECT_NE(bytes.find("\r\nContent-Length: 100004\r\n"), std::string::npos);
    EXPECT_EQ(bytes.substr(bytes.size() - content.size()), content);
    // The record names the file; it does not copy the body in, even when keeping secrets.
    const auto record = specJson(spec, true);
    EXPECT_EQ(record.at("body_file").as_string(), file.str());
    EXPECT_EQ(record.at("body").as_string(), "");
    EXPECT_EQ(record.at("body_bytes").to_number<std::uint64_t>(), content.size());

    in.body = "typed";
    EXPECT_NE(errorsOf(in).at(0).message.find("a body or a body file, not both"), std::string::npos);
    in.body.clear();
    in.bodyFile = "/nonexistent/body.json";
    EXPECT_NE(errorsOf(in).at(0).message.find("body file '/nonexistent/body.json' cannot be read"), std::string::npos);
    in.bodyFile = fs::temp_directory_path().string();
    EXPECT_NE(errorsOf(in).at(0).message.find("is a directory"), std::string::npos);
    // Relative to a plan's folder.
    in.bodyFile = file.path.filename().string();
    in.baseDir = file.path.parent_path().string();
    EXPECT_EQ(valid(in).body, content);
}

TEST(RequestOptions, connectToKeepsTheUrlsHost) {
    LocalTarget server;
    RunInput in = input("http://salvo.test:9/", "10");
    in.connectTo = {"other.test:9:127.0.0.1:1", "salvo.test:9:127.0.0.1:" + std::to_string(server.port())};
    const RunSpec spec = valid(in);
    ASSERT_TRUE(spec.connectTo);  // the first entry that matches the URL's host and port
    EXPECT_EQ(spec.connectTo->address, "127.0.0.1");
    EXPECT_EQ(spec.connectTo->addressPort, server.port());
    EXPECT_NE(serializeRequest(spec).find("\r\nHost: salvo.test:9\r\n"), std::string::npos);
    EXPECT_EQ(runBlocking(spec).total.succeeded, 10u);
    EXPECT_EQ(server.requestsServed(), 10u);

    in.connectTo = {"::127.0.0.1:" + std::to_string(server.port())};  // any host, any port
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 10u);
    in.connectTo = {"[::1]:9:[::1]:80"};  // brackets for IPv6; does not match salvo.test
    EXPECT_FALSE(valid(in).connectTo);
    for (const char* bad : {"a:b", "salvo.test:9:127.0.0.1:0", "salvo.test:99999::", "x:1:[::1:2"}) {
        in.connectTo = {bad};
        EXPECT_EQ(errorsOf(in).at(0).field, Field::connectTo) << bad;
    }
}

// TLS through --connect-to: SNI and the certificate check use the URL's host.
TEST(RequestOptions, connectToOverTlsVerifiesTheUrlsHost) {
    LocalTarget server({pki().goodCert, pki().goodKey});
    RunInput in = input("https://localhost:1/", "5");
    in.caFile = pki().caFile;
    in.connectTo = {"localhost:1:127.0.0.1:" + std::to_string(server.port())};
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 5u);

    in.url = "https://other.example:1/";  // the good certificate does not name it
    in.connectTo = {"other.example:1:127.0.0.1:" + std::to_string(server.port())};
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 0u);
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_NE(r.message.find("certificate rejected"), std::string::npos) << r.message;
}

TEST(RequestOptions, clientCertificateIsAcceptedByAServerThatRequiresOne) {
    FaultServer::Tls tls{pki().goodCert, pki().goodKey};
    tls.requireClientCertificate = true;
    tls.clientCaFile = pki().caFile;
    FaultServer server(Fault::ok, tls);
    RunInput in = input(server.url(), "25");
    in.caFile = pki().caFile;
    in.clientCert = pki().goodCert;
    in.clientKey = pki().goodKey;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 25u);
    EXPECT_EQ(server.requestsSeen(), 25u);

    in.clientCert.clear();  // without one: named as before
    in.clientKey.clear();
    const RunResult refused = runBlocking(valid(in));
    EXPECT_EQ(refused.total.succeeded, 0u);
    EXPECT_NE(refused.message.find("requires a client certificate"), std::string::npos) << refused.message;
}

// nginx itself, beside our OpenSSL fault server: it verifies the client certificate against its
// CA and logs what it made of it. Without one it completes the handshake and answers 400 (its
// way of refusing), which is counted as that status.
TEST(RequestOptions, nginxVerifiesTheClientCertificate) {
    test::Nginx nginx(test::Nginx::Tls{pki().goodCert, pki().goodKey, pki().caFile});
    RunInput in = input(nginx.tlsUrl("/"), "30");
    in.caFile = pki().caFile;
    in.clientCert = pki().goodCert;
    in.clientKey = pki().goodKey;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.statusCounts, (std::map<int, std::uint64_t>{{200, 30}})) << r.message;
    const auto log = nginx.tlsLog(30);
    EXPECT_EQ(std::count(log.begin(), log.end(), "GET 200 SUCCESS"), 30);

    in.clientCert.clear();
    in.clientKey.clear();
    const RunResult without = runBlocking(valid(in));
    EXPECT_EQ(without.total.statusCounts, (std::map<int, std::uint64_t>{{400, 30}})) << without.message;
    const auto after = nginx.tlsLog(60);
    EXPECT_EQ(std::count(after.begin(), after.end(), "GET 400 NONE"), 30);
}

TEST(RequestOptions, aClientCertificateTheServerDoesNotTrustIsNamed) {
    FaultServer::Tls tls{pki().goodCert, pki().goodKey};
    tls.requireClientCertificate = true;
    tls.clientCaFile = pki().caFile;
    for (int variant = 0; variant < 4; ++variant) {  // TLS 1.3 refuses after the handshake, 1.2 during it
        const bool tls12 = variant % 2, insecure = variant >= 2;  // -k must not hide the server's reason
        tls.tls12Only = tls12;
        FaultServer server(Fault::ok, tls);
        RunInput in = input(server.url(), "5");
        in.caFile = pki().caFile;
        in.insecure = insecure;
        in.clientCert = pki().selfSignedCert;  // not signed by the CA the server trusts
        in.clientKey = pki().selfSignedKey;
        const RunResult r = runBlocking(valid(in));
        EXPECT_EQ(r.total.succeeded, 0u);
        EXPECT_EQ(r.outcome, Outcome::failed);
        EXPECT_NE(r.message.find("the server rejected the client certificate"), std::string::npos)
            << (tls12 ? "TLS 1.2" : "TLS 1.3") << (insecure ? " -k: " : ": ") << r.message;
    }
}

TEST(RequestOptions, aKeyThatDoesNotMatchIsRefusedBeforeSending) {
    RunInput in = input("https://127.0.0.1:1/");
    in.clientCert = pki().goodCert;
    in.clientKey = pki().expiredKey;
    auto errors = errorsOf(in);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, Field::clientKey);
    EXPECT_EQ(errors[0].message, "client key '" + pki().expiredKey + "' does not match the certificate '" +
                                     pki().goodCert + "'");
    in.clientKey = pki().goodCert;  // a certificate where the key should be
    EXPECT_NE(errorsOf(in).at(0).message.find("holds no unencrypted PEM private key"), std::string::npos);
    in.clientCert = pki().goodKey;  // a key where the certificate should be
    in.clientKey = pki().goodKey;
    EXPECT_NE(errorsOf(in).at(0).message.find("holds no PEM certificate"), std::string::npos);
    in.clientCert.clear();
    EXPECT_NE(errorsOf(in).at(0).message.find("needs its certificate"), std::string::npos);
    in.url = "http://127.0.0.1:1/";
    in.clientCert = pki().goodCert;
    in.clientKey = pki().goodKey;
    EXPECT_NE(errorsOf(in).at(0).message.find("needs an https:// URL"), std::string::npos);
    // One file holding both, as curl allows.
    TempFile both("salvo-both", [] {
        std::ifstream c(pki().goodCert), k(pki().goodKey);
        return std::string(std::istreambuf_iterator<char>(c), {}) + std::string(std::istreambuf_iterator<char>(k), {});
    }());
    in.url = "https://127.0.0.1:1/";
    in.clientCert = both.str();
    in.clientKey.clear();
    EXPECT_TRUE(validate(in).ok());
}

// Checks (k6's check): a response that fails one is failed, kind "check", and counted by
// checks_failed; an expected status succeeds even when it is >= 400.
TEST(RequestOptions, checksJudgeStatusAndBody) {
    LocalTarget server;
    RunInput in = input(server.url("/status/404"), "12");
    in.expectStatus = "200, 404";
    RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 12u);  // 404 was expected
    EXPECT_EQ(r.total.statusCounts.at(404), 12u);

    in.url = server.url("/status/503");
    in.expectStatus = "2xx";
    in.thresholds = {{"checks_failed==0", false, {}}};
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.failed, 12u);
    EXPECT_EQ(r.total.errorCount(ErrorKind::check), 12u);
    EXPECT_EQ(r.total.errorCount(ErrorKind::status), 0u);
    EXPECT_EQ(r.total.errorMessages.at({"check", "the status was not one of the expected"}), 12u);
    ASSERT_EQ(r.thresholds.size(), 1u);
    EXPECT_EQ(r.thresholds[0].state, ThresholdState::failed);
    EXPECT_DOUBLE_EQ(r.thresholds[0].value, 12);

    in.url = server.url();  // "Hello from Salvo\n"
    in.expectStatus.clear();
    in.thresholds.clear();
    in.expectBody = "from Salvo";
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 12u);
    in.expectBody = "from somewhere else";
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.errorCount(ErrorKind::check), 12u);
    EXPECT_EQ(r.total.errorMessages.at({"check", "the body does not contain the expected text"}), 12u);
    in.expectBody.clear();
    in.expectBodyRegex = "^Hello\\s+from\\s+S[a-z]+\\n$";
    EXPECT_EQ(runBlocking(valid(in)).total.succeeded, 12u);
    in.expectBodyRegex = "^Goodbye";
    EXPECT_EQ(runBlocking(valid(in)).total.errorCount(ErrorKind::check), 12u);
}

TEST(RequestOptions, badChecksAreNamed) {
    RunInput in = input("http://127.0.0.1:1/");
    for (const char* bad : {"ok", "99", "600", "2xy", "300-200", "200,", "6xx", "1xx", "100"}) {
        in.expectStatus = bad;
        const auto errors = errorsOf(in);
        ASSERT_FALSE(errors.empty()) << bad;
        EXPECT_EQ(errors[0].field, Field::expectStatus) << bad;
    }
    in.expectStatus = "200-204, 3XX ,418";
    EXPECT_EQ(valid(in).check.statuses, (std::vector<StatusRange>{{200, 204}, {300, 399}, {418, 418}}));
    in.expectStatus.clear();
    in.expectBodyRegex = "(unclosed";
    EXPECT_EQ(errorsOf(in).at(0).field, Field::expectBodyRegex);
    EXPECT_NE(errorsOf(in).at(0).message.find("not a valid regular expression"), std::string::npos);
    in.expectBodyRegex = "ok";
    in.method = "HEAD";
    EXPECT_NE(errorsOf(in).at(0).message.find("a HEAD response has no body to check"), std::string::npos);
    in = input("http://127.0.0.1:1/");
    in.thresholds = {{"checks_failed==0", false, {}}};  // nothing to fail: refused, not a gate that always passes
    EXPECT_NE(errorsOf(in).at(0).message.find("there are no checks to fail"), std::string::npos);
}

// The body is watched as it streams by: a needle split across pieces is found, and no more of
// the body than a needle's length is kept.
TEST(RequestOptions, bodyWatchFindsTextAcrossPieces) {
    CheckSpec spec;
    spec.bodyContains = "needle";
    const ResponseCheck check = makeResponseCheck(spec);
    BodyWatch watch;
    watch.reset(&check);
    for (const char* piece : {"hay hay ne", "e", "dle hay"}) watch.feed(piece);
    EXPECT_FALSE(watch.verdict(200));
    watch.reset(&check);
    watch.feed(std::string(5 << 20, 'h'));  // 5 MB without it
    watch.feed("needl");
    EXPECT_TRUE(watch.verdict(200));
    spec.bodyContains.clear();
    spec.bodyRegex = "tail$";
    const ResponseCheck regex = makeResponseCheck(spec);
    watch.reset(&regex);
    watch.feed(std::string(2 << 20, 'h') + "tail");  // past the regex's window: not seen
    EXPECT_EQ(*watch.verdict(200), "the body does not match the expected pattern");
    // With both, the text is still looked for in the whole body, the pattern in its start.
    spec.bodyContains = "tail";
    spec.bodyRegex = "^h";
    const ResponseCheck both = makeResponseCheck(spec);
    watch.reset(&both);
    watch.feed(std::string(2 << 20, 'h'));
    watch.feed("tail");
    EXPECT_FALSE(watch.verdict(200));
    // A pattern too costly to run fails the check; it does not end the run.
    spec.bodyContains.clear();
    spec.bodyRegex = "(x+x+)+y";
    const ResponseCheck costly = makeResponseCheck(spec);
    watch.reset(&costly);
    watch.feed(std::string(100'000, 'x'));
    ASSERT_TRUE(watch.verdict(200));
    EXPECT_EQ(*watch.verdict(200), "the body pattern was too costly to match");
}

// Keep-alive off is ours to keep: a server that ignores Connection: close still sees a new
// connection for every request.
TEST(RequestOptions, keepAliveOffEvenWhenTheServerKeepsTheConnection) {
    FaultServer server(Fault::ok);
    RunInput in = input(server.url(), "25");
    in.connections = "2";
    in.keepAlive = false;
    const RunResult r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 25u);
    EXPECT_EQ(r.total.connect.count(), 25u);
}

// Where the time goes: a connect and a handshake per new connection, a first byte per
// response (never after its last byte), and one lookup per engine thread for a host name.
TEST(RequestOptions, timingBreakdownCountsEachStep) {
    LocalTarget server({pki().goodCert, pki().goodKey});
    RunInput in = input("https://localhost:" + std::to_string(server.port()) + "/", "40");
    in.caFile = pki().caFile;
    in.connections = "4";
    in.threads = "2";
    RunResult r = runBlocking(valid(in));
    ASSERT_EQ(r.total.succeeded, 40u) << r.message;
    EXPECT_EQ(r.total.dns.count(), 2u);  // resolved once per engine thread
    EXPECT_EQ(r.total.connect.count(), 4u);
    EXPECT_EQ(r.total.tlsHandshake.count(), 4u);
    EXPECT_EQ(r.total.firstByte.count(), 40u);
    EXPECT_LE(r.total.firstByte.max(), r.total.latency.max());
    EXPECT_LE(r.total.firstByte.min(), r.total.latency.min());

    in.keepAlive = false;  // a new connection per request: a connect and a handshake each
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.connect.count(), 40u);
    EXPECT_EQ(r.total.tlsHandshake.count(), 40u);
    const auto json = reportJson(r).at("timing_ms").as_object();
    EXPECT_EQ(json.at("tls").at("count").to_number<std::uint64_t>(), 40u);
    EXPECT_EQ(json.at("first_byte").at("count").to_number<std::uint64_t>(), 40u);
    EXPECT_EQ(json.at("dns").at("count").to_number<std::uint64_t>(), 2u);
}

// Redirects: followed only when asked, on the same host; the latency covers the chain and the
// final status is counted; a loop, another host or too many hops is a 'redirect' error by name.
TEST(RequestOptions, redirectsFollowedOnTheSameHost) {
    LocalTarget server;
    RunInput in = input(server.url("/redirect/3"), "10");
    RunResult r = runBlocking(valid(in));  // default: not followed, a 302 is a response
    EXPECT_EQ(r.total.statusCounts.at(302), 10u);
    EXPECT_EQ(server.requestsServed(), 10u);

    in.redirects = "3";
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.succeeded, 10u);
    EXPECT_EQ(r.total.statusCounts.at(200), 10u);  // the final status only
    EXPECT_EQ(r.total.statusCounts.count(302), 0u);
    EXPECT_EQ(r.total.latency.count(), 10u);       // one latency per request, the whole chain
    EXPECT_EQ(r.total.sent, 10u);
    EXPECT_EQ(server.requestsServed(), 10u + 40u);  // each request: the first hop and three more

    in.redirects = "2";  // one hop too few
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.errorCount(ErrorKind::redirect), 10u);
    EXPECT_EQ(r.total.errorMessages.at({"redirect", "more than 2 redirects"}), 10u);

    in.redirects = "10";
    in.url = server.url("/loop/a");
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.errorCount(ErrorKind::redirect), 10u);
    EXPECT_EQ(r.total.errorMessages.at({"redirect", "a redirect loop: back to /loop/a"}), 10u);

    in.url = server.url("/away");
    r = runBlocking(valid(in));
    EXPECT_EQ(r.total.errorMessages.at({"redirect", "a redirect to another host is not followed: http://elsewhere.invalid/"}), 10u);

    in.redirects = "51";
    EXPECT_EQ(errorsOf(in).at(0).field, Field::redirects);
}

TEST(RequestOptions, redirectHopsResolveLikeABrowser) {
    Target t;
    std::string message;
    ASSERT_TRUE(parseTarget("http://h.test:8080/a/b?x=1", t, message));
    RedirectHop hop = nextHop(t, "/a/b?x=1", "POST", 302, "c?y=2");
    EXPECT_EQ(hop.error, "");
    EXPECT_EQ(hop.requestTarget, "/a/c?y=2");
    EXPECT_TRUE(hop.asGet);  // 302 after a POST: a GET
    EXPECT_FALSE(nextHop(t, "/a/b", "POST", 307, "/z").asGet);  // 307 keeps the method and body
    EXPECT_TRUE(nextHop(t, "/a/b", "PUT", 303, "/z").asGet);
    EXPECT_EQ(nextHop(t, "/a/b", "GET", 301, "http://H.TEST:8080/ok").requestTarget, "/ok");  // same host, any case
    EXPECT_NE(nextHop(t, "/", "GET", 301, "https://h.test:8080/").error, "");  // another scheme
    EXPECT_NE(nextHop(t, "/", "GET", 301, "http://h.test/").error, "");        // another port
    EXPECT_EQ(nextHop(t, "/", "GET", 302, "").error, "a 302 redirect without a Location");
    EXPECT_NE(nextHop(t, "/", "GET", 302, "http://[bad").error.find("unusable Location"), std::string::npos);
    RunSpec spec;
    spec.target = t;
    spec.method = "POST";
    spec.body = "abc";
    const std::string get = serializeRequest(spec, spec.requestList().front(), "/next", true);
    EXPECT_EQ(get.rfind("GET /next HTTP/1.1\r\n", 0), 0u);
    EXPECT_EQ(get.find("Content-Length"), std::string::npos);
    EXPECT_EQ(get.find("abc"), std::string::npos);
}
