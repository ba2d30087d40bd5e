// salvo-cli with test plans and thresholds: run, validate, flags over a plan, exit 99, JUnit.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "Nginx.hpp"
#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Plan.hpp"

using salvo::LocalTarget;
using salvo::test::Nginx;
using salvo::test::Subprocess;
namespace fs = std::filesystem;

namespace {

Subprocess cli(std::vector<std::string> args) {
    args.insert(args.begin(), SALVO_CLI_PATH);
    return Subprocess(args);
}

// A private folder per test, removed at the end.
struct Folder {
    fs::path path = fs::temp_directory_path() /
                    ("salvo-cli-plan-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string plan(const std::string& url, const std::string& load, const std::string& thresholds = {}) {
    std::string text = "name = \"Smoke\"\n[request]\nurl = \"" + url + "\"\n[load]\n" + load + "\n";
    if (!thresholds.empty()) text += "[thresholds]\nrequire = [" + thresholds + "]\n";
    return text;
}

// A finished salvo-cli: its exit code and what it wrote.
struct Ran {
    int code;
    std::string out, err;
};
Ran ran(const std::vector<std::string>& args) {
    auto process = cli(args);
    const int code = process.wait();
    return {code, process.out(), process.err()};
}

// What xmllint, a real XML parser, finds at an XPath in a file.
std::string xpath(const std::string& file, const std::string& path) {
    auto lint = Subprocess({"/usr/bin/xmllint", "--xpath", path, file});
    EXPECT_EQ(lint.wait(), 0) << lint.err();
    std::string out = lint.out();
    if (!out.empty() && out.back() == '\n') out.pop_back();  // xmllint ends its answer with a line break
    return out;
}

}  // namespace

// A plan runs like the same flags would, and the server saw exactly what Salvo counted.
TEST(CliPlan, runsAPlanAndTheServerSeesEveryRequest) {
    Nginx nginx;
    Folder dir;
    const auto file = dir.write("plan.toml", plan(nginx.url(), "requests = 120\nconnections = 3",
                                                  "\"p(99)<10s\", \"error_rate<1%\", \"status_5xx==0\""));
    auto run = cli({"run", file, "--json", "--no-progress"});
    ASSERT_EQ(run.wait(), 0) << run.err();
    const auto report = boost::json::parse(run.out()).as_object();
    EXPECT_EQ(report.at("requests").at("completed").to_number<std::uint64_t>(), 120u);
    EXPECT_EQ(nginx.accessLog(120).size(), 120u);
    const auto& thresholds = report.at("thresholds").as_array();
    ASSERT_EQ(thresholds.size(), 3u);
    for (const auto& t : thresholds) EXPECT_TRUE(t.at("passed").as_bool()) << t;
}

// Flags given on the command line win over the plan; -H replaces a header of the same name.
TEST(CliPlan, flagsOverrideThePlan) {
    Nginx nginx;
    Folder dir;
    std::string text = plan("http://127.0.0.1:1/unused", "requests = 500\nconnections = 5");
    text.insert(text.find("[load]"), "method = \"POST\"\nheaders = [\"X-Keep: 1\", \"Authorization: plan\"]\n");
    const auto file = dir.write("plan.toml", text);
    auto run = cli({"run", file, "--url", nginx.url(), "-n", "40", "-H", "authorization: flag", "--json",
                    "--no-progress", "--record", dir / "r.json", "--record-secrets"});
    ASSERT_EQ(run.wait(), 0) << run.err();
    EXPECT_EQ(nginx.accessLog(40).size(), 40u);
    for (const auto& line : nginx.accessLog(40)) EXPECT_EQ(line, "POST 200");  // the plan's method stays
    const auto record = boost::json::parse(slurp(dir / "r.json")).as_object();
    const auto& headers = record.at("spec").at("headers").as_array();
    ASSERT_EQ(headers.size(), 2u) << headers;
    EXPECT_EQ(headers[0].at("name").as_string(), "X-Keep");
    EXPECT_EQ(headers[1].at("value").as_string(), "flag");
}

// -T and -a stand for headers: given as flags, they replace the plan's header of that name.
TEST(CliPlan, contentTypeAndAuthFlagsReplaceThePlansHeaders) {
    LocalTarget server;
    Folder dir;
    std::string text = plan(server.url(), "requests = 3");
    text.insert(text.find("[load]"), "headers = [\"Content-Type: text/plain\", \"Authorization: Bearer x\"]\n");
    const auto file = dir.write("plan.toml", text);
    Ran run = ran({"run", file, "-T", "application/json", "-a", "u:p", "--record", dir / "r.json", "--record-secrets"});
    ASSERT_EQ(run.code, 0) << run.err;
    const auto record = boost::json::parse(slurp(dir / "r.json")).as_object();
    const auto& headers = record.at("spec").at("headers").as_array();
    ASSERT_EQ(headers.size(), 1u) << headers;
    EXPECT_EQ(headers[0].at("value").as_string(), "application/json");
}

// Thresholds are the judgement: a failed one is exit 99 even when every request succeeded, and
// when they all pass, failed requests alone do not fail the run (k6's rule).
TEST(CliPlan, exit99WhenAThresholdFailsAndZeroWhenAllPass) {
    LocalTarget server;
    auto failing = cli({server.url(), "-n", "50", "--threshold", "p(50)<0.001ms", "--threshold", "error_rate<1%"});
    EXPECT_EQ(failing.wait(), 99) << failing.err();
    EXPECT_NE(failing.err().find("threshold failed: p(50)<0.001ms (latency p(50) = "), std::string::npos) << failing.err();
    EXPECT_NE(failing.out().find("Thresholds:  1 of 2 passed"), std::string::npos) << failing.out();

    const std::string notFound = server.url() + "status/404";
    auto without = cli({notFound, "-n", "20"});
    EXPECT_EQ(without.wait(), 1);
    auto within = cli({notFound, "-n", "20", "--threshold", "status_5xx==0"});
    EXPECT_EQ(within.wait(), 0) << within.err();
    auto judged = cli({notFound, "-n", "20", "--threshold", "error_rate<50%"});
    EXPECT_EQ(judged.wait(), 99);
}

TEST(CliPlan, junitListsEveryThresholdForCiReporters) {
    LocalTarget server;
    Folder dir;
    const auto file = dir.write("plan.toml", plan(server.url(), "requests = 30", "\"p(99)<10s\", \"rps>=100000000\""));
    auto run = cli({"run", file, "--junit", dir / "junit.xml", "--threshold", "status_2xx==30"});
    EXPECT_EQ(run.wait(), 99) << run.err();
    const std::string xml = dir / "junit.xml";
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite/@name)"), "Smoke");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite/@tests)"), "3");
    EXPECT_EQ(xpath(xml, "string(/testsuites/testsuite/@failures)"), "1");
    EXPECT_EQ(xpath(xml, "count(//testcase)"), "3");
    EXPECT_EQ(xpath(xml, "string(//testcase[1]/@name)"), "p(99)<10s");
    EXPECT_EQ(xpath(xml, "count(//testcase[failure])"), "1");
    EXPECT_EQ(xpath(xml, "string(//testcase[failure]/@name)"), "rps>=100000000");
    const std::string message = xpath(xml, "string(//failure/@message)");
    EXPECT_EQ(message.rfind("rps = ", 0), 0u) << message;
    EXPECT_NE(message.find("not within rps>=100000000"), std::string::npos) << message;

    auto unwritable = cli({server.url(), "-n", "5", "--junit", dir / "no/such/dir/j.xml"});
    EXPECT_EQ(unwritable.wait(), 4);
    EXPECT_NE(unwritable.err().find("the JUnit file was not written"), std::string::npos);
}

