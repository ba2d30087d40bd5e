// Merging the records of a run's shares: figures that equal one process running the whole
// plan, and refusals that name the record that does not belong.

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "salvo/HdrEncoding.hpp"
#include "salvo/HtmlReport.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RecordMerge.hpp"
#include "salvo/Runner.hpp"
#include "salvo/Shard.hpp"

using namespace salvo;
using Clock = std::chrono::system_clock;

namespace {

constexpr std::uint64_t kCount = 3001;
constexpr std::uint64_t kPerSecond = 1000;
const Clock::time_point kStart = Clock::time_point(std::chrono::seconds(1'764'196'200));

RunInput inputOf(std::vector<std::string> thresholds = {}) {
    RunInput in;
    in.url = "http://127.0.0.1:9/";
    in.count = std::to_string(kCount);
    in.connections = "8";
    for (auto& t : thresholds) in.thresholds.push_back({t, false, {}});
    return in;
}

// A latency for global request k that spreads over several orders of magnitude.
std::uint64_t latencyOf(std::uint64_t k) { return 20'000 + (k * 7919 % 1000) * (k % 7 == 0 ? 5'000 : 97); }

// The result of the plan's requests k with k mod shards == share (all of them for shards 1),
// request k answered in second k / kPerSecond, every 501st with a 503: what a run would have.
RunResult resultOf(const RunInput& in, Shard shard) {
    RunSpec spec = validate(in).spec;
    EXPECT_EQ(applyShard(spec, shard), "");
    RunResult r = RunResult::planFor(spec);
    std::vector<Tally> seconds((kCount + kPerSecond - 1) / kPerSecond);
    for (std::uint64_t k = shard.index; k < kCount; k += shard.count) {
        const int status = k % 501 == 7 ? 503 : 200;
        for (Tally* t : {&r.total, &seconds[k / kPerSecond]}) {
            t->recordSent();
            t->recordResponse(status, 100, latencyOf(k));
        }
    }
    for (const Tally& t : seconds) {
        SecondStats s;
        s.sent = t.sent;
        s.completed = t.completed();
        s.failed = t.failed;
        s.responses = t.latency.count();
        s.latencyP50 = s.serviceP50 = t.latency.percentile(50);
        s.latencyP99 = s.serviceP99 = t.latency.percentile(99);
        s.latencyMax = s.serviceMax = t.latency.max();
        s.connections = r.connections;
        s.latencyHdr = encodeHdrCompressed(t.latency);
        r.timeline.push_back(s);
    }
    r.scheduled = r.total.sent;
    r.elapsedSeconds = static_cast<double>(seconds.size());
    r.outcome = Outcome::finished;
    r.thresholds = judgeThresholds(r.thresholdRules, r, true);
    return r;
}

// A share's record as it comes back from its file.
RunRecord recordOf(const RunInput& in, Shard shard, Clock::time_point started = kStart, std::string host = "") {
    RunSpec spec = validate(in).spec;
    applyShard(spec, shard);
    RunRecord record = makeRecord(spec, resultOf(in, shard), started, false);
    record.host = host.empty() ? "node" + std::to_string(shard.index) : host;
    std::ostringstream text;
    writeRecord(record, text);
    RecordRead read = readRecord(text.str());
    EXPECT_TRUE(read.record) << read.error;
    return std::move(*read.record);
}

std::vector<RunRecord> sharesOf(const RunInput& in, std::uint32_t n) {
    std::vector<RunRecord> shares;
    for (std::uint32_t i = 0; i < n; ++i) shares.push_back(recordOf(in, Shard{i, n, "slurm"}));
    return shares;
}

std::string refusal(const std::vector<RunRecord>& records) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < records.size(); ++i) names.push_back("r" + std::to_string(i) + ".json");
    const MergeOutcome merged = mergeRecords(records, names);
    EXPECT_FALSE(merged.record);
    return merged.error;
}

}  // namespace

