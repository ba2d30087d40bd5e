// Several named requests in one run: checked against the run's defaults, sent by weight with
// exact counts, and reported, judged and recorded one by one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "Nginx.hpp"
#include "Request.hpp"
#include "Worker.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Plan.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;

namespace {

NamedRequestInput named(const std::string& name, const std::string& url, const std::string& weight = "") {
    NamedRequestInput r;
    r.name = name;
    r.url = url;
    r.weight = weight;
    return r;
}

RunInput runOf(const std::string& url, std::vector<NamedRequestInput> requests, const std::string& count = "100") {
    RunInput in;
    in.url = url;
    in.count = count;
    in.requests = std::move(requests);
    return in;
}

std::vector<ThresholdInput> thresholds(std::initializer_list<const char*> expressions) {
    std::vector<ThresholdInput> out;
    for (const char* e : expressions) out.push_back({e, false, {}});
    return out;
}

std::string messages(const Validation& v) {
    std::string all;
    for (const auto& e : v.errors) all += std::string(fieldName(e.field)) + ": " + e.message + "\n";
    return all;
}

bool says(const Validation& v, const std::string& text) {
    return std::any_of(v.errors.begin(), v.errors.end(), [&](const FieldError& e) {
        return e.field == Field::requests && e.message.find(text) != std::string::npos;
    });
}

}  // namespace

TEST(WeightedCycle, sendsEachRequestItsWeightPerCycleInterleaved) {
    const auto cycle = weightedCycle({3, 1, 1});
    ASSERT_EQ(cycle.size(), 5u);
    EXPECT_EQ(std::count(cycle.begin(), cycle.end(), 0), 3);
    EXPECT_EQ(std::count(cycle.begin(), cycle.end(), 1), 1);
    EXPECT_EQ(std::count(cycle.begin(), cycle.end(), 2), 1);
    EXPECT_EQ(weightedCycle({3, 1}), (std::vector<std::uint16_t>{0, 0, 1, 0}));  // smooth: not a, a, a, b
    EXPECT_EQ(weightedCycle({1, 1, 1}), (std::vector<std::uint16_t>{0, 1, 2}));  // equal weights: round-robin
}

TEST(NamedRequests, inheritTheRunsFieldsAndReplaceTheirOwn) {
    RunInput in = runOf("http://127.0.0.1:9/base?q=1", {named("home", ""), named("login", "/login?next=/", "3")});
    in.method = "GET";
    in.headers = {"X-Team: core", "Accept: text/html"};
    in.expectStatus = "200";
    in.requests[1].method = "post";
    in.requests[1].body = R"({"user":"a"})";
    in.requests[1].contentType = "application/json";
    in.requests[1].headers = {"accept: application/json"};
    in.requests[1].expectStatus = "201";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    ASSERT_EQ(v.spec.requests.size(), 2u);
    const RequestSpec& home = v.spec.requests[0];
    EXPECT_EQ(home.name, "home");
    EXPECT_EQ(home.method, "GET");
    EXPECT_EQ(home.requestTarget, "/base?q=1");
    EXPECT_EQ(home.weight, 1u);
    EXPECT_EQ(home.check.statuses, (std::vector<StatusRange>{{200, 200}}));
    const RequestSpec& login = v.spec.requests[1];
    EXPECT_EQ(login.method, "POST");
    EXPECT_EQ(login.requestTarget, "/login?next=/");
    EXPECT_EQ(login.weight, 3u);
    EXPECT_EQ(login.check.statuses, (std::vector<StatusRange>{{201, 201}}));
    // The run's Accept is replaced by the request's own (names compare without case); X-Team stays.
    const std::string bytes = serializeRequest(v.spec, login, login.requestTarget, false);
    EXPECT_EQ(bytes.rfind("POST /login?next=/ HTTP/1.1\r\n", 0), 0u) << bytes;
    EXPECT_NE(bytes.find("\r\nX-Team: core\r\n"), std::string::npos);
    EXPECT_NE(bytes.find("\r\naccept: application/json\r\n"), std::string::npos);
    EXPECT_EQ(bytes.find("text/html"), std::string::npos);
    EXPECT_NE(bytes.find("\r\nContent-Type: application/json\r\n"), std::string::npos);
    EXPECT_NE(bytes.find("\r\nContent-Length: 12\r\n\r\n{\"user\":\"a\"}"), std::string::npos) << bytes;
}

