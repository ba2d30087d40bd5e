#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "salvo/Plan.hpp"

using namespace salvo;
namespace fs = std::filesystem;

namespace {

const char* const kFull = R"(# A plan with every key
name = "Checkout"
description = "The checkout API at its expected peak"

[request]
url = "https://shop.test:8443/api/checkout?cart=1"
method = "POST"
headers = ["Content-Type: application/json", "Authorization: Bearer ${SHOP_TOKEN}", "X-A: 1", "X-A: 2"]
body = '{"items": 3}'
timeout = "2.5s"
max_header_size = "64k"
http = "2"

[load]
duration = "1m"
start_rate = 5
stages = [{ duration = "30s", target = 100 }, "30s:100", { duration = 10, target = 0.5 }]
connections = 20
streams = 10
max_connections = 200
threads = 2
warmup = "5s"
grace = "2s"
arrival = "poisson"
seed = 7

[tls]
ca_file = "certs/ca.pem"
insecure = true

[thresholds]
require = [
  "p(99)<250ms",
  { threshold = "error_rate<10%", abort_on_fail = true, delay_abort_eval = "10s" },
]
)";

std::string problems(const PlanRead& read) {
    std::string all;
    for (const auto& p : read.errors) all += p.text() + "\n";
    return all;
}

// The one error a plan gives.
PlanProblem only(const std::string& text) {
    const PlanRead read = readPlan(text, "/plans/p.toml");
    EXPECT_EQ(read.errors.size(), 1u) << problems(read);
    return read.errors.empty() ? PlanProblem{} : read.errors.front();
}

}  // namespace

TEST(Plan, readsEveryKeyAsTheFormWouldHoldIt) {
    const PlanRead read = readPlan(kFull, "/plans/checkout.toml");
    ASSERT_TRUE(read.ok()) << problems(read);
    const Plan& p = read.plan;
    EXPECT_EQ(p.name, "Checkout");
    EXPECT_EQ(p.description, "The checkout API at its expected peak");
    const RunInput& in = p.input;
    EXPECT_EQ(in.url, "https://shop.test:8443/api/checkout?cart=1");
    EXPECT_EQ(in.method, "POST");
    EXPECT_EQ(in.headers, (std::vector<std::string>{"Content-Type: application/json",
                                                   "Authorization: Bearer ${SHOP_TOKEN}", "X-A: 1", "X-A: 2"}));
    EXPECT_EQ(in.body, R"({"items": 3})");
    EXPECT_EQ(in.timeoutSeconds, "2.5");
    EXPECT_EQ(in.maxHeaderSize, "64k");
    EXPECT_EQ(in.httpVersion, "2");
    EXPECT_EQ(in.streams, "10");
    EXPECT_EQ(in.duration, "1m");
    EXPECT_EQ(in.startRate, "5");
    EXPECT_EQ(in.stages, (std::vector<std::string>{"30s:100", "30s:100", "10:0.5"}));
    EXPECT_EQ(in.connections, "20");
    EXPECT_EQ(in.maxConnections, "200");
    EXPECT_EQ(in.threads, "2");
    EXPECT_EQ(in.warmup, "5s");
    EXPECT_EQ(in.grace, "2s");
    EXPECT_EQ(in.arrival, "poisson");
    EXPECT_EQ(in.seed, "7");
    EXPECT_EQ(in.caFile, "certs/ca.pem");  // as written; validate() reads it from the plan's folder
    EXPECT_TRUE(in.insecure);
    EXPECT_EQ(in.baseDir, "/plans");
    ASSERT_EQ(in.thresholds.size(), 2u);
    EXPECT_EQ(in.thresholds[0], (ThresholdInput{"p(99)<250ms", false, {}}));
    EXPECT_EQ(in.thresholds[1], (ThresholdInput{"error_rate<10%", true, "10s"}));
}

TEST(Plan, headersMayBeATable) {
    const PlanRead read = readPlan("[request]\nurl = \"http://a/\"\nheaders = { Accept = \"*/*\", X-Id = \"7\" }\n", "p.toml");
    ASSERT_TRUE(read.ok()) << problems(read);
    EXPECT_EQ(read.plan.input.headers, (std::vector<std::string>{"Accept: */*", "X-Id: 7"}));
}