TEST(CliPlan, abortOnFailInAPlanEndsTheRunEarly) {
    LocalTarget server;
    Folder dir;
    const auto file = dir.write("plan.toml", plan(server.url(), "duration = \"30s\"\nrate = 100",
        "{ threshold = \"p(50)<0.001ms\", abort_on_fail = true, delay_abort_eval = \"300ms\" }"));
    auto run = cli({"run", file, "--json"});
    EXPECT_EQ(run.wait(std::chrono::seconds(20)), 99) << run.err();
    const auto report = boost::json::parse(run.out()).as_object();
    EXPECT_EQ(report.at("outcome").as_string(), "cancelled");
    EXPECT_LT(report.at("duration_s").as_double(), 30);
    EXPECT_TRUE(report.at("thresholds").at(0).at("aborted").as_bool());
}

TEST(CliPlan, validateChecksWithoutRunning) {
    LocalTarget server;
    Folder dir;
    std::string text = plan(server.url(), "requests = 10", "\"p(99)<1s\"");
    text.insert(text.find("[load]"), "headers = [\"Authorization: Bearer ${SALVO_TEST_UNSET_TOKEN}\"]\n");
    const auto file = dir.write("plan.toml", text);
    ::unsetenv("SALVO_TEST_UNSET_TOKEN");
    auto check = cli({"validate", file});
    EXPECT_EQ(check.wait(), 0) << check.err();
    EXPECT_NE(check.out().find(file + ": valid (Smoke): GET " + server.url()), std::string::npos) << check.out();
    EXPECT_NE(check.err().find("warning: ${SALVO_TEST_UNSET_TOKEN} is not set here"), std::string::npos) << check.err();
    EXPECT_EQ(server.requestsServed(), 0u);  // nothing was sent

    // Running it is another matter: the unset variable is an error by name, exit 2.
    auto run = cli({"run", file});
    EXPECT_EQ(run.wait(), 2);
    EXPECT_NE(run.err().find(file + ":4:11: request.headers: header 'Authorization' uses ${SALVO_TEST_UNSET_TOKEN}, "
                                    "but the environment variable SALVO_TEST_UNSET_TOKEN is not set"),
              std::string::npos) << run.err();
    EXPECT_EQ(server.requestsServed(), 0u);
}