TEST(NamedRequests, takeTheServerFromAWholeUrlAndRefuseAnother) {
    RunInput in = runOf("", {named("a", "http://127.0.0.1:9/a"), named("b", "http://127.0.0.1:9/b?x")});
    Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    EXPECT_EQ(v.spec.target.port, 9);
    EXPECT_EQ(v.spec.requests[1].requestTarget, "/b?x");

    in.requests.push_back(named("c", "http://127.0.0.1:10/"));
    in.requests.push_back(named("d", "https://127.0.0.1:9/"));
    v = validate(in);
    EXPECT_TRUE(says(v, "request 'c': 'http://127.0.0.1:10/' is not on the run's scheme, host and port (http://127.0.0.1:9)"))
        << messages(v);
    EXPECT_TRUE(says(v, "request 'd': 'https://127.0.0.1:9/' is not on the run's scheme, host and port")) << messages(v);
}

TEST(NamedRequests, needUniqueNamesWeightsAndValidFields) {
    NamedRequestInput bad = named("", "/x");
    bad.method = "TWO WORDS";
    NamedRequestInput both = named("both", "/y");
    both.body = "a";
    both.bodyFile = "/etc/hostname";
    const Validation v = validate(runOf("http://127.0.0.1:9/", {named("same", "/"), named("same", "/2"), bad, both,
                                                               named("heavy", "/h", "1001"), named("zero", "/z", "0"),
                                                               named("{x}", "/b")}));
    EXPECT_TRUE(says(v, "request 'same': two requests are named 'same': names must differ")) << messages(v);
    EXPECT_TRUE(says(v, "request 'TWO WORDS /x': method must be a single word")) << messages(v);
    EXPECT_TRUE(says(v, "request 'both': give a body or a body file, not both")) << messages(v);
    EXPECT_TRUE(says(v, "request 'heavy': weight")) << messages(v);
    EXPECT_TRUE(says(v, "request 'zero': weight")) << messages(v);
    EXPECT_TRUE(says(v, "request '{x}': a name is one line of text without { or }")) << messages(v);

    // Unnamed requests are called by method and target; two alike must be told apart by name.
    const Validation twins = validate(runOf("http://127.0.0.1:9/", {named("", "/a"), named("", "/a")}));
    EXPECT_TRUE(says(twins, "two requests are named 'GET /a': names must differ (give each a name)")) << messages(twins);

    std::vector<NamedRequestInput> many(kMaxRequests + 1, named("", "/"));
    EXPECT_TRUE(says(validate(runOf("http://127.0.0.1:9/", many)), "too many requests: at most 100"));
}

// An unset variable holds back only its own request's checks: the others are still judged.
TEST(NamedRequests, nameTheirUnsetVariables) {
    NamedRequestInput login = named("login", "/login");
    login.headers = {"Authorization: Bearer ${SALVO_TEST_NEVER_SET}"};
    login.method = "TWO WORDS";  // not judged: its header's value is not known yet
    const Validation v = validate(runOf("http://127.0.0.1:9/", {named("home", "/"), login, named("home", "http://b/")}),
                                  [](const std::string&) { return std::optional<std::string>(); });
    ASSERT_EQ(v.errors.size(), 3u) << messages(v);
    EXPECT_TRUE(says(v, "request 'home': 'http://b/' is not on the run's scheme")) << messages(v);
    EXPECT_TRUE(says(v, "request 'home': two requests are named 'home'")) << messages(v);
    const FieldError& unset = v.errors.back();
    EXPECT_EQ(unset.field, Field::requests);
    EXPECT_TRUE(unset.unsetVariable);
    EXPECT_EQ(unset.request, 1);
    EXPECT_NE(unset.message.find("request 'login': header 'Authorization' uses ${SALVO_TEST_NEVER_SET}"),
              std::string::npos) << unset.message;
}

