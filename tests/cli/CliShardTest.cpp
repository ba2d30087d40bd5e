// salvo-cli's side of a run split over machines: --shard, --start-at and merge, as a scheduler
// would run them (the Slurm and GNU parallel recipes end to end are in CliScaleOutTest).

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Shard.hpp"

using salvo::LocalTarget;
using salvo::test::Subprocess;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// salvo-cli with only the environment given (none of a scheduler's variables leak in).
std::vector<std::string> command(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv{"/usr/bin/env", "-i", "PATH=/usr/bin:/bin"};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.push_back(SALVO_CLI_PATH);
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

Subprocess cli(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return Subprocess(command(args, env));
}

struct Folder {
    fs::path path = fs::temp_directory_path() /
                    ("salvo-cli-shard-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string epochIn(std::chrono::milliseconds from) {
    const auto at = std::chrono::system_clock::now() + from;
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

json::object recordAt(const std::string& path) {
    return json::parse(salvo::test::readWholeFile(path)).as_object();
}

// Every share of a run of `count` requests as separate processes, records in dir/{shard}.json.
void runShares(const LocalTarget& server, const Folder& dir, int shares, const std::string& count,
               std::vector<std::string> extra = {}) {
    std::vector<std::unique_ptr<Subprocess>> running;
    for (int i = 0; i < shares; ++i) {
        std::vector<std::string> args{"--shard", std::to_string(i) + "/" + std::to_string(shares), "-n", count, "-c", "4",
                                      "--record", dir / "{shard}.json", "--no-progress"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(server.url());
        running.push_back(std::make_unique<Subprocess>(command(args)));
    }
    for (auto& p : running) ASSERT_EQ(p->wait(), 0) << p->err();
}

}  // namespace

TEST(CliShard, badSharesAndStartsExit2ByNameAndSendNothing) {
    LocalTarget server;
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"--shard", "4/4"}, "counted from 0"},
        {{"--shard", "half"}, "--shard takes I/N"},
        {{"--shard", "auto"}, "no scheduler's environment found"},
        {{"--shards", "4"}, "--shards N goes with --shard auto"},
        {{"--record", "out/{shard}.json"}, "{shard} stands for the share of --shard"},
        {{"--start-tolerance", "1s"}, "--start-tolerance applies to --start-at"},
        {{"--start-at", "soon"}, "--start-at takes epoch seconds"},
        {{"--start-at", epochIn(std::chrono::hours(25))}, "more than 24 hours away"},
        {{"--start-at", epochIn({}), "--start-tolerance", "a bit"}, "--start-tolerance takes a duration"},
        {{"--shard", "0/4", "-c", "2"}, "connections (2) cannot be split over 4 shares"},
        {{"--shard", "0/2", "--junit", "j.xml"}, "--junit reports the run's thresholds, which a share cannot judge"},
        {{"--shard", "0/2", "--abort-on-fail", "rps>5"}, "the abort-on-fail threshold 'rps>5' counts over the whole run"},
    };
    for (const auto& [flags, words] : cases) {
        std::vector<std::string> args = flags;
        args.insert(args.end(), {"-n", "10", server.url()});
        auto run = cli(args);
        EXPECT_EQ(run.wait(), 2) << words;
        EXPECT_NE(run.err().find(words), std::string::npos) << run.err();
    }
    auto job = cli({"--shard", "auto", "-n", "10", server.url()}, {"JOB_COMPLETION_INDEX=1"});
    EXPECT_EQ(job.wait(), 2);
    EXPECT_NE(job.err().find("give --shards N or set SALVO_SHARDS"), std::string::npos) << job.err();
    EXPECT_EQ(server.requestsServed(), 0u);
}