// An unset variable in the URL is a warning in validate, not "URL needs a scheme".
TEST(CliPlan, validateDoesNotJudgeAFieldWhoseVariableIsUnset) {
    Folder dir;
    const auto file = dir.write("plan.toml", "[request]\nurl = \"${SALVO_TEST_UNSET_BASE}/api\"\n");
    ::unsetenv("SALVO_TEST_UNSET_BASE");
    Ran check = ran({"validate", file});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_NE(check.err.find("warning: ${SALVO_TEST_UNSET_BASE} is not set here"), std::string::npos) << check.err;
    EXPECT_NE(check.out.find("GET ${SALVO_TEST_UNSET_BASE}/api"), std::string::npos) << check.out;  // as written
}

// The load model is one choice: a flag for one replaces the plan's other.
TEST(CliPlan, aLoadModelFlagReplacesThePlansModel) {
    LocalTarget server;
    Folder dir;
    const auto rated = dir.write("rated.toml", plan(server.url(), "rate = 50\nduration = \"10s\""));
    Ran staged = ran({"run", rated, "--stage", "300ms:100", "--json"});
    ASSERT_EQ(staged.code, 0) << staged.err;
    auto report = boost::json::parse(staged.out).as_object();
    EXPECT_TRUE(report.at("load").at("rate").is_null());
    EXPECT_EQ(report.at("load").at("stages").as_array().size(), 1u);

    const auto ramped = dir.write("ramped.toml", plan(server.url(), "stages = [\"10s:100\"]\nstart_rate = 5"));
    Ran constant = ran({"run", ramped, "--rate", "100", "-z", "300ms", "--json"});
    ASSERT_EQ(constant.code, 0) << constant.err;
    report = boost::json::parse(constant.out).as_object();
    EXPECT_EQ(report.at("load").at("rate").to_number<double>(), 100);
    EXPECT_TRUE(report.at("load").at("stages").as_array().empty());
}