TEST(NamedRequests, refuseLongNamesControlBytesAndPathsThatAreNot) {
    const Validation v = validate(runOf("http://[::1]:9/", {named(std::string(101, 'n'), "/"), named("esc\x1b", "/"),
                                                           named("rel", "login"), named("twoSlashes", "//evil/x"),
                                                           named("v6", "http://[0:0::1]:9/same")}));
    EXPECT_TRUE(says(v, "the name is too long (at most 100 bytes)")) << messages(v);
    EXPECT_TRUE(says(v, "request 'esc\x1b': a name is one line of text")) << messages(v);
    EXPECT_TRUE(says(v, "request 'rel': 'login' must be a path that starts with one /")) << messages(v);
    EXPECT_TRUE(says(v, "request 'twoSlashes': '//evil/x' must be a path")) << messages(v);
    EXPECT_EQ(v.errors.size(), 4u) << messages(v);  // [0:0::1] is [::1]
}

// The body goes with the method; a Content-Type header and content_type replace each other.
TEST(NamedRequests, inheritTheRunsBodyFileOnlyWithItsMethod) {
    const std::string file = ::testing::TempDir() + "salvo-named-body.json";
    std::ofstream(file) << R"({"cart": 1})";
    RunInput in = runOf("http://127.0.0.1:9/", {named("again", "/a"), named("browse", "/b"), named("plain", "/c")});
    in.method = "POST";
    in.bodyFile = file;
    in.contentType = "application/json";
    in.requests[1].method = "GET";
    in.requests[2].headers = {"content-type: text/plain"};
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    EXPECT_EQ(v.spec.requests[0].body, R"({"cart": 1})");
    EXPECT_EQ(v.spec.requests[0].bodyFile, file);
    EXPECT_EQ(v.spec.requests[1].method, "GET");
    EXPECT_EQ(v.spec.requests[1].body, "");
    const auto bytes = [&](std::size_t i) {
        return serializeRequest(v.spec, v.spec.requests[i], v.spec.requests[i].requestTarget, false);
    };
    EXPECT_EQ(bytes(1).find("Content-Type"), std::string::npos) << bytes(1);
    EXPECT_EQ(bytes(1).find("Content-Length"), std::string::npos) << bytes(1);
    EXPECT_NE(bytes(2).find("\r\ncontent-type: text/plain\r\n"), std::string::npos) << bytes(2);
    EXPECT_EQ(bytes(2).find("application/json"), std::string::npos) << bytes(2);
    EXPECT_NE(bytes(2).find("\r\n\r\n{\"cart\": 1}"), std::string::npos) << bytes(2);
    std::remove(file.c_str());
}

TEST(NamedRequests, thresholdsNameARequestOfThePlan) {
    RunInput in = runOf("http://127.0.0.1:9/", {named("home", "/"), named("login", "/login")});
    in.requests[1].expectStatus = "200";
    in.thresholds = thresholds({"p(99){request:login}<200ms", "checks_failed{request:login}==0"});
    Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    EXPECT_EQ(v.spec.thresholds[0].request, "login");

    in.thresholds = thresholds({"p(99){request:logout}<200ms", "dropped{request:home}==0", "checks_failed{request:home}==0"});
    v = validate(in);
    ASSERT_EQ(v.errors.size(), 3u) << messages(v);
    EXPECT_EQ(v.errors[0].message,
              "threshold 'p(99){request:logout}<200ms': there is no request named 'logout' (this plan's requests: home, login)");
    EXPECT_NE(v.errors[1].message.find("dropped counts the whole run's schedule"), std::string::npos);
    EXPECT_NE(v.errors[2].message.find("there are no checks to fail"), std::string::npos);

    // The run's checks are only the requests' defaults: when every request sets them aside,
    // there is nothing left to fail.
    in.expectStatus = "200";
    in.requests[1].expectStatus = "";
    in.requests[0].expectStatus = "";
    in.thresholds = thresholds({"checks_failed==0"});
    v = validate(in);
    ASSERT_EQ(v.errors.size(), 1u) << messages(v);
    EXPECT_NE(v.errors[0].message.find("there are no checks to fail"), std::string::npos);
    in.requests[0].expectStatus.reset();  // home takes the run's check again
    EXPECT_TRUE(validate(in).ok());
}

