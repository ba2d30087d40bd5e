// The quick response head (engine/src/ResponseHead.hpp): the heads it reads itself, the ones it
// leaves to Beast's parser, and Beast's agreement with every head it reads (on nginx's own head,
// and on many thousands of variations of it).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "QuickHeadOracle.hpp"
#include "ResponseHead.hpp"

using salvo::QuickHead;
using salvo::scanQuickHead;

namespace {

// What nginx 1.22 answered this session's benchmark (11-byte index.html), byte for byte.
const std::string kNginxHead =
    "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Fri, 27 Nov 2026 04:26:45 GMT\r\n"
    "Content-Type: text/html\r\nContent-Length: 11\r\nLast-Modified: Fri, 27 Nov 2026 04:22:33 GMT\r\n"
    "Connection: keep-alive\r\nETag: \"6b090589-b\"\r\nAccept-Ranges: bytes\r\n\r\n";
constexpr std::size_t kLimit = 8192;

std::string nginxWith(const std::string& field, const std::string& replacement) {
    std::string head = kNginxHead;
    const auto at = head.find(field);
    EXPECT_NE(at, std::string::npos) << field;
    return head.replace(at, field.size(), replacement);
}

bool quick(const std::string& bytes, QuickHead& head, std::size_t limit = kLimit) {
    return scanQuickHead(bytes, limit, head, nullptr);
}

}  // namespace

TEST(ResponseHead, readsNginxsHeadAndLeavesTheBodyAfterIt) {
    QuickHead head;
    ASSERT_TRUE(quick(kNginxHead + "hello world", head));
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.contentLength, 11u);
    EXPECT_TRUE(head.keepAlive);
    EXPECT_EQ(head.size, kNginxHead.size());
    EXPECT_EQ(salvo::test::quickHeadDisagreement(kNginxHead + "hello world", kLimit, head, nullptr), "");
}

TEST(ResponseHead, fieldNamesIgnoreCaseAndValuesTheirSurroundingSpace) {
    QuickHead head;
    ASSERT_TRUE(quick(nginxWith("Content-Length: 11", "cONTENT-lENGTH:\t 4096 \t"), head));
    EXPECT_EQ(head.contentLength, 4096u);
    ASSERT_TRUE(quick(nginxWith("Connection: keep-alive", "CONNECTION: Close"), head));
    EXPECT_FALSE(head.keepAlive);
    ASSERT_TRUE(quick(nginxWith("Connection: keep-alive\r\n", ""), head));
    EXPECT_TRUE(head.keepAlive) << "HTTP/1.1 keeps the connection unless told otherwise";
    ASSERT_TRUE(quick(nginxWith("200 OK", "503 "), head)) << "an empty reason phrase";
    EXPECT_EQ(head.status, 503);
}

TEST(ResponseHead, keepsLocationOnlyWhenAskedAndClearsAStaleOne) {
    const std::string bytes = nginxWith("200 OK", "302 Found").insert(20, "Location:  /next?a=1 \r\n");
    QuickHead head;
    std::string location = "stale";
    ASSERT_TRUE(scanQuickHead(bytes, kLimit, head, &location));
    EXPECT_EQ(location, "/next?a=1");
    EXPECT_EQ(salvo::test::quickHeadDisagreement(bytes, kLimit, head, &location), "");
    ASSERT_TRUE(scanQuickHead(kNginxHead, kLimit, head, &location));
    EXPECT_EQ(location, "");
}

// Everything else is Beast's to read: the errors keep Beast's wording and the corners its rules.
TEST(ResponseHead, leavesEveryOtherHeadToBeast) {
    const std::vector<std::pair<const char*, std::string>> others = {
        {"incomplete", kNginxHead.substr(0, kNginxHead.size() - 1)},
        {"HTTP/1.0", nginxWith("HTTP/1.1", "HTTP/1.0")},
        {"1xx", nginxWith("200 OK", "103 Early Hints")},
        {"204", nginxWith("200 OK", "204 No Content")},
        {"304", nginxWith("200 OK", "304 Not Modified")},
        {"not a status", nginxWith("200 OK", "000 OK")},
        {"no space after the status", nginxWith("200 OK", "200")},
        {"chunked", nginxWith("Content-Length: 11", "Transfer-Encoding: chunked")},
        {"no length (read to the close)", nginxWith("Content-Length: 11\r\n", "")},
        {"two lengths", nginxWith("Content-Length: 11", "Content-Length: 11\r\nContent-Length: 11")},
        {"a list of lengths", nginxWith("Content-Length: 11", "Content-Length: 11, 11")},
        {"a signed length", nginxWith("Content-Length: 11", "Content-Length: +11")},
        {"an empty length", nginxWith("Content-Length: 11", "Content-Length: ")},
        {"obs-fold", nginxWith("Server: nginx/1.22.1\r\n", "Server: nginx/1.22.1\r\n (folded)\r\n")},
        {"bare LF", nginxWith("Server: nginx/1.22.1\r\n", "Server: nginx/1.22.1\n")},
        {"space before the colon", nginxWith("Server:", "Server :")},
        {"empty name", nginxWith("Server:", ":")},
        {"a control byte in a value", nginxWith("nginx/1.22.1", std::string("nginx\x01", 6))},
        {"DEL in the reason", nginxWith("200 OK", "200 O\x7f")},
        {"Connection: a list", nginxWith("Connection: keep-alive", "Connection: keep-alive, Upgrade")},
        {"Upgrade", nginxWith("Server:", "Upgrade: h2c\r\nServer:")},
        {"Proxy-Connection", nginxWith("Server:", "Proxy-Connection: close\r\nServer:")},
    };
    for (const auto& [what, bytes] : others) {
        QuickHead head;
        EXPECT_FALSE(quick(bytes, head)) << what;
    }
    QuickHead head;
    EXPECT_FALSE(quick(kNginxHead, head, kNginxHead.size())) << "a head as long as the limit";
    EXPECT_TRUE(quick(kNginxHead, head, kNginxHead.size() + 1));
}

