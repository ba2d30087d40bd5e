// A run split over machines: the share arithmetic, --shard auto from each scheduler's
// environment, --start-at, and shares that together send exactly the whole plan.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"
#include "salvo/Schedule.hpp"
#include "salvo/Shard.hpp"

using namespace salvo;

namespace {

VariableLookup environment(std::map<std::string, std::string> variables) {
    return [variables](const std::string& name) -> std::optional<std::string> {
        const auto it = variables.find(name);
        if (it == variables.end()) return std::nullopt;
        return it->second;
    };
}

RunSpec specOf(RunInput in) {
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.errors.empty() ? "" : v.errors.front().message);
    return v.spec;
}

// Every global index and due time a share's worker takes, as Runner hands them out.
std::map<std::uint64_t, double> dueOf(const LoadPlan& plan, std::uint32_t first, std::uint32_t stride) {
    std::map<std::uint64_t, double> due;
    Schedule schedule(plan, first, stride);
    while (schedule.nextDue() != RateCurve::kForever && due.size() < 1'000'000) {
        due[schedule.nextIndex()] = schedule.nextDue();
        schedule.advance();
    }
    return due;
}

// The shares (with `threads` workers each) of a plan, taken together: no index twice.
std::map<std::uint64_t, double> allShares(const LoadPlan& plan, std::uint32_t shards, std::uint32_t threads) {
    std::map<std::uint64_t, double> all;
    for (std::uint32_t s = 0; s < shards; ++s)
        for (std::uint32_t t = 0; t < threads; ++t)
            for (const auto& [index, due] : dueOf(plan, s + shards * t, shards * threads)) {
                EXPECT_TRUE(all.emplace(index, due).second) << "index " << index << " taken twice";
                EXPECT_EQ(index % shards, s) << "share " << s << " took index " << index;
            }
    return all;
}

}  // namespace