TEST(RecordMerge, theMergedFiguresAreTheWholeRunsExactly) {
    const RunInput in = inputOf();
    const RunResult whole = resultOf(in, Shard{});
    for (std::uint32_t n : {2u, 3u, 4u}) {
        const MergeOutcome merged = mergeRecords(sharesOf(in, n), {});
        ASSERT_TRUE(merged.record) << merged.error;
        const RunResult& m = merged.record->result;
        EXPECT_EQ(m.outcome, Outcome::finished);
        EXPECT_TRUE(m.shard.whole());
        EXPECT_EQ(m.planned, kCount);
        EXPECT_EQ(m.load.count, kCount);
        EXPECT_EQ(m.connections, 8u);
        EXPECT_EQ(m.total.sent, kCount);
        EXPECT_EQ(m.scheduled, kCount);
        EXPECT_EQ(m.total.succeeded, whole.total.succeeded);
        EXPECT_EQ(m.total.failed, whole.total.failed);
        EXPECT_EQ(m.total.statusCounts, whole.total.statusCounts);
        EXPECT_EQ(m.total.bytesReceived, whole.total.bytesReceived);
        // The histograms add bucket for bucket: every percentile is the whole run's.
        EXPECT_TRUE(m.total.latency == whole.total.latency);
        for (double p : {50.0, 90.0, 99.0, 99.9, 100.0})
            EXPECT_EQ(m.total.latency.percentile(p), whole.total.latency.percentile(p)) << p;
        ASSERT_EQ(m.timeline.size(), whole.timeline.size());
        for (std::size_t s = 0; s < m.timeline.size(); ++s) {
            EXPECT_EQ(m.timeline[s].completed, whole.timeline[s].completed) << s;
            EXPECT_EQ(m.timeline[s].failed, whole.timeline[s].failed) << s;
            EXPECT_EQ(m.timeline[s].latencyP99, whole.timeline[s].latencyP99) << s;
            EXPECT_EQ(m.timeline[s].latencyMax, whole.timeline[s].latencyMax) << s;
            EXPECT_EQ(m.timeline[s].connections, 8u) << s;
        }
        ASSERT_EQ(merged.record->mergedFrom.size(), n);
        EXPECT_EQ(merged.record->mergedFrom.back().host, "node" + std::to_string(n - 1));
        EXPECT_EQ(merged.record->host, n == 4 ? "node0, node1, node2 and 1 more" : n == 3 ? "node0, node1, node2" : "node0, node1");
    }
}

TEST(RecordMerge, refusesRecordsThatAreNotTheSharesOfOneRunNamingThem) {
    const RunInput in = inputOf();
    auto shares = sharesOf(in, 3);

    auto missing = shares;
    missing.erase(missing.begin() + 1);
    EXPECT_EQ(refusal(missing), "1 of 3 shares missing (index 1): merge needs every share's record");

    auto twice = shares;
    twice.push_back(shares[2]);
    EXPECT_EQ(refusal(twice), "r2.json and r3.json are both share 3 of 3 (index 2): each share must be given once");

    auto whole = shares;
    whole[1] = recordOf(in, Shard{});
    EXPECT_EQ(refusal(whole), "r1.json is not a share of a split run (it was not run with --shard)");

    auto otherCount = shares;
    otherCount[2] = recordOf(in, Shard{2, 4, "slurm"});
    EXPECT_EQ(refusal(otherCount), "r2.json is share 3 of 4 (index 2), but r0.json is share 1 of 3 (index 0): not shares of one run");

    RunInput elsewhere = in;
    elsewhere.url = "http://127.0.0.1:10/";
    auto foreign = shares;
    foreign[1] = recordOf(elsewhere, Shard{1, 3, "slurm"});
    EXPECT_EQ(refusal(foreign), "r1.json is a share of another plan than r0.json: their \"spec\" differs in \"url\"");

    RunInput bigger = in;
    bigger.count = "6000";
    auto otherLoad = shares;
    otherLoad[0] = recordOf(bigger, Shard{0, 3, "slurm"});
    EXPECT_NE(refusal(otherLoad).find("r0.json's load is not its part of the same plan"), std::string::npos);

    auto otherStart = shares;
    otherStart[2].plannedStart = "2026-11-26T22:30:00.000Z";
    EXPECT_EQ(refusal(otherStart), "r2.json was planned to start at 2026-11-26T22:30:00.000Z, r0.json at no --start-at: "
                                   "shares of different runs");

    auto later = shares;
    later[1] = recordOf(in, Shard{1, 3, "slurm"}, kStart + std::chrono::hours(25));
    EXPECT_EQ(refusal(later), "r1.json started more than a day apart from r0.json (2025-11-27T23:30:00.000Z, "
                              "2025-11-26T22:30:00.000Z): not shares of one run");
    auto badTime = shares;
    badTime[2].startedAt = "2025-02-30T00:00:00.000Z";
    EXPECT_EQ(refusal(badTime), "r2.json's started_at (2025-02-30T00:00:00.000Z) is not a time");

    auto judged = shares;
    judged[1] = recordOf(inputOf({"p(99)<1s"}), Shard{1, 3, "slurm"});
    EXPECT_EQ(refusal(judged), "r1.json has other thresholds than r0.json");

    auto impossible = shares;
    impossible[0].result.shard.index = 7;
    EXPECT_EQ(refusal(impossible), "r0.json has share index 7 of 3 shares: not a share Salvo makes");

    EXPECT_EQ(refusal({shares[0]}), "merge needs the records of two or more shares of one run");
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record);
    EXPECT_EQ(refusal({*merged.record, shares[0]}), "r0.json is already a merged record: merge the shares' own records");
}