TEST(CliPlan, badPlansSayWhereAndExit2) {
    Folder dir;
    const auto syntax = dir.write("syntax.toml", "[load]\nrequests = \n");
    Ran run = ran({"validate", syntax});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(syntax + ":2:"), std::string::npos) << run.err;

    const auto key = dir.write("key.toml", "[request]\nurl = \"http://127.0.0.1/\"\n[load]\nconections = 5\n");
    run = ran({"run", key});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(key + ":4:1: load.conections: unknown key"), std::string::npos) << run.err;

    const auto value = dir.write("value.toml", "[request]\nurl = \"http://127.0.0.1/\"\n[load]\nrate = -5\n");
    run = ran({"validate", value});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(value + ":4:8: load.rate: "), std::string::npos) << run.err;

    const auto threshold = dir.write("t.toml", "[request]\nurl = \"http://127.0.0.1/\"\n[thresholds]\nrequire = [\"p99<1s\"]\n");
    run = ran({"validate", threshold});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(threshold + ":4:11: thresholds.require: threshold 'p99<1s': unknown statistic"),
              std::string::npos) << run.err;

    run = ran({"run", dir / "missing.toml"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("cannot read the plan"), std::string::npos);
    run = ran({"run"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("run needs a plan file"), std::string::npos);
    run = ran({"validate", "a.toml", "b.toml"});
    EXPECT_EQ(run.code, 2);
    run = ran({"-n", "5", "--abort-delay", "1s", "http://127.0.0.1:1/"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find("--abort-delay applies to --abort-on-fail"), std::string::npos);
}

// A plan's protocol ([request] http) and streams ([load] streams): validate says them, and the
// protocol flags replace the plan's choice, -p its streams.
TEST(CliPlan, protocolKeysAreValidatedAndFlagsOverrideThem) {
    Folder dir;
    const std::string text = "[request]\nurl = \"https://127.0.0.1:1/\"\nhttp = \"2\"\n[load]\nrequests = 10\nstreams = 10\n";
    const auto file = dir.write("h2.toml", text);
    Ran check = ran({"validate", file});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_NE(check.out.find(": valid: GET https://127.0.0.1:1/, HTTP/2, 10 streams per connection, closed model"),
              std::string::npos) << check.out;
    const auto h2c = dir.write("h2c.toml", "[request]\nurl = \"http://127.0.0.1:1/\"\nhttp = \"h2c\"\n");
    check = ran({"validate", h2c});
    EXPECT_NE(check.out.find("GET http://127.0.0.1:1/, HTTP/2 over plain TCP (h2c), 1 stream per connection, "),
              std::string::npos) << check.out;
    const auto plain = dir.write("plain.toml", "[request]\nurl = \"http://127.0.0.1:1/\"\n");
    check = ran({"validate", plain});
    EXPECT_EQ(check.out.find("HTTP/"), std::string::npos) << check.out;  // HTTP/1.1, the default, goes unsaid

    Ran run = ran({"run", file, "--h2c"});  // h2c over the plan's https:// URL
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(file + ":3:8: request.http: h2c is HTTP/2 over plain TCP"), std::string::npos) << run.err;
    run = ran({"run", file, "-p", "1001"});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(file + ":6:11: load.streams: streams is too large (at most 1000)"), std::string::npos) << run.err;
    run = ran({"run", h2c, "--http2=auto", "-p", "3", "-n", "1", "-t", "2", "--json", "--url", "https://127.0.0.1:1/"});
    EXPECT_EQ(run.code, 1) << run.err;  // parsed and run: nothing listens on port 1
    EXPECT_EQ(boost::json::parse(run.out).at("url").as_string(), "https://127.0.0.1:1/");

    const auto typed = dir.write("typed.toml", "[request]\nurl = \"https://127.0.0.1:1/\"\nhttp = true\n[load]\nstreams = \"x\"\n");
    run = ran({"validate", typed});
    EXPECT_EQ(run.code, 2);
    EXPECT_NE(run.err.find(typed + ":3:8: request.http: must be a number or a string"), std::string::npos) << run.err;
}

// A plan as the window writes it (writePlan) runs in the CLI with the same settings.
TEST(CliPlan, aWrittenPlanRunsInTheCli) {
    LocalTarget server;
    Folder dir;
    salvo::Plan p;
    p.name = "Written";
    p.input.url = server.url();
    p.input.count = "25";
    p.input.connections = "2";
    p.input.thresholds = {{"failed==0", false, {}}};
    std::string error;
    ASSERT_TRUE(salvo::savePlanFile(p, dir / "w.toml", error)) << error;
    auto run = cli({"run", dir / "w.toml", "--json"});
    ASSERT_EQ(run.wait(), 0) << run.err();
    const auto report = boost::json::parse(run.out()).as_object();
    EXPECT_EQ(report.at("requests").at("completed").to_number<std::uint64_t>(), 25u);
    EXPECT_EQ(report.at("connections").to_number<std::uint64_t>(), 2u);
    EXPECT_EQ(report.at("thresholds").at(0).at("threshold").as_string(), "failed==0");
}