TEST(Plan, writtenPlanReadsBackTheSame) {
    PlanRead first = readPlan(kFull, "/plans/checkout.toml");
    ASSERT_TRUE(first.ok());
    const std::string text = writePlan(first.plan);
    const PlanRead again = readPlan(text, "/plans/checkout.toml");
    ASSERT_TRUE(again.ok()) << problems(again) << text;
    EXPECT_EQ(again.plan.name, first.plan.name);
    EXPECT_EQ(again.plan.description, first.plan.description);
    const RunInput& a = first.plan.input;
    const RunInput& b = again.plan.input;
    EXPECT_EQ(b.url, a.url);
    EXPECT_EQ(b.method, a.method);
    EXPECT_EQ(b.headers, a.headers);
    EXPECT_EQ(b.body, a.body);
    EXPECT_EQ(b.timeoutSeconds, a.timeoutSeconds);
    EXPECT_EQ(b.maxHeaderSize, a.maxHeaderSize);
    EXPECT_EQ(b.httpVersion, a.httpVersion);
    EXPECT_EQ(b.streams, a.streams);
    EXPECT_EQ(b.count, a.count);
    EXPECT_EQ(b.duration, a.duration);
    EXPECT_EQ(b.rate, a.rate);
    EXPECT_EQ(b.stages, a.stages);
    EXPECT_EQ(b.startRate, a.startRate);
    EXPECT_EQ(b.connections, a.connections);
    EXPECT_EQ(b.maxConnections, a.maxConnections);
    EXPECT_EQ(b.threads, a.threads);
    EXPECT_EQ(b.warmup, a.warmup);
    EXPECT_EQ(b.grace, a.grace);
    EXPECT_EQ(b.arrival, a.arrival);
    EXPECT_EQ(b.seed, a.seed);
    EXPECT_EQ(b.caFile, a.caFile);
    EXPECT_EQ(b.insecure, a.insecure);
    EXPECT_EQ(b.thresholds, a.thresholds);
}

// Whatever the form holds — odd text in number fields, quotes, line breaks, control
// characters — comes back as it was: the window's plan is what the person typed.
TEST(Plan, writerKeepsAnyTextAsTyped) {
    Plan plan;
    plan.name = "quote \" backslash \\ tab \t";
    plan.input.url = "http://127.0.0.1:8080/a?b=\"c\"";
    plan.input.count = "1e3";
    plan.input.connections = "007";
    plan.input.rate = "12.50";
    plan.input.duration = "-0";
    plan.input.body = "line 1\nline 2\r\n\x01\x7f end";
    plan.input.timeoutSeconds = " 30";
    plan.input.stages = {"10s:5", "no colon"};
    plan.input.thresholds = {{"p(99)<1s", false, "3s"}};
    const PlanRead read = readPlan(writePlan(plan), "p.toml");
    ASSERT_TRUE(read.ok()) << problems(read) << writePlan(plan);
    EXPECT_EQ(read.plan.name, plan.name);
    EXPECT_EQ(read.plan.input.url, plan.input.url);
    EXPECT_EQ(read.plan.input.count, "1e3");
    EXPECT_EQ(read.plan.input.connections, "007");
    EXPECT_EQ(read.plan.input.rate, "12.50");
    EXPECT_EQ(read.plan.input.duration, "-0");
    EXPECT_EQ(read.plan.input.body, plan.input.body);
    EXPECT_EQ(read.plan.input.timeoutSeconds, " 30");
    EXPECT_EQ(read.plan.input.stages, plan.input.stages);
    EXPECT_EQ(read.plan.input.thresholds, plan.input.thresholds);
}