// Each share passes "status_503<5" on its own; the whole run does not.
TEST(RecordMerge, thresholdsAreJudgedOnTheMergedFigures) {
    const RunInput in = inputOf({"status_503<5", "p(50)<1s"});
    const auto shares = sharesOf(in, 4);
    for (const auto& s : shares) {
        ASSERT_EQ(s.result.thresholds.size(), 2u);
        EXPECT_EQ(s.result.thresholds[0].state, ThresholdState::passed);
    }
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record) << merged.error;
    const auto& t = merged.record->result.thresholds;
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].threshold, "status_503<5");
    EXPECT_EQ(t[0].state, ThresholdState::failed);
    EXPECT_EQ(t[0].value, 6);  // k % 501 == 7 for k < 3001, at most 2 in any share
    EXPECT_EQ(t[1].state, ThresholdState::passed);
}

TEST(RecordMerge, keepsTheWorstOutcomeAndVerdictWithEachSharesMessage) {
    auto shares = sharesOf(inputOf(), 3);
    shares[1].result.outcome = Outcome::cancelled;
    shares[1].result.message = "interrupted";
    shares[2].result.limits.verdict = Verdict::generatorLimited;
    shares[2].result.limits.message = "the schedule ran 40 ms late";
    shares[0].result.limits.verdict = Verdict::connectionLimited;
    shares[0].result.limits.peakConnections = 3;
    shares[2].result.limits.peakConnections = 2;
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record) << merged.error;
    const RunResult& m = merged.record->result;
    EXPECT_EQ(m.outcome, Outcome::cancelled);
    EXPECT_EQ(m.message, "share index 1: interrupted");
    EXPECT_EQ(m.limits.verdict, Verdict::generatorLimited);
    EXPECT_EQ(m.limits.message, "share index 2: the schedule ran 40 ms late");
    EXPECT_EQ(m.limits.peakConnections, 5u);
}

// A share that started two seconds after the others adds its seconds two seconds later.
TEST(RecordMerge, alignsTimelinesOnWhenEachShareStarted) {
    const RunInput in = inputOf();
    std::vector<RunRecord> shares{recordOf(in, Shard{0, 2, ""}, kStart + std::chrono::milliseconds(300)),
                                  recordOf(in, Shard{1, 2, ""}, kStart + std::chrono::milliseconds(2200))};
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record) << merged.error;
    const RunResult& m = merged.record->result;
    const auto& a = shares[0].result.timeline;
    const auto& b = shares[1].result.timeline;
    ASSERT_EQ(m.timeline.size(), 2 + b.size());
    EXPECT_EQ(m.timeline[0].completed, a[0].completed);
    EXPECT_EQ(m.timeline[1].completed, a[1].completed);
    EXPECT_EQ(m.timeline[2].completed, a[2].completed + b[0].completed);
    EXPECT_EQ(m.timeline[4].completed, b[2].completed);
    EXPECT_NEAR(m.elapsedSeconds, 1.9 + b.size(), 1e-9);
    EXPECT_EQ(merged.record->startedAt, "2025-11-26T22:30:00.300Z");
}