// Every request of a count run goes out once, in weight order, over any mix of threads and
// connections: each name's count is exact, and nginx saw each path exactly that often.
TEST(NamedRequests, countsFollowTheWeightsExactlyAsTheServerSawThem) {
    test::Nginx nginx;
    NamedRequestInput search = named("search", "/search?q=salvo", "1");
    NamedRequestInput order = named("order", "/order", "1");
    order.method = "POST";
    order.body = "{}";
    RunInput in = runOf(nginx.url("/"), {named("home", "", "3"), search, order}, "1000");
    in.connections = "7";
    in.threads = "2";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunResult r = runBlocking(v.spec);
    ASSERT_EQ(r.outcome, Outcome::finished) << r.message;
    ASSERT_EQ(r.requestNames, (std::vector<std::string>{"home", "search", "order"}));
    EXPECT_EQ(r.requests[0].succeeded, 600u);
    EXPECT_EQ(r.requests[1].succeeded, 200u);
    EXPECT_EQ(r.requests[2].succeeded, 200u);
    std::uint64_t sent = 0, latencies = 0;
    for (const Tally& t : r.requests) sent += t.sent, latencies += t.latency.count();
    EXPECT_EQ(sent, r.total.sent);
    EXPECT_EQ(latencies, r.total.latency.count());
    std::map<std::string, std::size_t> seen;
    for (const auto& line : nginx.uriLog(1000)) ++seen[line];
    EXPECT_EQ(seen, (std::map<std::string, std::size_t>{
                        {"GET / 200", 600}, {"GET /search?q=salvo 200", 200}, {"POST /order 200", 200}}));
}

// With a rate, the schedule's global index picks the request, so the open model splits the
// same way; statuses, checks and latency land under each request's own name.
TEST(NamedRequests, openModelRunsSplitByRequestWithTheirOwnChecks) {
    LocalTarget server;
    NamedRequestInput missing = named("missing", "/nope", "1");
    missing.expectStatus = "404";
    RunInput in = runOf(server.url("/"), {named("home", "/", "2"), missing, named("broken", "/status/503", "1")}, "400");
    in.rate = "4000";
    in.connections = "4";
    in.thresholds = thresholds({"error_rate{request:missing}==0", "status_5xx{request:broken}==100", "failed{request:home}>0"});
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunResult r = runBlocking(v.spec);
    ASSERT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.requests[0].statusCounts, (std::map<int, std::uint64_t>{{200, 200}}));
    EXPECT_EQ(r.requests[1].statusCounts, (std::map<int, std::uint64_t>{{404, 100}}));
    EXPECT_EQ(r.requests[1].succeeded, 100u);  // 404 is what its check expects
    EXPECT_EQ(r.requests[2].failed, 100u);
    EXPECT_EQ(r.requests[1].serviceTime.count(), 100u);
    ASSERT_EQ(r.thresholds.size(), 3u);
    EXPECT_EQ(r.thresholds[0].state, ThresholdState::passed) << r.thresholds[0].measured;
    EXPECT_EQ(r.thresholds[1].state, ThresholdState::passed) << r.thresholds[1].measured;
    EXPECT_EQ(r.thresholds[1].metric, "status_5xx{request:broken}");
    EXPECT_EQ(r.thresholds[2].state, ThresholdState::failed);  // home never failed: 0 > 0 does not hold

    std::ostringstream text;
    writeTextReport(r, text);
    EXPECT_NE(text.str().find("By request:\n  home     200 completed, 200 succeeded, 0 failed (0.0%)"), std::string::npos)
        << text.str();
    const auto json = reportJson(r);
    const auto& byRequest = json.at("by_request").as_array();
    ASSERT_EQ(byRequest.size(), 3u);
    EXPECT_EQ(byRequest[2].at("name").as_string(), "broken");
    EXPECT_EQ(byRequest[2].at("status").at("503").to_number<std::uint64_t>(), 100u);
    EXPECT_EQ(byRequest[2].at("errors").at("status").to_number<std::uint64_t>(), 100u);
}

