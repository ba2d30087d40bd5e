#include "CliShard.hpp"

#include <cstdio>
#include <thread>

#include "CliRun.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Shard.hpp"

namespace salvo::cli {
namespace {

using Clock = std::chrono::system_clock;
constexpr auto kLongestWait = std::chrono::hours(24);  // further ahead is a typo, not a plan

bool fail(const std::string& message, std::ostream& err) {
    err << "salvo-cli: " << message << '\n';
    return false;
}

bool readStart(const CliOptions& options, ShareStart& start, std::ostream& err) {
    if (options.startAt.empty())
        return options.startTolerance.empty() || fail("--start-tolerance applies to --start-at: give one", err);
    const StartAt at = parseStartAt(options.startAt);
    if (!at.at) return fail(at.error, err);
    if (*at.at - Clock::now() > kLongestWait)
        return fail("--start-at " + formatUtc(*at.at) + " is more than 24 hours away", err);
    start.startAt = at.at;
    if (options.startTolerance.empty()) return true;
    const auto tolerance = parseStartTolerance(options.startTolerance);
    if (!tolerance) return fail("--start-tolerance takes a duration (500ms, 2s, 1m), not '" + options.startTolerance + "'", err);
    start.toleranceSeconds = *tolerance;
    return true;
}

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", s);
    return text;
}

}  // namespace

bool readShare(const CliOptions& options, ShareStart& start, std::ostream& err) {
    if (!readStart(options, start, err)) return false;
    start.recordPath = options.recordPath;
    if (options.shard.empty()) {
        if (!options.shards.empty()) return fail("--shards N goes with --shard auto (or --shard I/N)", err);
        if (options.recordPath.find("{shard}") != std::string::npos)
            return fail("--record " + options.recordPath + ": {shard} stands for the share of --shard; give --shard", err);
        return true;
    }
    if (!options.junitPath.empty())
        return fail("--junit reports the run's thresholds, which a share cannot judge: give it to salvo-cli merge", err);
    const ShardRead read = readShard(options.shard, options.shards, environmentVariable);
    if (!read.shard) return fail(read.error, err);
    start.shard = read.shard;
    start.recordPath = expandShardPath(options.recordPath, *read.shard);
    return true;
}

bool applyShare(const ShareStart& start, RunSpec& spec, std::ostream& err) {
    if (!start.shard) return true;
    const std::string why = applyShard(spec, *start.shard);
    return why.empty() || fail(why, err);
}

int waitForStart(const ShareStart& start, const Shard& shard, const std::atomic<bool>& interrupted, bool chatty,
                 std::ostream& err) {
    if (!start.startAt) return kExitOk;
    const auto at = *start.startAt;
    const bool early = Clock::now() < at;  // then it is on time, however long the wait overshoots
    const std::string who = shard.whole() ? std::string("this run")
                                          : "share " + std::to_string(shard.index + 1) + " of " + std::to_string(shard.count) +
                                                " (index " + std::to_string(shard.index) + ")";
    if (chatty && at > Clock::now())
        err << "salvo-cli: " << who << " starts at " << formatUtc(at) << " (in "
            << seconds(std::chrono::duration<double>(at - Clock::now()).count()) << ")" << std::endl;
    // In short sleeps, so that Ctrl-C is answered at once.
    while (Clock::now() < at) {
        if (interrupted.load()) return kExitInterrupted;
        std::this_thread::sleep_until(std::min(at, Clock::now() + std::chrono::milliseconds(50)));
    }
    const double late = std::chrono::duration<double>(Clock::now() - at).count();
    if (early || late <= start.toleranceSeconds) return kExitOk;
    err << "salvo-cli: " << who << " is " << seconds(late) << " late for --start-at " << formatUtc(at)
        << " (more than --start-tolerance " << seconds(start.toleranceSeconds)
        << "): not starting, rather than sending in a burst to catch up or out of step with the other shares\n";
    return kExitFailures;
}

}  // namespace salvo::cli
