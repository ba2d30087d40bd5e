#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <csignal>
#include <thread>

#include "FaultServer.hpp"
#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using salvo::LocalTarget;
using salvo::test::Subprocess;

namespace {
Subprocess cli(std::vector<std::string> args) {
    args.insert(args.begin(), SALVO_CLI_PATH);
    return Subprocess(args);
}
boost::json::object parseJson(const std::string& text) { return boost::json::parse(text).as_object(); }
}  // namespace

TEST(Cli, allSucceededExitsZeroWithJsonFields) {
    LocalTarget server;
    auto p = cli({"-n", "120", "-c", "7", "--json", server.url()});
    ASSERT_EQ(p.wait(), 0) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("outcome").as_string(), "finished");
    EXPECT_EQ(json.at("requests").at("planned").to_number<int>(), 120);
    EXPECT_EQ(json.at("requests").at("completed").to_number<int>(), 120);
    EXPECT_EQ(json.at("requests").at("succeeded").to_number<int>(), 120);
    EXPECT_EQ(json.at("status").at("200").to_number<int>(), 120);
    EXPECT_EQ(json.at("connections").to_number<int>(), 7);
    EXPECT_GT(json.at("latency_ms").at("p50").to_number<double>(), 0.0);
    EXPECT_GT(json.at("bytes_received").to_number<int>(), 0);
    EXPECT_EQ(server.requestsServed(), 120u);
}

TEST(Cli, failedRequestsExitOne) {
    LocalTarget server;
    auto p = cli({"-n", "10", "--json", server.url("/status/404")});
    ASSERT_EQ(p.wait(), 1);
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("requests").at("failed").to_number<int>(), 10);
    EXPECT_EQ(json.at("errors").at("status").to_number<int>(), 10);
}

TEST(Cli, badInputExitsTwoAndNamesTheProblem) {
    auto p = cli({"-n", "zero", "http://127.0.0.1:1/"});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.err().find("request count must be a whole number, not 'zero'"), std::string::npos) << p.err();

    auto q = cli({"--bogus", "http://127.0.0.1:1/"});
    EXPECT_EQ(q.wait(), 2);
    EXPECT_NE(q.err().find("bogus"), std::string::npos);

    auto r = cli({"-n", "5"});
    EXPECT_EQ(r.wait(), 2);
    EXPECT_NE(r.err().find("enter a URL"), std::string::npos);

    auto s = cli({"-c", "-3", "gopher://h/"});
    EXPECT_EQ(s.wait(), 2);
    EXPECT_NE(s.err().find("unsupported scheme 'gopher'"), std::string::npos);
    EXPECT_NE(s.err().find("connections must be at least 1"), std::string::npos);
}

TEST(Cli, unreachableTargetExitsOneWithAMessage) {
    auto p = cli({"-n", "3", "http://127.0.0.1:1/"});
    EXPECT_EQ(p.wait(), 1);
    EXPECT_NE(p.out().find("Outcome:     failed: cannot connect"), std::string::npos) << p.out();
}

TEST(Cli, ctrlCStopsWithExit130AndAPartialReport) {
    LocalTarget server;
    auto p = cli({"-n", "1000000", "-c", "4", "--json", server.url("/delay/10")});
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    p.signal(SIGINT);
    ASSERT_EQ(p.wait(std::chrono::seconds(5)), 130) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("outcome").as_string(), "cancelled");
    EXPECT_GT(json.at("requests").at("completed").to_number<int>(), 0);
    EXPECT_LT(json.at("requests").at("completed").to_number<int>(), 1000000);
}

TEST(Cli, insecureIsAnnouncedAndReported) {
    auto p = cli({"-k", "-n", "1", "--json", "https://127.0.0.1:1/"});
    p.wait();
    EXPECT_NE(p.err().find("verification is OFF"), std::string::npos);
    EXPECT_TRUE(parseJson(p.out()).at("insecure").as_bool());
}

TEST(Cli, helpListsTheFlags) {
    auto p = cli({"--help"});
    EXPECT_EQ(p.wait(), 0);
    for (const char* flag : {"--requests", "--connections", "--timeout", "--cacert", "--insecure", "--json",
                             "--http2 [=auto]", "--h2c", "-p [ --streams ] N"})
        EXPECT_NE(p.out().find(flag), std::string::npos) << flag;
}