// Without a rate, threads and connections run at their own pace: the mix still holds, since
// every request taken is the cycle's next, whichever thread takes it.
TEST(NamedRequests, aTimedRunKeepsTheMixAcrossThreadsOfDifferentPace) {
    LocalTarget server;
    RunInput in = runOf(server.url("/"), {named("fast", "/"), named("slow", "/delay/20")}, "");
    in.duration = "1s";
    in.connections = "2";
    in.threads = "2";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunResult r = runBlocking(v.spec);
    ASSERT_EQ(r.outcome, Outcome::finished) << r.message;
    const auto fast = static_cast<std::int64_t>(r.requests[0].sent), slow = static_cast<std::int64_t>(r.requests[1].sent);
    EXPECT_GT(slow, 10);
    EXPECT_LE(std::abs(fast - slow), 3) << fast << " fast, " << slow << " slow";  // at most one pick and a ticket per connection apart
}

// The breakdown covers what the totals cover: after the warm-up.
TEST(NamedRequests, theBreakdownLeavesTheWarmupOutAsTheTotalsDo) {
    LocalTarget server;
    RunInput in = runOf(server.url("/"), {named("a", "/", "2"), named("b", "/status/404")}, "");
    in.rate = "1000";
    in.duration = "600ms";
    in.warmup = "300ms";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunResult r = runBlocking(v.spec);
    ASSERT_GT(r.warmup.completed(), 100u);
    std::uint64_t completed = 0, sent = 0, failed = 0;
    for (const Tally& t : r.requests) completed += t.completed(), sent += t.sent, failed += t.failed;
    EXPECT_EQ(completed, r.total.completed());
    EXPECT_EQ(sent, r.total.sent);
    EXPECT_EQ(failed, r.total.failed);
    EXPECT_EQ(r.requests[1].failed, r.total.failed);
}

// A redirect chain belongs to the request it started from.
TEST(NamedRequests, followRedirectsFromTheirOwnTarget) {
    LocalTarget server;
    RunInput in = runOf(server.url("/"), {named("home", "/"), named("hops", "/redirect/2")}, "20");
    in.redirects = "3";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunResult r = runBlocking(v.spec);
    EXPECT_EQ(r.requests[1].statusCounts, (std::map<int, std::uint64_t>{{200, 10}}));
    EXPECT_EQ(r.requests[1].errorCount(ErrorKind::redirect), 0u);
    EXPECT_EQ(server.requestsServed(), 40u);  // 10 to home, 10 x 3 hops
}

TEST(NamedRequests, recordsKeepEachRequestAndHideItsSecrets) {
    LocalTarget server;
    NamedRequestInput login = named("login", "/login");
    login.headers = {"Authorization: Bearer secret-token"};
    login.body = "password=hunter2";
    login.method = "POST";
    const Validation v = validate(runOf(server.url("/"), {named("home", "/", "3"), login}, "40"));
    ASSERT_TRUE(v.ok()) << messages(v);
    const RunRecord record = makeRecord(v.spec, runBlocking(v.spec), std::chrono::system_clock::now(), false);
    std::ostringstream text;
    writeRecord(record, text);
    EXPECT_EQ(text.str().find("secret-token"), std::string::npos);
    EXPECT_EQ(text.str().find("hunter2"), std::string::npos);
    const RecordRead read = readRecord(text.str());
    ASSERT_TRUE(read.record) << read.error;
    const RunResult& back = read.record->result;
    EXPECT_EQ(back.requestNames, record.result.requestNames);
    ASSERT_EQ(back.requests.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(back.requests[i].statusCounts, record.result.requests[i].statusCounts);
        EXPECT_EQ(back.requests[i].sent, record.result.requests[i].sent);
        EXPECT_EQ(back.requests[i].latency, record.result.requests[i].latency);
    }
    const auto& spec = read.record->spec.at("requests").as_array();
    EXPECT_EQ(spec[1].at("name").as_string(), "login");
    EXPECT_EQ(spec[1].at("target").as_string(), "/login");
    EXPECT_EQ(spec[0].at("weight").to_number<std::uint64_t>(), 3u);
}