TEST(ShardArithmetic, aCountSplitsExactlyWithTheRemainderOnTheFirstShares) {
    for (std::uint64_t n : {0ull, 1ull, 3ull, 4ull, 1001ull, 4003ull, 1'000'000'007ull})
        for (std::uint32_t shards : {1u, 2u, 3u, 4u, 7u, 10'000u}) {
            std::uint64_t sum = 0;
            for (std::uint32_t i = 0; i < shards; ++i) {
                const std::uint64_t share = shareOf(n, i, shards);
                EXPECT_EQ(share, n / shards + (i < n % shards ? 1 : 0));
                sum += share;
            }
            EXPECT_EQ(sum, n) << n << " over " << shards;
        }
    EXPECT_EQ(shareOf(4003, 0, 4), 1001u);
    EXPECT_EQ(shareOf(4003, 2, 4), 1001u);
    EXPECT_EQ(shareOf(4003, 3, 4), 1000u);
}

TEST(ShardArithmetic, sharesOfARateTogetherAreTheWholeScheduleWithNoRequestTwice) {
    LoadPlan plan;
    plan.rate = 997;
    plan.durationSeconds = 3;
    plan.count = kNoCountLimit;
    const auto whole = dueOf(plan, 0, 1);
    for (std::uint32_t shards : {2u, 3u, 4u})
        for (std::uint32_t threads : {1u, 2u}) EXPECT_EQ(allShares(plan, shards, threads), whole) << shards << "x" << threads;
}

TEST(ShardArithmetic, sharesOfARampKeepTheRampExactAndInterleaveEvenly) {
    LoadPlan plan;
    plan.startRate = 10;
    plan.stages = {{2, 500}, {1, 500}, {2, 0}};
    plan.durationSeconds = 5;
    plan.count = kNoCountLimit;
    const auto whole = dueOf(plan, 0, 1);
    ASSERT_GT(whole.size(), 1000u);
    EXPECT_EQ(allShares(plan, 4, 2), whole);
    // Each share holds every 4th due request: in any stretch of the ramp, the shares' counts
    // differ by at most one.
    for (double from = 0; from < 5; from += 0.5) {
        std::vector<int> perShare(4, 0);
        for (const auto& [index, due] : whole)
            if (due >= from && due < from + 0.5) ++perShare[index % 4];
        const auto [low, high] = std::minmax_element(perShare.begin(), perShare.end());
        EXPECT_LE(*high - *low, 1) << "from " << from;
    }
}

TEST(ShardArithmetic, sharesOfPoissonArrivalsReplayTheOneSeededSchedule) {
    LoadPlan plan;
    plan.rate = 500;
    plan.durationSeconds = 2;
    plan.count = 900;
    plan.arrival = Arrival::poisson;
    plan.seed = 42;
    const auto whole = dueOf(plan, 0, 1);
    EXPECT_EQ(whole.size(), 900u);
    EXPECT_EQ(allShares(plan, 3, 2), whole);
}

TEST(ShardArithmetic, aSharesLoadTellsItsOwnPart) {
    LoadPlan plan;
    plan.count = 1003;
    plan.rate = 400;
    plan.maxConnections = 10;
    plan.durationSeconds = 5;
    const LoadPlan share = shareLoad(plan, Shard{3, 4, "--shard"});
    EXPECT_EQ(share.count, 250u);
    EXPECT_DOUBLE_EQ(*share.rate, 100);
    EXPECT_EQ(share.maxConnections, 2u);
    EXPECT_DOUBLE_EQ(share.durationSeconds, 5);
    LoadPlan ramp;
    ramp.count = kNoCountLimit;
    ramp.startRate = 40;
    ramp.stages = {{1, 200}};
    const LoadPlan part = shareLoad(ramp, Shard{0, 4, "--shard"});
    EXPECT_EQ(part.count, kNoCountLimit);
    EXPECT_DOUBLE_EQ(part.startRate, 10);
    EXPECT_DOUBLE_EQ(part.stages[0].targetRps, 50);
}

TEST(ShardFlag, readsIndexOverTotalCountedFromZero) {
    const auto none = environment({});
    const ShardRead read = readShard("2/4", "", none);
    ASSERT_TRUE(read.shard) << read.error;
    EXPECT_EQ(read.shard->index, 2u);
    EXPECT_EQ(read.shard->count, 4u);
    EXPECT_EQ(read.shard->source, "--shard");
    EXPECT_TRUE(readShard(" 0/1 ", "", none).shard);
    EXPECT_TRUE(readShard("1/3", "3", none).shard);
    const std::pair<const char*, const char*> bad[] = {
        {"4/4", "counted from 0"}, {"1", "I/N"}, {"a/4", "--shard's index"}, {"1/0", "--shard's total"},
        {"-1/4", "--shard's index"}, {"1/4/2", "--shard's total"}, {"1/10001", "too large"}, {"", "I/N"}};
    for (const auto& [text, words] : bad) {
        const ShardRead r = readShard(text, "", none);
        EXPECT_FALSE(r.shard) << text;
        EXPECT_NE(r.error.find(words), std::string::npos) << text << ": " << r.error;
    }
    const ShardRead disagree = readShard("1/4", "3", none);
    EXPECT_FALSE(disagree.shard);
    EXPECT_NE(disagree.error.find("--shards 3 disagrees with --shard 1/4"), std::string::npos) << disagree.error;
}

TEST(ShardAuto, readsSlurmsTaskRankAndCount) {
    const ShardRead read = readShard("auto", "", environment({{"SLURM_PROCID", "3"}, {"SLURM_NTASKS", "4"}}));
    ASSERT_TRUE(read.shard) << read.error;
    EXPECT_EQ(read.shard->index, 3u);
    EXPECT_EQ(read.shard->count, 4u);
    EXPECT_EQ(read.shard->source, "slurm");
    const ShardRead onlyRank = readShard("auto", "", environment({{"SLURM_PROCID", "0"}}));
    EXPECT_NE(onlyRank.error.find("SLURM_NTASKS is not"), std::string::npos) << onlyRank.error;
    const ShardRead beyond = readShard("auto", "", environment({{"SLURM_PROCID", "4"}, {"SLURM_NTASKS", "4"}}));
    EXPECT_NE(beyond.error.find("SLURM_PROCID gives share 4"), std::string::npos) << beyond.error;
    const ShardRead garbled = readShard("auto", "", environment({{"SLURM_PROCID", "x"}, {"SLURM_NTASKS", "4"}}));
    EXPECT_NE(garbled.error.find("SLURM_PROCID must be a whole number"), std::string::npos) << garbled.error;
    const ShardRead disagree = readShard("auto", "8", environment({{"SLURM_PROCID", "1"}, {"SLURM_NTASKS", "4"}}));
    EXPECT_NE(disagree.error.find("--shards 8 disagrees with SLURM_NTASKS=4"), std::string::npos) << disagree.error;
}

TEST(ShardAuto, readsAKubernetesIndexedJobWithTheTotalFromAFlagOrSalvoShards) {
    const auto job = environment({{"JOB_COMPLETION_INDEX", "5"}});
    const ShardRead flag = readShard("auto", "8", job);
    ASSERT_TRUE(flag.shard) << flag.error;
    EXPECT_EQ(flag.shard->index, 5u);
    EXPECT_EQ(flag.shard->count, 8u);
    EXPECT_EQ(flag.shard->source, "kubernetes");
    const ShardRead variable = readShard("auto", "", environment({{"JOB_COMPLETION_INDEX", "5"}, {"SALVO_SHARDS", "6"}}));
    ASSERT_TRUE(variable.shard) << variable.error;
    EXPECT_EQ(variable.shard->count, 6u);
    const ShardRead noTotal = readShard("auto", "", job);
    EXPECT_NE(noTotal.error.find("give --shards N or set SALVO_SHARDS"), std::string::npos) << noTotal.error;
    const ShardRead small = readShard("auto", "", environment({{"JOB_COMPLETION_INDEX", "5"}, {"SALVO_SHARDS", "5"}}));
    EXPECT_NE(small.error.find("JOB_COMPLETION_INDEX gives share 5"), std::string::npos) << small.error;
}

TEST(ShardAuto, readsGnuParallelsJobNumberWhichCountsFromOne) {
    const ShardRead read = readShard("auto", "4", environment({{"PARALLEL_SEQ", "1"}}));
    ASSERT_TRUE(read.shard) << read.error;
    EXPECT_EQ(read.shard->index, 0u);
    EXPECT_EQ(read.shard->source, "parallel");
    EXPECT_EQ(readShard("auto", "4", environment({{"PARALLEL_SEQ", "4"}})).shard->index, 3u);
    const ShardRead zero = readShard("auto", "4", environment({{"PARALLEL_SEQ", "0"}}));
    EXPECT_NE(zero.error.find("PARALLEL_SEQ must be at least 1"), std::string::npos) << zero.error;
    const ShardRead five = readShard("auto", "4", environment({{"PARALLEL_SEQ", "5"}}));
    EXPECT_NE(five.error.find("PARALLEL_SEQ gives share 4"), std::string::npos) << five.error;
}

TEST(ShardAuto, withoutASchedulersEnvironmentSaysWhatItLookedFor) {
    const ShardRead read = readShard("auto", "4", environment({{"SALVO_SHARDS", "4"}}));
    EXPECT_FALSE(read.shard);
    for (const char* name : {"SLURM_PROCID", "JOB_COMPLETION_INDEX", "PARALLEL_SEQ", "--shard I/N"})
        EXPECT_NE(read.error.find(name), std::string::npos) << read.error;
}

TEST(ApplyShard, refusesAPlanTooSmallToSplit) {
    RunInput in;
    in.url = "http://127.0.0.1:9/";
    in.count = "10";
    in.connections = "3";
    RunSpec spec = specOf(in);
    const std::string few = applyShard(spec, Shard{0, 4, "--shard"});
    EXPECT_NE(few.find("connections (3) cannot be split over 4 shares"), std::string::npos) << few;
    in.count = "3";
    in.connections = "3";
    spec = specOf(in);
    EXPECT_EQ(applyShard(spec, Shard{0, 2, "--shard"}), "");
    EXPECT_EQ(applyShard(spec, Shard{2, 3, "--shard"}), "");  // 3 requests over 3 connections: one each
    in.count = "2";
    in.connections = "";
    spec = specOf(in);
    EXPECT_NE(applyShard(spec, Shard{0, 3, "--shard"}).find("connections (2)"), std::string::npos);
}

// A count or a rate over the whole run cannot be judged live by one share; a ratio or a latency
// can, each share on its own part.
TEST(ApplyShard, refusesAbortOnFailThresholdsThatSumOverTheShares) {
    RunInput in;
    in.url = "http://127.0.0.1:9/";
    in.count = "100";
    in.connections = "4";
    in.expectStatus = "2xx";  // something for checks_failed to count
    for (const char* additive : {"rps>300", "failed<10", "status_5xx==0", "dropped==0", "checks_failed==0"}) {
        in.thresholds = {{additive, true, {}}};
        RunSpec spec = specOf(in);
        const std::string why = applyShard(spec, Shard{0, 2, "--shard"});
        EXPECT_NE(why.find(std::string("the abort-on-fail threshold '") + additive + "' counts over the whole run"),
                  std::string::npos) << why;
        in.thresholds = {{additive, false, {}}};
        spec = specOf(in);
        EXPECT_EQ(applyShard(spec, Shard{0, 2, "--shard"}), "") << additive;  // judged when merged
    }
    for (const char* ratio : {"error_rate<1%", "p(99)<1s", "service_time.max<2s"}) {
        in.thresholds = {{ratio, true, {}}};
        RunSpec spec = specOf(in);
        EXPECT_EQ(applyShard(spec, Shard{0, 2, "--shard"}), "") << ratio;
    }
}

TEST(ApplyShard, splitsConnectionsAndKeepsThreadsWithinThem) {
    RunInput in;
    in.url = "http://127.0.0.1:9/";
    in.count = "1000";
    in.connections = "10";
    in.threads = "4";
    RunSpec spec = specOf(in);
    ASSERT_EQ(applyShard(spec, Shard{3, 4, "--shard"}), "");
    EXPECT_EQ(shareConnections(spec), 2u);
    EXPECT_EQ(shareThreads(spec), 2u);
    EXPECT_EQ(spec.connections, 10u);  // the spec keeps the whole plan: records compare it
    const RunResult plan = RunResult::planFor(spec);
    EXPECT_EQ(plan.planned, 250u);
    EXPECT_EQ(plan.connections, 2u);
    EXPECT_EQ(plan.threads, 2u);
    EXPECT_EQ(plan.shard.index, 3u);
}

TEST(StartAt, readsEpochSecondsMillisecondsAndRfc3339) {
    using namespace std::chrono;
    const auto at = [](const std::string& text) {
        const StartAt s = parseStartAt(text);
        EXPECT_TRUE(s.at) << text << ": " << s.error;
        return s.at ? duration_cast<milliseconds>(s.at->time_since_epoch()).count() : -1;
    };
    EXPECT_EQ(at("1764196200"), 1764196200000);
    EXPECT_EQ(at("1764196200.25"), 1764196200250);
    EXPECT_EQ(at("1764196200250"), 1764196200250);
    EXPECT_EQ(at("2025-11-26T22:30:00Z"), 1764196200000);
    EXPECT_EQ(at("2025-11-26T22:30:00.250Z"), 1764196200250);
    EXPECT_EQ(at("2025-11-26t23:30:00+01:00"), 1764196200000);
    EXPECT_EQ(at("2025-11-26T17:00:00-05:30"), 1764196200000);
    for (const char* bad : {"", "soon", "2025-11-26", "2025-11-26T22:30:00", "2025-02-30T00:00:00Z",
                            "2025-11-26T24:00:00Z", "2025-11-26T22:30:00+1:00", "17641962OO", "1e9", "-5",
                            "99999999999999999", "99999999999", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
                            "2025-11-26T22:30:00+99:99", "2025-11-26T22:30:00+01:60"}) {
        const StartAt s = parseStartAt(bad);
        EXPECT_FALSE(s.at) << bad;
        EXPECT_FALSE(s.error.empty()) << bad;
    }
}

TEST(StartAt, toleranceIsADuration) {
    EXPECT_EQ(parseStartTolerance("2s"), 2.0);
    EXPECT_EQ(parseStartTolerance("500ms"), 0.5);
    EXPECT_EQ(parseStartTolerance("3"), 3.0);
    EXPECT_FALSE(parseStartTolerance("soon"));
    EXPECT_FALSE(parseStartTolerance("-1s"));
}

TEST(ShardPath, expandsEveryShardToken) {
    EXPECT_EQ(expandShardPath("out/{shard}.json", Shard{2, 4, ""}), "out/2.json");
    EXPECT_EQ(expandShardPath("{shard}/{shard}", Shard{11, 12, ""}), "11/11");
    EXPECT_EQ(expandShardPath("plain.json", Shard{1, 2, ""}), "plain.json");
    EXPECT_EQ(expandShardPath("{shar}d.json", Shard{1, 2, ""}), "{shar}d.json");
}

// Three processes' shares of one closed-model plan against one server: together exactly the
// whole count, as the server counted, each share its exact part.
TEST(ShardRun, closedModelSharesSendTheWholeCountExactly) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.count = "1001";
    in.connections = "7";
    in.threads = "2";
    std::uint64_t completed = 0;
    for (std::uint32_t s = 0; s < 3; ++s) {
        RunSpec spec = specOf(in);
        ASSERT_EQ(applyShard(spec, Shard{s, 3, "--shard"}), "");
        const RunResult r = runBlocking(spec);
        EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
        EXPECT_EQ(r.planned, s == 0 || s == 1 ? 334u : 333u);
        EXPECT_EQ(r.total.succeeded, r.planned);
        EXPECT_EQ(r.connections, s == 0 ? 3u : 2u);
        completed += r.total.completed();
    }
    EXPECT_EQ(completed, 1001u);
    EXPECT_EQ(server.requestsServed(), 1001u);
}

// Named requests: a share takes the plan's picks I, I + N, ... (closed model) or its due
// requests' own places in the cycle (open model), so the shares together send each request as
// often as one process running the whole plan does. 703 is not a multiple of the cycle (7).
TEST(ShardRun, namedRequestsKeepTheirWeightsAcrossShares) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.count = "703";
    in.connections = "4";
    in.threads = "2";
    for (const auto& [name, weight] : {std::pair{"a", "1"}, {"b", "3"}, {"c", "3"}}) {
        NamedRequestInput request;
        request.name = name;
        request.url = std::string("/") + name;
        request.weight = weight;
        in.requests.push_back(request);
    }
    for (const char* rate : {"", "2000"}) {
        in.rate = rate;
        const RunResult whole = runBlocking(specOf(in));
        std::map<std::string, std::uint64_t> shares;
        for (std::uint32_t s = 0; s < 4; ++s) {
            RunSpec spec = specOf(in);
            ASSERT_EQ(applyShard(spec, Shard{s, 4, "--shard"}), "");
            const RunResult r = runBlocking(spec);
            for (std::size_t i = 0; i < r.requestNames.size(); ++i) shares[r.requestNames[i]] += r.requests[i].completed();
        }
        for (std::size_t i = 0; i < whole.requestNames.size(); ++i)
            EXPECT_EQ(shares[whole.requestNames[i]], whole.requests[i].completed()) << whole.requestNames[i] << " rate " << rate;
        EXPECT_EQ(shares["a"], 101u) << "rate " << rate;  // 703 = 100 cycles of 7 + a, b, c
    }
}

// Open model: each share sends every N-th due request of the one schedule, and its report
// tells its own target rate.
TEST(ShardRun, openModelSharesTogetherScheduleTheWholePlan) {
    LocalTarget server;
    RunInput in;
    in.url = server.url();
    in.rate = "300";
    in.duration = "1s";
    in.connections = "4";
    std::uint64_t scheduled = 0, sent = 0;
    for (std::uint32_t s = 0; s < 2; ++s) {
        RunSpec spec = specOf(in);
        ASSERT_EQ(applyShard(spec, Shard{s, 2, "--shard"}), "");
        const RunResult r = runBlocking(spec);
        EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
        EXPECT_DOUBLE_EQ(*r.load.rate, 150);
        EXPECT_EQ(r.scheduled, 150u);
        ASSERT_FALSE(r.timeline.empty());
        EXPECT_DOUBLE_EQ(r.timeline.front().targetRps, 150);
        scheduled += r.scheduled;
        sent += r.sent();
    }
    EXPECT_EQ(scheduled, 300u);
    EXPECT_EQ(sent, 300u);
    EXPECT_EQ(server.requestsServed(), 300u);
}