TEST(Plan, badPlansNameFileLineColumnAndKey) {
    PlanProblem p = only("[load]\nrequests = \"many\nrate = 5\n");
    EXPECT_EQ(p.file, "/plans/p.toml");
    EXPECT_EQ(p.line, 2);
    EXPECT_GT(p.column, 0);
    EXPECT_TRUE(p.key.empty());  // a syntax error has no key yet

    p = only("[load]\nreqests = 100\n");
    EXPECT_EQ(p.text(), "/plans/p.toml:2:1: load.reqests: unknown key (known here: requests, duration, rate, "
                        "start_rate, stages, connections, streams, max_connections, threads, warmup, grace, arrival, seed)");
    p = only("[request]\nurl = 5\n");
    EXPECT_EQ(p.text(), "/plans/p.toml:2:7: request.url: must be a string");
    p = only("[load]\nrate = true\n");
    EXPECT_EQ(p.text(), "/plans/p.toml:2:8: load.rate: must be a number or a string");
    p = only("[tls]\ninsecure = \"yes\"\n");
    EXPECT_EQ(p.text(), "/plans/p.toml:2:12: tls.insecure: must be true or false");
    p = only("load = 5\n");
    EXPECT_EQ(p.key, "load");
    p = only("[load]\nstages = [{ duration = \"1s\" }]\n");
    EXPECT_EQ(p.key, "load.stages[0]");
    p = only("[thresholds]\nrequire = [{ threshold = \"p(99)<1s\", abort_on_fail = \"yes\" }]\n");
    EXPECT_EQ(p.key, "thresholds.require[0].abort_on_fail");
    p = only("[thresholds]\nrequire = [{ abort_on_fail = true }]\n");
    EXPECT_NE(p.message.find("needs threshold"), std::string::npos);
    p = only("[thresholds]\nrequire = \"p(99)<1s\"\n");
    EXPECT_EQ(p.key, "thresholds.require");
    p = only("thresholds = [\"p(99)<1s\"]\n");
    EXPECT_NE(p.message.find("[thresholds] with require"), std::string::npos);
    p = only("[request]\nheaders = 5\n");
    EXPECT_EQ(p.key, "request.headers");
    p = only("name = \"a\"\nname = \"b\"\n");  // toml++: a redefined key
    EXPECT_EQ(p.line, 2);
}

// The protocol sits with keep-alive in [request], the streams with the connections in [load]:
// written only when set, read back as they were, `http = 2` read as the text "2".
TEST(Plan, protocolAndStreamsRoundTripOnlyWhenSet) {
    Plan plan;
    plan.input.url = "http://127.0.0.1:8080/";
    EXPECT_EQ(writePlan(plan).find("http ="), std::string::npos) << writePlan(plan);
    EXPECT_EQ(writePlan(plan).find("streams"), std::string::npos) << writePlan(plan);
    for (const char* version : {"2", "auto", "h2c", "1.1"}) {
        plan.input.httpVersion = version;
        plan.input.streams = "10";
        const std::string text = writePlan(plan);
        EXPECT_NE(text.find("\nhttp = \"" + std::string(version) + "\"\n"), std::string::npos) << text;
        EXPECT_NE(text.find("\n[load]\nstreams = 10\n"), std::string::npos) << text;
        const PlanRead read = readPlan(text, "p.toml");
        ASSERT_TRUE(read.ok()) << problems(read) << text;
        EXPECT_EQ(read.plan.input.httpVersion, version);
        EXPECT_EQ(read.plan.input.streams, "10");
    }
    const PlanRead numbers = readPlan("[request]\nurl = \"https://a/\"\nhttp = 2\n[load]\nstreams = 4\n", "p.toml");
    ASSERT_TRUE(numbers.ok()) << problems(numbers);
    EXPECT_EQ(numbers.plan.input.httpVersion, "2");
    EXPECT_EQ(numbers.plan.input.streams, "4");
    EXPECT_EQ(readPlan("[request]\nhttp = 1.1\n", "p.toml").plan.input.httpVersion, "1.1");
}

// Wrong types are named where they stand; wrong values by validate(), placed at their key.
TEST(Plan, badProtocolAndStreamsAreNamedWithTheirPlace) {
    EXPECT_EQ(only("[request]\nhttp = true\n").text(), "/plans/p.toml:2:8: request.http: must be a number or a string");
    EXPECT_EQ(only("[load]\nstreams = [10]\n").text(), "/plans/p.toml:2:11: load.streams: must be a number or a string");
    EXPECT_NE(only("[load]\nstream = 10\n").message.find("connections, streams, max_connections"), std::string::npos);
    EXPECT_NE(only("[request]\nhttp2 = true\n").message.find("keepalive, http, connect_to"), std::string::npos);

    const PlanRead read = readPlan("[request]\nurl = \"http://127.0.0.1/\"\nhttp = \"2\"\n"
                                   "[load]\nrequests = 10\nstreams = 1001\n", "p.toml");
    ASSERT_TRUE(read.ok()) << problems(read);
    const auto placed = placeErrors(read, validate(read.plan.input).errors);
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_EQ(placed[0].text().rfind("p.toml:3:8: request.http: HTTP/2 is chosen over TLS (ALPN)", 0), 0u) << placed[0].text();
    EXPECT_EQ(placed[1].text(), "p.toml:6:11: load.streams: streams is too large (at most 1000)");
}

