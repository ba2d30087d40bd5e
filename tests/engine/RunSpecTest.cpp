#include <gtest/gtest.h>

#include "salvo/RunSpec.hpp"

using namespace salvo;

namespace {
Validation check(const std::string& url, const std::string& count = "10",
                 const std::string& connections = "") {
    RunInput in;
    in.url = url;
    in.count = count;
    in.connections = connections;
    return validate(in);
}

std::string messageFor(const Validation& v, Field field) {
    for (const auto& e : v.errors)
        if (e.field == field) return e.message;
    return "";
}
}  // namespace

TEST(RunSpec, httpUrlGetsDefaultPortAndPath) {
    const auto v = check("http://example.com");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.spec.target.host, "example.com");
    EXPECT_EQ(v.spec.target.port, 80);
    EXPECT_EQ(v.spec.target.requestTarget, "/");
    EXPECT_EQ(v.spec.target.hostHeader, "example.com");
    EXPECT_FALSE(v.spec.target.isTls());
}

TEST(RunSpec, httpsUrlKeepsPathAndQueryAndDropsFragment) {
    const auto v = check("https://example.com:8443/a/b%20c?x=1&y=2#frag");
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v.spec.target.isTls());
    EXPECT_EQ(v.spec.target.port, 8443);
    EXPECT_EQ(v.spec.target.requestTarget, "/a/b%20c?x=1&y=2");
    EXPECT_EQ(v.spec.target.hostHeader, "example.com:8443");
}

TEST(RunSpec, ipv6LiteralIsUnbracketedForConnectAndBracketedForHost) {
    const auto v = check("http://[::1]:8080/x");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.spec.target.host, "::1");
    EXPECT_TRUE(v.spec.target.hostIsIpAddress);
    EXPECT_EQ(v.spec.target.hostHeader, "[::1]:8080");
    EXPECT_EQ(check("https://[::1]/").spec.target.port, 443);
}

TEST(RunSpec, badUrlsGetSpecificMessages) {
    EXPECT_EQ(messageFor(check(""), Field::url), "enter a URL, e.g. http://127.0.0.1:8080/");
    EXPECT_NE(messageFor(check("ftp://example.com/"), Field::url).find("unsupported scheme 'ftp'"), std::string::npos);
    EXPECT_NE(messageFor(check("example.com"), Field::url).find("needs a scheme"), std::string::npos);
    EXPECT_NE(messageFor(check("http:///path"), Field::url).find("no host"), std::string::npos);
    EXPECT_NE(messageFor(check("http://exa mple.com/"), Field::url).find("space"), std::string::npos);
    EXPECT_NE(messageFor(check("http://bücher.example/"), Field::url).find("non-ASCII"), std::string::npos);
    EXPECT_NE(messageFor(check("http://u:p@example.com/"), Field::url).find("passwords"), std::string::npos);
    EXPECT_NE(messageFor(check("http://example.com:99999/"), Field::url).find("1 to 65535"), std::string::npos);
    EXPECT_NE(messageFor(check("http://example.com:0/"), Field::url).find("1 to 65535"), std::string::npos);
    EXPECT_NE(messageFor(check("http://example.com:abc/"), Field::url), "");
    // Found by FuzzRunInput: Boost.URL reads this as host "[::1]" and a relative path "5443/".
    EXPECT_NE(messageFor(check("https://[::1]5443/"), Field::url).find("after the host"), std::string::npos);
}

TEST(RunSpec, countMustBeAWholeNumberOfAtLeastOne) {
    EXPECT_EQ(check("http://h/", "").spec.load.count, salvo::kDefaultCount);  // empty: the default
    EXPECT_EQ(messageFor(check("http://h/", "abc"), Field::count), "request count must be a whole number, not 'abc'");
    EXPECT_EQ(messageFor(check("http://h/", "0"), Field::count), "request count must be at least 1");
    EXPECT_EQ(messageFor(check("http://h/", "-5"), Field::count), "request count must be at least 1");
    EXPECT_EQ(messageFor(check("http://h/", "1.5"), Field::count), "request count must be a whole number, not '1.5'");
    EXPECT_NE(messageFor(check("http://h/", "99999999999999999999999"), Field::count).find("too large"), std::string::npos);
    EXPECT_NE(messageFor(check("http://h/", "18446744073709551616"), Field::count).find("too large"), std::string::npos);
    EXPECT_EQ(check("http://h/", " 42 ").spec.load.count, 42u);
}

TEST(RunSpec, connectionsDefaultToCountCappedAtFifty) {
    EXPECT_EQ(check("http://h/", "10").spec.connections, 10u);
    EXPECT_EQ(check("http://h/", "1000").spec.connections, 50u);
    EXPECT_EQ(check("http://h/", "3", "10").spec.connections, 3u);  // never more than requests
    EXPECT_EQ(messageFor(check("http://h/", "10", "0"), Field::connections), "connections must be at least 1");
    EXPECT_EQ(messageFor(check("http://h/", "10", "x"), Field::connections), "connections must be a whole number, not 'x'");
    EXPECT_NE(messageFor(check("http://h/", "10", "5000000"), Field::connections).find("too large"), std::string::npos);
}