TEST(Cli, ctrlCDuringAStalledRunReportsWhatWasInFlight) {
    salvo::test::FaultServer server(salvo::test::Fault::noReply);
    auto p = cli({"-n", "50", "-c", "5", "--json", server.url()});
    for (int i = 0; i < 400 && server.requestsSeen() < 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    p.signal(SIGINT);
    ASSERT_EQ(p.wait(std::chrono::seconds(5)), 130) << p.err();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("outcome").as_string(), "cancelled");
    EXPECT_EQ(json.at("requests").at("in_flight_at_end").to_number<int>(), 5);
    EXPECT_EQ(json.at("requests").at("failed").to_number<int>(), 0);
}

TEST(Cli, connectionsBeyondTheOpenFileLimitAreRefusedByName) {
    const std::string command = "ulimit -n 256 && ulimit -Hn 256 && exec " + std::string(SALVO_CLI_PATH) +
                                " -n 5000 -c 1000 http://127.0.0.1:1/";
    Subprocess p({"/bin/sh", "-c", command});
    EXPECT_EQ(p.wait(), 2);
    EXPECT_NE(p.err().find("exceed the open-file limit"), std::string::npos) << p.err();
}

// 10,000 connections at once, in a process of their own (the server side needs as many fds).
TEST(Cli, tenThousandConnectionsCompleteARun) {
    salvo::raiseOpenFileLimit();  // this process serves the 10,000 server-side sockets
    LocalTarget server;
    auto p = cli({"-n", "20000", "-c", "10000", "--timeout", "60", "--json", server.url()});
    ASSERT_EQ(p.wait(std::chrono::seconds(120)), 0) << p.err() << p.out();
    const auto json = parseJson(p.out());
    EXPECT_EQ(json.at("requests").at("succeeded").to_number<int>(), 20000);
    EXPECT_EQ(json.at("connections").to_number<int>(), 10000);
    EXPECT_EQ(server.connectionsAccepted(), 10000u);
}

// The built-in target under fd pressure: more connections than it may open files. It must
// keep accepting as descriptors free up, so every request is still answered.
TEST(Cli, builtInTargetKeepsServingWhenItRunsOutOfFileDescriptors) {
    Subprocess server({"/bin/sh", "-c", "ulimit -n 64 && exec " + std::string(SALVO_CLI_PATH) + " --serve"});
    std::string url;
    for (int i = 0; i < 400 && url.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        const std::string out = server.out();
        if (const auto at = out.find("http://"); at != std::string::npos && out.find(' ', at) != std::string::npos)
            url = out.substr(at, out.find(' ', at) - at);
    }
    ASSERT_FALSE(url.empty()) << server.err();
    auto p = cli({"-n", "300", "-c", "100", "--timeout", "20", "--json", url});
    ASSERT_EQ(p.wait(std::chrono::seconds(60)), 0) << p.out() << "\nserver: " << server.err();
    EXPECT_EQ(parseJson(p.out()).at("requests").at("succeeded").to_number<int>(), 300);
    server.signal(SIGINT);
    EXPECT_EQ(server.wait(std::chrono::seconds(5)), 0);
}

// Input a library could not take is refused by name before anything is sent (exit 2); what
// can be sent is sent. A 65,535-byte header value used to abort inside Beast (exit 134).
TEST(Cli, overlongInputIsRefusedWithExitTwo) {
    LocalTarget server;
    auto p = cli({"-n", "1", "-H", std::string(2000, 'n') + ": v", server.url()});
    EXPECT_EQ(p.wait(), 2) << p.err();
    EXPECT_NE(p.err().find("header name is too long"), std::string::npos) << p.err();
    auto q = cli({"-n", "1", "http://" + std::string(300, 'h') + "/"});
    EXPECT_EQ(q.wait(), 2);
    EXPECT_NE(q.err().find("host name is too long"), std::string::npos) << q.err();
    auto r = cli({"-n", "1", "-H", "X-A: a\x01z", server.url()});
    EXPECT_EQ(r.wait(), 2);
    EXPECT_NE(r.err().find("control character"), std::string::npos) << r.err();
    EXPECT_EQ(server.requestsServed(), 0u);
    // The built-in target refuses an 64 KB header (8 KB limit), which the report counts.
    auto big = cli({"-n", "2", "-c", "1", "--json", "-H", "X-Big: " + std::string(65535, 'v'), server.url()});
    EXPECT_EQ(big.wait(), 1) << big.err();
    EXPECT_EQ(parseJson(big.out()).at("requests").at("failed").to_number<int>(), 2);
}