TEST(Plan, everyProblemIsListedNotJustTheFirst) {
    const PlanRead read = readPlan("[request]\nurl = 1\nmethod = 2\n[load]\nbogus = 3\n", "p.toml");
    EXPECT_EQ(read.errors.size(), 3u) << problems(read);
}

TEST(Plan, validateMessagesPointIntoThePlan) {
    const PlanRead read = readPlan("[request]\nurl = \"http://127.0.0.1/\"\n[load]\nrequests = 100\nrate = \"fast\"\n", "p.toml");
    ASSERT_TRUE(read.ok());
    const Validation v = validate(read.plan.input);
    ASSERT_FALSE(v.ok());
    const auto placed = placeErrors(read, v.errors);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].line, 5);
    EXPECT_EQ(placed[0].column, 8);
    EXPECT_EQ(placed[0].key, "load.rate");
    EXPECT_EQ(placed[0].text().rfind("p.toml:5:8: load.rate: ", 0), 0u) << placed[0].text();
}

TEST(Plan, placedErrorsFollowTheFile) {
    const PlanRead read = readPlan("[request]\nurl = \"http://127.0.0.1/\"\n[load]\nrate = \"x\"\nrequests = \"y\"\n"
                                   "[tls]\nca_file = \"/nonexistent.pem\"\ninsecure = true\n", "p.toml");
    ASSERT_TRUE(read.ok()) << problems(read);
    const auto placed = placeErrors(read, validate(read.plan.input).errors);
    ASSERT_EQ(placed.size(), 3u);
    EXPECT_EQ(placed[0].key, "load.rate");  // line 4, before line 5's requests though count comes first in the form
    EXPECT_EQ(placed[1].key, "load.requests");
    EXPECT_EQ(placed[2].key, "tls.ca_file");  // not insecure's line
    EXPECT_EQ(placed[2].line, 7);
}

TEST(Plan, variablesComeFromTheEnvironmentAndUnsetOnesAreNamed) {
    RunInput in;
    in.url = "http://${PLAN_TEST_HOST}:8080/";
    in.headers = {"Authorization: Bearer ${PLAN_TEST_TOKEN}", "X-Literal: $${NOT_A_VAR} and $5"};
    in.body = "${PLAN_TEST_TOKEN}";
    auto lookup = [](const std::string& name) -> std::optional<std::string> {
        if (name == "PLAN_TEST_HOST") return "127.0.0.1";
        if (name == "PLAN_TEST_TOKEN") return "s3cret";
        return std::nullopt;
    };
    Validation v = validate(in, lookup);
    ASSERT_TRUE(v.ok()) << v.errors.front().message;
    EXPECT_EQ(v.spec.target.url(), "http://127.0.0.1:8080/");
    EXPECT_EQ(v.spec.headers[0].second, "Bearer s3cret");
    EXPECT_EQ(v.spec.headers[1].second, "${NOT_A_VAR} and $5");
    EXPECT_EQ(v.spec.body, "s3cret");

    v = validate(in, [](const std::string&) { return std::nullopt; });
    ASSERT_EQ(v.errors.size(), 3u);
    EXPECT_EQ(v.errors[0].field, Field::url);  // one message naming the variable, not "bad URL"
    EXPECT_EQ(v.errors[0].message, "the URL uses ${PLAN_TEST_HOST}, but the environment variable PLAN_TEST_HOST is not set");
    EXPECT_EQ(v.errors[1].message,
              "header 'Authorization' uses ${PLAN_TEST_TOKEN}, but the environment variable PLAN_TEST_TOKEN is not set");
    EXPECT_EQ(v.errors[2].field, Field::body);

    ::setenv("PLAN_TEST_SET", "x", 1);
    ::unsetenv("PLAN_TEST_UNSET");
    in.url = "http://127.0.0.1/${PLAN_TEST_SET}/${PLAN_TEST_UNSET}";
    in.headers.clear();
    in.body.clear();
    EXPECT_EQ(unsetVariables(in), std::vector<std::string>{"PLAN_TEST_UNSET"});
}