// nginx's head (and body) with 1-3 random edits: bytes replaced, inserted or removed, tricky
// pieces and whole fields added.
std::string varied(std::mt19937& random) {
    static const std::vector<std::string> tricky = {"\t", " ", ":", "\r", "\n", "\r\n", "\r\n ", ",", "0",
                                                   "18446744073709551616", "chunked", "close", "keep-alive", "Close",
                                                   "content-length", "Content-Length", "Transfer-Encoding",
                                                   "Connection", "Location", "\x80", "\xff", "\x7f", "HTTP/1.1 ",
                                                   "100", "204"};
    static const std::vector<std::string> fields = {"Connection: close\r\n", "Connection: keep-alive\r\n",
                                                    "Content-Length: 5\r\n", "Content-Length: 11\r\n",
                                                    "Transfer-Encoding: chunked\r\n", "Location: /x \r\n",
                                                    "X-Empty:\r\n", "Upgrade: websocket\r\n"};
    std::string bytes = kNginxHead + "hello world";
    for (int edits = 1 + int(random() % 3); edits > 0; --edits) {
        const std::size_t at = random() % bytes.size();
        const std::string& piece = tricky[random() % tricky.size()];
        switch (random() % 4) {
            case 0: bytes.replace(at, 1 + random() % 4, piece); break;
            case 1: bytes.insert(at, piece); break;
            case 2: bytes.erase(at, 1 + random() % 3); break;
            default:  // a whole field, after the status line
                bytes.insert(bytes.find("\r\n") + 2, fields[random() % fields.size()]);
        }
    }
    return bytes;
}

// The property FuzzResponse checks on every input, here on 50,000 seeded variations of nginx's
// head: whenever the scan reads a head, Beast agrees with everything it read.
TEST(ResponseHead, beastAgreesWithEveryHeadTheScanReads) {
    std::mt19937 random(20261127);
    int read = 0;
    for (int i = 0; i < 50000; ++i) {
        const std::string bytes = varied(random);
        QuickHead head;
        std::string location;
        if (!scanQuickHead(bytes, kLimit, head, &location)) continue;
        ++read;
        ASSERT_EQ(salvo::test::quickHeadDisagreement(bytes, kLimit, head, &location), "") << bytes;
    }
    EXPECT_GT(read, 1000) << "the variations should still leave many heads for the scan";
}

// A connection's cache of its last head answers exactly as the scan would, whatever follows:
// the same head again (with any body), a varied one, a cut-off one, the same bytes under a
// limit they exceed.
TEST(ResponseHead, theLastHeadsCacheReadsEverythingAsTheScanDoes) {
    std::mt19937 random(20261128);
    salvo::QuickHeadCache cache;
    std::string last = kNginxHead;  // the newest head the scan accepted
    for (int i = 0; i < 20000; ++i) {
        std::string bytes;
        switch (random() % 5) {
            case 0: bytes = varied(random); break;
            case 1: bytes = last.substr(0, random() % last.size()); break;  // not all of it came
            case 2: bytes = last + std::string(random() % 3, 'x') + varied(random); break;
            default: bytes = last + "hello world";
        }
        const std::size_t limit = random() % 8 ? kLimit : 100 + random() % 300;
        QuickHead expected, got;
        const bool scanned = scanQuickHead(bytes, limit, expected, nullptr);
        ASSERT_EQ(cache.read(bytes, limit, got), scanned) << bytes;
        if (!scanned) continue;
        ASSERT_EQ(got.status, expected.status) << bytes;
        ASSERT_EQ(got.contentLength, expected.contentLength) << bytes;
        ASSERT_EQ(got.keepAlive, expected.keepAlive) << bytes;
        ASSERT_EQ(got.size, expected.size) << bytes;
        last = bytes.substr(0, expected.size);
    }
    EXPECT_GT(cache.hits(), 5000u) << "repeated heads should be answered by the comparison";
}