TEST(Cli, aCaFileThatIsAPipeIsRefusedWithoutReadingIt) {
    // /dev/stdin is a pipe here: reading it used to spin until the pipe closed.
    // The pipe's writer outlives salvo-cli, which must not wait for it; then it is ended.
    Subprocess p({"/bin/sh", "-c", "sleep 29.5 | { " + std::string(SALVO_CLI_PATH) +
                                       " -n 1 --cacert /dev/stdin https://127.0.0.1:1/; r=$?; "
                                       "pkill -f '^sleep 29.5$'; exit $r; }"});
    EXPECT_EQ(p.wait(std::chrono::seconds(20)), 2);
    EXPECT_NE(p.err().find("CA file '/dev/stdin' is not a regular file"), std::string::npos) << p.err();
}

TEST(Cli, headRequestsSucceed) {
    LocalTarget server;
    auto p = cli({"-n", "20", "-c", "2", "-m", "HEAD", "-t", "5", "--json", server.url()});
    ASSERT_EQ(p.wait(), 0) << p.out();
    EXPECT_EQ(parseJson(p.out()).at("requests").at("succeeded").to_number<int>(), 20);
}

// A report that cannot be written is an error (exit 4), not a quiet success.
TEST(Cli, aReportThatCannotBeWrittenExitsFour) {
    LocalTarget server;
    const std::pair<const char*, const char*> cases[] = {
        {"> /dev/full", "No space left on device"}, {">&-", "Bad file descriptor"}};
    for (const auto& [redirect, reason] : cases) {
        for (const char* format : {"--json", "--no-progress"}) {
            Subprocess p({"/bin/sh", "-c", "exec " + std::string(SALVO_CLI_PATH) + " -n 5 " + format + " " +
                                               server.url() + " " + redirect});
            EXPECT_EQ(p.wait(), 4) << redirect << ' ' << format << ": " << p.err();
            EXPECT_NE(p.err().find(std::string("cannot write the report to standard output: ") + reason),
                      std::string::npos) << p.err();
        }
    }
    // A pipe whose reader has gone: exit 4 with the reason, not death by SIGPIPE.
    Subprocess piped({"/bin/bash", "-c", std::string(SALVO_CLI_PATH) + " -n 5 " + server.url() +
                                             " | { exec 0<&-; sleep 1; }; exit ${PIPESTATUS[0]}"});
    EXPECT_EQ(piped.wait(), 4) << piped.err();
    EXPECT_NE(piped.err().find("Broken pipe"), std::string::npos) << piped.err();
    EXPECT_EQ(server.requestsServed(), 25u);  // the run itself went ahead each time
}

TEST(Cli, retriesAndUnsolicitedBytesAreReported) {
    salvo::test::FaultServer dropping(salvo::test::Fault::dropSecondRequest);
    auto p = cli({"-n", "6", "-c", "1", "--json", dropping.url()});
    ASSERT_EQ(p.wait(), 0) << p.err();
    EXPECT_EQ(parseJson(p.out()).at("requests").at("retried").to_number<int>(), 5);

    salvo::test::FaultServer twice(salvo::test::Fault::answerTwice);
    auto q = cli({"-n", "4", "-c", "1", "--json", twice.url()});
    EXPECT_EQ(q.wait(), 1) << "unsolicited bytes make the run fail";
    const auto json = parseJson(q.out());
    EXPECT_EQ(json.at("connection_errors").at("unsolicited").to_number<int>(), 4);
    EXPECT_EQ(json.at("requests").at("succeeded").to_number<int>(), 4);
}
