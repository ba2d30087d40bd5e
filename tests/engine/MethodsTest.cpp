// Every method against real servers: each request gets its response (HEAD's carries no body),
// and the counts equal what the server logged.
#include <gtest/gtest.h>

#include <algorithm>

#include "Nginx.hpp"
#include "Specs.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;

namespace {

RunSpec methodSpec(const std::string& url, const std::string& method, std::uint64_t count) {
    const bool withBody = method == "POST" || method == "PUT" || method == "PATCH";
    // Built whole: assigning literals member by member trips a false GCC 12 -Wrestrict warning.
    const RunInput in{.url = url, .count = std::to_string(count), .connections = std::string("3"),
                      .timeoutSeconds = std::string("5"), .method = method, .headers = {},
                      .body = withBody ? std::string("a=1&b=2") : std::string(), .caFile = {}};
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok());
    return v.spec;
}

}  // namespace

class NginxMethods : public ::testing::TestWithParam<const char*> {};

TEST_P(NginxMethods, everyRequestIsAnsweredAndLoggedOnce) {
    const std::string method = GetParam();
    test::Nginx nginx;
    const std::uint64_t count = 30;
    const RunResult r = runBlocking(methodSpec(nginx.url(), method, count));
    // nginx refuses TRACE itself (405); every other method reaches `return 200`.
    const int status = method == "TRACE" ? 405 : 200;
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.completed(), count);
    EXPECT_EQ(r.total.statusCounts.count(status) ? r.total.statusCounts.at(status) : 0, count)
        << (r.total.errorSamples.empty() ? "" : r.total.errorSamples.front());
    EXPECT_EQ(r.total.errorCount(ErrorKind::timeout), 0u);
    EXPECT_EQ(r.total.unsolicited, 0u);
    const auto log = nginx.accessLog(count);
    EXPECT_EQ(log.size(), count);
    EXPECT_EQ(static_cast<std::uint64_t>(std::count(log.begin(), log.end(), method + " " + std::to_string(status))), count);
}

INSTANTIATE_TEST_SUITE_P(EveryMethod, NginxMethods,
                         ::testing::Values("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"),
                         [](const auto& method) { return std::string(method.param); });

// HEAD on the built-in target: the head announces the body's length, and no body follows.
TEST(LocalTargetMethods, headGetsTheHeadWithoutABody) {
    LocalTarget server;
    const RunResult get = runBlocking(methodSpec(server.url("/bytes/5000"), "GET", 10));
    const RunResult head = runBlocking(methodSpec(server.url("/bytes/5000"), "HEAD", 10));
    EXPECT_EQ(head.total.succeeded, 10u);
    EXPECT_EQ(head.total.unsolicited, 0u);
    EXPECT_EQ(get.total.bytesReceived - head.total.bytesReceived, 10u * 5000);
    EXPECT_EQ(server.requestsServed(), 20u);
}