TEST(CliShard, aShareLateForItsStartRefusesToStartAndWritesNoRecord) {
    LocalTarget server;
    Folder dir;
    auto run = cli({"--shard", "1/2", "--start-at", epochIn(-std::chrono::seconds(10)), "--record", dir / "{shard}.json",
                    "-n", "10", server.url()});
    EXPECT_EQ(run.wait(), 1);
    EXPECT_NE(run.err().find("share 2 of 2 (index 1) is 10."), std::string::npos) << run.err();
    EXPECT_NE(run.err().find("more than --start-tolerance 2.0 s): not starting"), std::string::npos) << run.err();
    EXPECT_FALSE(fs::exists(dir / "1.json"));
    EXPECT_EQ(server.requestsServed(), 0u);
    // Waiting for its start, it is on time however long the wait overshoots: a tolerance of 0 holds.
    auto onTime = cli({"--start-at", epochIn(std::chrono::milliseconds(300)), "--start-tolerance", "0", "-n", "5", server.url()});
    EXPECT_EQ(onTime.wait(), 0) << onTime.err();
    EXPECT_EQ(server.requestsServed(), 5u);
    // Within a tolerance given, it runs.
    auto tolerant = cli({"--start-at", epochIn(-std::chrono::seconds(1)), "--start-tolerance", "5s", "-n", "10", server.url()});
    EXPECT_EQ(tolerant.wait(), 0) << tolerant.err();
    EXPECT_EQ(server.requestsServed(), 15u);
}

TEST(CliShard, waitsForItsStartAndRecordsThePlannedAndActualStart) {
    LocalTarget server;
    Folder dir;
    const std::string at = epochIn(std::chrono::milliseconds(1500));
    auto run = cli({"--shard", "auto", "--start-at", at, "--record", dir / "share-{shard}.json", "-n", "30", "-c", "3",
                    server.url()},
                   {"PARALLEL_SEQ=2", "SALVO_SHARDS=3"});
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    EXPECT_EQ(server.requestsServed(), 0u);  // still waiting
    ASSERT_EQ(run.wait(), 0) << run.err();
    EXPECT_EQ(server.requestsServed(), 10u);
    const json::object record = recordAt(dir / "share-1.json");
    EXPECT_EQ(record.at("shard").at("index").as_int64(), 1);
    EXPECT_EQ(record.at("shard").at("count").as_int64(), 3);
    EXPECT_EQ(record.at("shard").at("source").as_string(), "parallel");
    EXPECT_EQ(record.at("requests").at("planned").as_int64(), 10);
    EXPECT_EQ(record.at("connections").as_int64(), 1);
    const auto planned = salvo::parseStartAt(std::string(record.at("planned_start").as_string()));
    const auto started = salvo::parseStartAt(std::string(record.at("started_at").as_string()));
    ASSERT_TRUE(planned.at && started.at);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(planned.at->time_since_epoch()).count(), std::stoll(at));
    EXPECT_GE(*started.at, *planned.at);
}

TEST(CliShard, ctrlCWhileWaitingForTheStartExits130) {
    LocalTarget server;
    auto run = cli({"--start-at", epochIn(std::chrono::seconds(60)), "-n", "10", server.url()});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    run.signal(SIGINT);
    EXPECT_EQ(run.wait(std::chrono::seconds(10)), 130);
    EXPECT_EQ(server.requestsServed(), 0u);
}

TEST(CliShard, mergeWritesOneRecordWithTheWholeRunsCounts) {
    LocalTarget server;
    Folder dir;
    runShares(server, dir, 3, "1001");
    ASSERT_EQ(server.requestsServed(), 1001u);
    auto merge = cli({"merge", dir / "0.json", dir / "1.json", dir / "2.json", "-o", dir / "merged.json", "--json"});
    ASSERT_EQ(merge.wait(), 0) << merge.err();
    const json::object printed = json::parse(merge.out()).as_object();
    EXPECT_EQ(printed.at("requests").at("succeeded").as_int64(), 1001);
    EXPECT_EQ(printed.at("requests").at("planned").as_int64(), 1001);
    EXPECT_EQ(printed.at("connections").as_int64(), 4);
    EXPECT_FALSE(printed.contains("shard"));
    const salvo::RecordRead read = salvo::readRecordFile(dir / "merged.json");
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_EQ(read.record->mergedFrom.size(), 3u);
    EXPECT_EQ(read.record->result.total.succeeded, 1001u);
    auto text = cli({"merge", dir / "2.json", dir / "0.json", dir / "1.json"});
    ASSERT_EQ(text.wait(), 0) << text.err();
    EXPECT_NE(text.out().find("Merged:      3 shares"), std::string::npos) << text.out();
    EXPECT_NE(text.out().find("1001 of 1001 completed, 1001 succeeded"), std::string::npos) << text.out();
    auto report = cli({"report", dir / "merged.json"});
    ASSERT_EQ(report.wait(), 0) << report.err();
    EXPECT_NE(report.out().find("1001 of 1001 completed"), std::string::npos) << report.out();
}

