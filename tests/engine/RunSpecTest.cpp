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