TEST(RunSpec, timeoutThreadsMethodAndHeadersAreChecked) {
    RunInput in;
    in.url = "http://h/";
    in.timeoutSeconds = "0";
    in.threads = "100";
    in.method = "GE T";
    in.headers = {"NoColonHere"};
    const auto v = validate(in);
    EXPECT_NE(messageFor(v, Field::timeout).find("above 0"), std::string::npos);
    EXPECT_NE(messageFor(v, Field::threads).find("too large"), std::string::npos);
    EXPECT_NE(messageFor(v, Field::method).find("single word"), std::string::npos);
    EXPECT_NE(messageFor(v, Field::headers).find("Name: value"), std::string::npos);

    in = RunInput{};
    in.url = "http://h/";
    in.timeoutSeconds = "2.5";
    in.method = "post";
    in.headers = {"X-Test:  yes ", "Authorization: Bearer t"};
    const auto ok = validate(in);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.spec.timeout.count(), 2500);
    EXPECT_EQ(ok.spec.method, "POST");
    ASSERT_EQ(ok.spec.headers.size(), 2u);
    EXPECT_EQ(ok.spec.headers[0].second, "yes");
}

TEST(RunSpec, unreadableCaFileIsReported) {
    RunInput in;
    in.url = "https://h/";
    in.caFile = "/nonexistent/ca.pem";
    EXPECT_EQ(messageFor(validate(in), Field::caFile), "CA file '/nonexistent/ca.pem' cannot be read: No such file or directory");
}

TEST(RunSpec, insecureTurnsVerificationOff) {
    RunInput in;
    in.url = "https://h/";
    EXPECT_TRUE(validate(in).spec.tls.verify);
    in.insecure = true;
    EXPECT_FALSE(validate(in).spec.tls.verify);
}

namespace {
Validation protocol(const std::string& url, const std::string& version, const std::string& streams = "",
                    bool keepAlive = true) {
    RunInput in;
    in.url = url;
    in.httpVersion = version;
    in.streams = streams;
    in.keepAlive = keepAlive;
    return validate(in);
}
}  // namespace

// Each version word, with the scheme it needs; empty and "1.1" are HTTP/1.1 with one stream.
TEST(RunSpec, httpVersionIsReadWithTheSchemeItNeeds) {
    for (const char* version : {"", "1.1", " 1.1 "}) {
        const auto v = protocol("http://h/", version);
        ASSERT_TRUE(v.ok()) << version;
        EXPECT_EQ(v.spec.http, HttpVersion::http1);
        EXPECT_FALSE(v.spec.http2());
        EXPECT_EQ(v.spec.streams, 1u);
    }
    EXPECT_EQ(protocol("https://h/", "2").spec.http, HttpVersion::http2);
    EXPECT_EQ(protocol("https://h/", "auto").spec.http, HttpVersion::http2Auto);
    EXPECT_EQ(protocol("http://h/", "auto").spec.http, HttpVersion::http2Auto);  // no ALPN: HTTP/1.1, said in the report
    EXPECT_EQ(protocol("http://h/", "h2c").spec.http, HttpVersion::h2c);
    EXPECT_TRUE(protocol("http://h/", "h2c").spec.http2());
    EXPECT_STREQ(httpVersionName(HttpVersion::h2c), "h2c");
    EXPECT_STREQ(httpVersionName(HttpVersion::http1), "1.1");

    EXPECT_EQ(messageFor(protocol("https://h/", "3"), Field::httpVersion), "HTTP version must be 1.1, 2, auto or h2c, not '3'");
    EXPECT_EQ(messageFor(protocol("https://h/", "H2"), Field::httpVersion), "HTTP version must be 1.1, 2, auto or h2c, not 'H2'");
    EXPECT_NE(messageFor(protocol("http://h/", "2"), Field::httpVersion).find("this URL is http://: use https://, or h2c"),
              std::string::npos);
    EXPECT_NE(messageFor(protocol("https://h/", "h2c"), Field::httpVersion).find("this URL is https://: use HTTP/2 (--http2)"),
              std::string::npos);
    // No URL yet: the URL's own message, not one about the version.
    EXPECT_EQ(messageFor(protocol("", "2"), Field::httpVersion), "");
}

// Streams: 1 to 1000, more than one only with HTTP/2 and keep-alive.
TEST(RunSpec, streamsNeedHttp2AndKeepAlive) {
    EXPECT_EQ(protocol("https://h/", "2", "10").spec.streams, 10u);
    EXPECT_EQ(protocol("http://h/", "h2c", "1000").spec.streams, 1000u);
    EXPECT_EQ(protocol("https://h/", "auto", " 7 ").spec.streams, 7u);
    EXPECT_TRUE(protocol("http://h/", "", "1").ok());  // one stream is what HTTP/1.1 does anyway
    EXPECT_EQ(messageFor(protocol("https://h/", "2", "0"), Field::streams), "streams must be at least 1");
    EXPECT_EQ(messageFor(protocol("https://h/", "2", "1001"), Field::streams), "streams is too large (at most 1000)");
    EXPECT_EQ(messageFor(protocol("https://h/", "2", "many"), Field::streams), "streams must be a whole number, not 'many'");
    EXPECT_EQ(messageFor(protocol("http://h/", "", "2"), Field::streams),
              "more than one stream per connection needs HTTP/2 (--http2, --http2=auto or --h2c)");
    EXPECT_EQ(messageFor(protocol("https://h/", "2", "2", false), Field::streams),
              "with keep-alive off each connection sends one request: streams must be 1");
    EXPECT_TRUE(protocol("https://h/", "2", "1", false).ok());
    EXPECT_TRUE(isAdvanced(Field::httpVersion));
    EXPECT_TRUE(isAdvanced(Field::streams));
    EXPECT_STREQ(fieldName(Field::streams), "streams");
}