TEST(CliShard, mergeRefusesAMissingOrDuplicateShareWithExit2) {
    LocalTarget server;
    Folder dir;
    runShares(server, dir, 3, "30");
    auto missing = cli({"merge", dir / "0.json", dir / "2.json", "-o", dir / "merged.json"});
    EXPECT_EQ(missing.wait(), 2);
    EXPECT_NE(missing.err().find("salvo-cli: merge: 1 of 3 shares missing (index 1)"), std::string::npos) << missing.err();
    auto twice = cli({"merge", dir / "0.json", dir / "1.json", dir / "1.json", dir / "2.json"});
    EXPECT_EQ(twice.wait(), 2);
    EXPECT_NE(twice.err().find("are both share 2 of 3 (index 1)"), std::string::npos) << twice.err();
    auto notARecord = cli({"merge", dir / "0.json", dir / "nothing.json"});
    EXPECT_EQ(notARecord.wait(), 2);
    EXPECT_NE(notARecord.err().find("nothing.json"), std::string::npos) << notARecord.err();
    auto one = cli({"merge", dir / "0.json"});
    EXPECT_EQ(one.wait(), 2);
    EXPECT_NE(one.err().find("merge needs the records of two or more shares"), std::string::npos) << one.err();
    EXPECT_FALSE(fs::exists(dir / "merged.json"));
}

// 300 successes per share pass "status_2xx<400" (and a share's own failed threshold does not
// make its exit status); the merged 600 fail it: exit 99.
TEST(CliShard, thresholdsAreJudgedWhenMerged) {
    LocalTarget server;
    Folder dir;
    runShares(server, dir, 2, "600", {"--threshold", "status_2xx<400", "--threshold", "status_2xx<250"});
    auto merge = cli({"merge", dir / "0.json", dir / "1.json", "-o", dir / "merged.json", "--junit", dir / "junit.xml"});
    EXPECT_EQ(merge.wait(), 99) << merge.err();
    EXPECT_NE(merge.err().find("threshold failed: status_2xx<400"), std::string::npos) << merge.err();
    EXPECT_TRUE(fs::exists(dir / "merged.json"));
    const std::string junit = salvo::test::readWholeFile(dir / "junit.xml");
    EXPECT_NE(junit.find("tests=\"2\" failures=\"2\""), std::string::npos) << junit;
    auto share = cli({"--shard", "0/2", "-n", "600", "-c", "4", "--threshold", "status_2xx<250", server.url()});
    EXPECT_EQ(share.wait(), 0) << share.err();
    EXPECT_NE(share.err().find("threshold failed on this share's figures (the run is judged when merged)"), std::string::npos)
        << share.err();
}

// The open-file limit here bounds this machine's share of the connections, not the whole plan's.
TEST(CliShard, theOpenFileLimitBoundsTheSharesConnections) {
    LocalTarget server;
    const auto limited = [&](const std::string& flags) {
        return Subprocess({"/bin/sh", "-c", "ulimit -n 200 && exec " + std::string(SALVO_CLI_PATH) + " -n 400 -c 400 --no-progress " +
                                                flags + " " + server.url()});
    };
    auto whole = limited("");
    EXPECT_EQ(whole.wait(), 2);
    EXPECT_NE(whole.err().find("connections (400) exceed the open-file limit: at most 136 here"), std::string::npos) << whole.err();
    auto share = limited("--shard 0/4");
    EXPECT_EQ(share.wait(), 0) << share.err();
    EXPECT_EQ(server.requestsServed(), 100u);
    auto tooBig = limited("--shard 0/2");
    EXPECT_EQ(tooBig.wait(), 2);
    EXPECT_NE(tooBig.err().find("connections (400, 200 in the largest share) exceed"), std::string::npos) << tooBig.err();
}

// A share that its own abort-on-fail threshold ended says so in its exit status.
TEST(CliShard, aShareEndedByItsAbortOnFailThresholdExits99) {
    LocalTarget server;
    auto run = cli({"--shard", "1/2", "-n", "200", "-c", "2", "--abort-on-fail", "p(50)<1ns", "--no-progress",
                    server.url() + "delay/5"});
    EXPECT_EQ(run.wait(), 99) << run.err();
    EXPECT_NE(run.err().find("threshold failed"), std::string::npos) << run.err();
    EXPECT_LT(server.requestsServed(), 100u);  // stopped early
}