// The plans shipped in resources/plans read and validate (mtls.toml names certificates the
// reader must supply: validate says which are missing, and nothing else).
TEST(CliPlan, shippedExamplesValidate) {
    const std::string dir = SALVO_PLANS_DIR;
    Ran smoke = ran({"validate", dir + "/smoke.toml"});
    EXPECT_EQ(smoke.code, 0) << smoke.err;
    ::unsetenv("SHOP_HOST");
    ::unsetenv("SHOP_TOKEN");
    Ran ramp = ran({"validate", dir + "/ramp-with-gates.toml"});
    EXPECT_EQ(ramp.code, 0) << ramp.err;
    EXPECT_NE(ramp.err.find("${SHOP_TOKEN} is not set here"), std::string::npos) << ramp.err;
    Ran mix = ran({"validate", dir + "/api-mix.toml"});
    EXPECT_EQ(mix.code, 0) << mix.err;
    EXPECT_NE(mix.out.find("3 requests (browse x6, search x3, checkout) on https://${SHOP_HOST}/"), std::string::npos)
        << mix.out;
    Ran mtls = ran({"validate", dir + "/mtls.toml"});
    EXPECT_EQ(mtls.code, 2);
    EXPECT_NE(mtls.err.find("tls.ca_file: CA file '" + dir + "/certs/internal-ca.pem' cannot be read"), std::string::npos)
        << mtls.err;
    EXPECT_NE(mtls.err.find("tls.cert: client certificate '" + dir + "/certs/client.pem' cannot be read"), std::string::npos)
        << mtls.err;
}

// Named requests: a flag over [request] changes every request's default, never a request's own
// key; the report breaks the run down by name and a {request:NAME} threshold judges one of them.
TEST(CliPlan, namedRequestsRunByWeightWithFlagsOverTheirDefaults) {
    Nginx nginx;
    Folder dir;
    const auto file = dir.write("plan.toml", "[request]\nurl = \"http://127.0.0.1:1/\"\nmethod = \"PUT\"\n"
                                             "[[requests]]\nname = \"home\"\nweight = 3\n"
                                             "[[requests]]\nname = \"login\"\nurl = \"/login?next=/\"\nmethod = \"POST\"\n"
                                             "[load]\nrequests = 80\nconnections = 4\n"
                                             "[thresholds]\nrequire = [\"p(99){request:login}<10s\", \"failed{request:home}>0\"]\n");
    const Ran check = ran({"validate", file});
    EXPECT_EQ(check.code, 0) << check.err;
    EXPECT_NE(check.out.find(": valid: 2 requests (home x3, login) on http://127.0.0.1:1/, closed model"), std::string::npos)
        << check.out;
    const Ran run = ran({"run", file, "--url", nginx.url(), "-m", "GET", "--json", "--no-progress"});
    EXPECT_EQ(run.code, 99) << run.err;  // home never failed: its threshold fails
    std::map<std::string, int> seen;
    for (const auto& line : nginx.uriLog(80)) ++seen[line];
    EXPECT_EQ(seen, (std::map<std::string, int>{{"GET / 200", 60}, {"POST /login?next=/ 200", 20}}));
    const auto report = boost::json::parse(run.out).as_object();
    const auto& byRequest = report.at("by_request").as_array();
    ASSERT_EQ(byRequest.size(), 2u);
    EXPECT_EQ(byRequest[1].at("name").as_string(), "login");
    EXPECT_EQ(byRequest[1].at("succeeded").to_number<std::uint64_t>(), 20u);
    const auto& thresholds = report.at("thresholds").as_array();
    EXPECT_TRUE(thresholds[0].at("passed").as_bool()) << thresholds[0];
    EXPECT_FALSE(thresholds[1].at("passed").as_bool()) << thresholds[1];
}

TEST(CliPlan, aNamedRequestOnAnotherHostIsRefusedWhereItStands) {
    Folder dir;
    const auto file = dir.write("plan.toml", "[request]\nurl = \"http://127.0.0.1:1/\"\n\n"
                                             "[[requests]]\nname = \"other\"\nurl = \"http://127.0.0.2:1/x\"\n");
    for (const char* command : {"validate", "run"}) {
        const Ran r = ran({command, file});
        EXPECT_EQ(r.code, 2) << command;
        EXPECT_NE(r.err.find("plan.toml:4:1: requests[0]: request 'other': 'http://127.0.0.2:1/x' is not on the run's "
                             "scheme, host and port (http://127.0.0.1:1): one plan sends to one server for now"),
                  std::string::npos)
            << r.err;
    }
}