TEST(RecordMerge, mergedAndShareRecordsReadBackWithTheirShareAndStart) {
    auto shares = sharesOf(inputOf(), 2);
    EXPECT_EQ(shares[1].result.shard.index, 1u);
    EXPECT_EQ(shares[1].result.shard.count, 2u);
    EXPECT_EQ(shares[1].result.shard.source, "slurm");
    for (auto& s : shares) s.plannedStart = "2025-11-26T22:29:58.000Z";
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record) << merged.error;
    std::ostringstream text;
    writeRecord(*merged.record, text);
    const RecordRead read = readRecord(text.str());
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_EQ(read.record->plannedStart, "2025-11-26T22:29:58.000Z");
    EXPECT_EQ(read.record->mergedFrom, merged.record->mergedFrom);
    EXPECT_TRUE(read.record->result.shard.whole());
    EXPECT_EQ(text.str().find("\"shard\":{"), std::string::npos);  // the merged run is whole
    EXPECT_FALSE(readRecord(R"({"format":"salvo.run/1"})").record);
    // A share count no run has is refused when read, before anything is sized by it.
    std::ostringstream share;
    writeRecord(shares[1], share);
    std::string edited = share.str();
    const std::size_t at = edited.find("\"count\":2,\"source\"");
    ASSERT_NE(at, std::string::npos) << edited.substr(0, 400);
    edited.replace(at, 10, "\"count\":400000000,");
    const RecordRead hostile = readRecord(edited);
    EXPECT_FALSE(hostile.record);
    EXPECT_NE(hostile.error.find("shard.count: not from 1 to 10000"), std::string::npos) << hostile.error;
}

// Real shares of a run against one server: the merged record counts what the server saw.
TEST(RecordMerge, realSharesMergeToWhatTheServerSaw) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.count = "2003";
    in.connections = "6";
    std::vector<RunRecord> records;
    for (std::uint32_t s = 0; s < 3; ++s) {
        RunSpec spec = validate(in).spec;
        ASSERT_EQ(applyShard(spec, Shard{s, 3, "--shard"}), "");
        records.push_back(makeRecord(spec, runBlocking(spec), Clock::now(), false));
    }
    const MergeOutcome merged = mergeRecords(records, {});
    ASSERT_TRUE(merged.record) << merged.error;
    EXPECT_EQ(merged.record->result.total.succeeded, 2003u);
    EXPECT_EQ(merged.record->result.total.latency.count(), 2003u);
    EXPECT_EQ(server.requestsServed(), 2003u);
}

TEST(RecordMerge, theHtmlReportSaysWhereAMergedRunAndAShareCameFrom) {
    auto shares = sharesOf(inputOf(), 3);
    for (auto& s : shares) s.plannedStart = "2025-11-26T22:29:58.000Z";
    const MergeOutcome merged = mergeRecords(shares, {});
    ASSERT_TRUE(merged.record) << merged.error;
    std::ostringstream html;
    writeHtmlReport({&*merged.record}, html);
    EXPECT_NE(html.str().find("<dt>Merged</dt><dd>from 3 shares</dd>"), std::string::npos);
    EXPECT_NE(html.str().find("<dt>Hosts</dt><dd>node0, node1, node2</dd>"), std::string::npos);
    EXPECT_NE(html.str().find("<dt>Planned start</dt><dd>2025-11-26T22:29:58.000Z</dd>"), std::string::npos);
    std::ostringstream share;
    writeHtmlReport({&shares[1]}, share);
    EXPECT_NE(share.str().find("<dt>Share</dt><dd>2 of 3 (index 1): its own part of the run</dd>"), std::string::npos);
}