TEST(Plan, relativeFilesAreReadFromThePlansFolder) {
    const fs::path dir = fs::temp_directory_path() / ("salvo-plan-" + std::to_string(getpid()));
    fs::create_directories(dir / "certs");
    std::ofstream(dir / "plan.toml") << "[request]\nurl = \"https://127.0.0.1/\"\n[tls]\nca_file = \"certs/ca.pem\"\n";
    const PlanRead read = readPlanFile((dir / "plan.toml").string());
    ASSERT_TRUE(read.ok()) << problems(read);
    Validation v = validate(read.plan.input);
    ASSERT_EQ(v.errors.size(), 1u);  // the file is missing: named with the plan's folder
    EXPECT_NE(v.errors[0].message.find((dir / "certs/ca.pem").string()), std::string::npos) << v.errors[0].message;
    EXPECT_EQ(placeErrors(read, v.errors)[0].key, "tls.ca_file");
    fs::remove_all(dir);
}

TEST(Plan, filesThatCannotBeReadSaySo) {
    PlanRead read = readPlanFile("/nonexistent/plan.toml");
    ASSERT_EQ(read.errors.size(), 1u);
    EXPECT_NE(read.errors[0].text().find("/nonexistent/plan.toml: cannot read the plan"), std::string::npos);
    read = readPlanFile(fs::temp_directory_path().string());  // a folder
    EXPECT_FALSE(read.ok());
    read = readPlan(std::string("name = \"\xff\"\n"), "p.toml");  // not UTF-8
    EXPECT_FALSE(read.ok());
    // toml++ 3.3.0 hit __builtin_unreachable() on these (FuzzPlan); now plain syntax errors.
    for (const char* text : {" \xc4\xb3\x05", "a = 1 \xef\xb8\xbf", "k = \"\"\"\\\n \xef\xbb\xbf x\"\"\""}) {
        read = readPlan(text, "u.toml");
        EXPECT_FALSE(read.ok()) << text;
    }
    read = readPlan("name = \"Caf\xc3\xa9 \xe2\x9c\x93\" # comment \xc3\xa9\n", "utf8.toml");  // UTF-8 in strings and comments
    ASSERT_TRUE(read.ok()) << problems(read);
    EXPECT_EQ(read.plan.name, "Caf\xc3\xa9 \xe2\x9c\x93");
    // A pipe reads too (salvo-cli run <(make-plan)), up to the size limit.
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const std::string piped = "name = \"piped\"\n";
    ASSERT_EQ(write(fds[1], piped.data(), piped.size()), static_cast<ssize_t>(piped.size()));
    close(fds[1]);
    read = readPlanFile("/dev/fd/" + std::to_string(fds[0]));
    close(fds[0]);
    ASSERT_TRUE(read.ok()) << problems(read);
    EXPECT_EQ(read.plan.name, "piped");
    read = readPlan("", "empty.toml");  // an empty plan reads; validate() then asks for a URL
    EXPECT_TRUE(read.ok());
}

TEST(Plan, saveWritesAtomicallyAndReportsFailure) {
    const fs::path dir = fs::temp_directory_path() / ("salvo-plan-save-" + std::to_string(getpid()));
    fs::create_directories(dir);
    Plan plan;
    plan.name = "Saved";
    plan.input.url = "http://127.0.0.1/";
    std::string error;
    ASSERT_TRUE(savePlanFile(plan, (dir / "a.toml").string(), error)) << error;
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary left
    EXPECT_EQ(readPlanFile((dir / "a.toml").string()).plan.name, "Saved");
    // Saving again keeps the file's permissions, and a link stays a link to the saved plan.
    fs::permissions(dir / "a.toml", fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(dir / "a.toml", dir / "link.toml");
    plan.name = "Again";
    ASSERT_TRUE(savePlanFile(plan, (dir / "link.toml").string(), error)) << error;
    EXPECT_TRUE(fs::is_symlink(dir / "link.toml"));
    EXPECT_EQ(readPlanFile((dir / "a.toml").string()).plan.name, "Again");
    EXPECT_EQ(fs::status(dir / "a.toml").permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_FALSE(savePlanFile(plan, (dir / "missing" / "a.toml").string(), error));
    EXPECT_NE(error.find("cannot write"), std::string::npos);
    fs::remove_all(dir);
}