TEST(NamedRequestPlans, readWhatEachRequestGivesAndWriteItBack) {
    const char* text = R"(
[request]
url = "http://127.0.0.1:9/"
method = "GET"
headers = ["X-Team: core"]

[[requests]]
name = "home"
weight = 3

[[requests]]
name = "login"
url = "/login"
method = "POST"
body = ""
headers = { Authorization = "Bearer ${TOKEN}" }
expect_status = [200, "3xx"]
)";
    const PlanRead read = readPlan(text, "/plans/p.toml");
    ASSERT_TRUE(read.errors.empty()) << read.errors.front().text();
    const auto& requests = read.plan.input.requests;
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].weight, "3");
    EXPECT_FALSE(requests[0].method);  // not given: the run's
    EXPECT_TRUE(requests[0].headers.empty());
    EXPECT_EQ(requests[1].method, "POST");
    EXPECT_EQ(requests[1].body, "");  // given empty: no body, whatever the run's
    EXPECT_EQ(requests[1].headers, (std::vector<std::string>{"Authorization: Bearer ${TOKEN}"}));
    EXPECT_EQ(requests[1].expectStatus, "200,3xx");
    EXPECT_FALSE(requests[1].bodyFile);
    EXPECT_EQ(read.places.at(Field::requests).line, 7);
    EXPECT_EQ(unsetVariables(read.plan.input), (std::vector<std::string>{"TOKEN"}));

    const PlanRead again = readPlan(writePlan(read.plan), "/plans/p.toml");
    ASSERT_TRUE(again.errors.empty()) << again.errors.front().text();
    EXPECT_EQ(again.plan.input, read.plan.input);
}

TEST(NamedRequestPlans, badTablesSayWhereAndWhat) {
    const PlanRead unknown = readPlan("[request]\nurl = \"http://a/\"\n[[requests]]\nname = \"a\"\nwieght = 2\n", "p.toml");
    ASSERT_EQ(unknown.errors.size(), 1u);
    EXPECT_EQ(unknown.errors[0].text(),
              "p.toml:5:1: requests[0].wieght: unknown key (known here: name, url, method, headers, body, body_file, "
              "content_type, weight, expect_status, expect_body, expect_body_regex)");
    const PlanRead notTables = readPlan("requests = [\"/a\"]\n", "p.toml");
    ASSERT_EQ(notTables.errors.size(), 1u);
    EXPECT_NE(notTables.errors[0].text().find("p.toml:1:12: requests: must be tables: [[requests]]"), std::string::npos)
        << notTables.errors[0].text();
    // A problem with one request's values is placed at its own [[requests]] table.
    const PlanRead plan = readPlan("[request]\nurl = \"http://a/\"\n\n[[requests]]\nname = \"a\"\n"
                                   "[[requests]]\nname = \"b\"\nweight = 0\n", "p.toml");
    const auto placed = placeErrors(plan, validate(plan.plan.input).errors);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].text().rfind("p.toml:6:1: requests[1]: request 'b': weight", 0), 0u) << placed[0].text();
}

// Checking as a person types looks at body files without reading them; a run reads them.
TEST(NamedRequests, checkingWithoutReadingBodyFilesFindsTheSameProblems) {
    const std::string file = ::testing::TempDir() + "salvo-named-quick.json";
    std::ofstream(file) << "{\"quick\": true}";
    NamedRequestInput own = named("own", "/own");
    own.method = "POST";
    own.bodyFile = file;
    NamedRequestInput missing = named("missing", "/m");
    missing.bodyFile = ::testing::TempDir() + "salvo-no-such-body.json";
    RunInput in = runOf("http://127.0.0.1:9/", {own, named("inherits", "/i")});
    in.method = "PUT";
    in.bodyFile = file;
    const ValidateOptions quick{.readBodyFiles = false};
    const Validation looked = validate(in, environmentVariable, quick);
    ASSERT_TRUE(looked.ok()) << messages(looked);
    EXPECT_EQ(looked.spec.body, "");
    EXPECT_EQ(looked.spec.requests[0].body, "");
    EXPECT_EQ(looked.spec.requests[0].bodyFile, file);
    const Validation read = validate(in);
    EXPECT_EQ(read.spec.requests[0].body, "{\"quick\": true}");
    EXPECT_EQ(read.spec.requests[1].body, "{\"quick\": true}");

    in.requests.push_back(missing);
    const Validation both[] = {validate(in, environmentVariable, quick), validate(in)};
    for (const Validation& v : both) {
        ASSERT_EQ(v.errors.size(), 1u) << messages(v);
        EXPECT_NE(v.errors[0].message.find("request 'missing': body file"), std::string::npos) << messages(v);
        EXPECT_NE(v.errors[0].message.find("cannot be read"), std::string::npos) << messages(v);
    }
    std::remove(file.c_str());
}
