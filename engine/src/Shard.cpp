#include "salvo/Shard.hpp"

#include <cctype>
#include <algorithm>

#include "TextInput.hpp"

namespace salvo {

std::uint64_t shareOf(std::uint64_t n, std::uint32_t index, std::uint32_t count) {
    if (count <= 1) return n;
    return n / count + (index < n % count ? 1 : 0);
}

namespace {

// A whole number read from the environment or a flag, named in the message when it is not one.
bool readWhole(const std::string& text, const std::string& what, std::uint64_t min, std::uint64_t max,
               std::uint64_t& out, std::string& error) {
    std::string message;
    if (parseWhole(text, what.c_str(), min, max, out, message)) return true;
    error = message;
    return false;
}

// The total for an engine that gives only the index: --shards, else SALVO_SHARDS.
bool totalFor(const char* engine, const std::string& shards, const VariableLookup& env, std::uint64_t& total,
              std::string& error) {
    if (!trim(shards).empty()) return readWhole(shards, "--shards", 1, kMaxShards, total, error);
    const auto variable = env(kShardsVariable);
    if (!variable) {
        error = std::string(engine) + " gives the index but not the total: give --shards N or set " + kShardsVariable;
        return false;
    }
    return readWhole(*variable, kShardsVariable, 1, kMaxShards, total, error);
}

// Where the index came from, and the variable that holds it.
struct Found {
    const char* source;
    const char* variable;
};

// GNU parallel, Slurm (srun sets both of its variables), a Kubernetes Indexed Job: the first
// whose variable is set. Parallel first: it is the innermost launcher when it runs inside a
// Slurm allocation (whose batch script has SLURM_PROCID too). Errors without the "--shard auto: "
// that the caller adds.
std::optional<Found> readEnvironment(const std::string& shards, const VariableLookup& env, std::uint64_t& index,
                                     std::uint64_t& total, std::string& error) {
    if (const auto seq = env("PARALLEL_SEQ")) {
        if (!readWhole(*seq, "PARALLEL_SEQ", 1, kMaxShards, index, error) ||
            !totalFor("GNU parallel (PARALLEL_SEQ)", shards, env, total, error))
            return std::nullopt;
        --index;  // parallel counts its jobs from 1
        return Found{"parallel", "PARALLEL_SEQ"};
    }
    if (const auto procid = env("SLURM_PROCID")) {
        const auto ntasks = env("SLURM_NTASKS");
        if (!ntasks) return error = "SLURM_PROCID is set but SLURM_NTASKS is not (start the shares with srun)", std::nullopt;
        if (!readWhole(*procid, "SLURM_PROCID", 0, kMaxShards - 1, index, error) ||
            !readWhole(*ntasks, "SLURM_NTASKS", 1, kMaxShards, total, error))
            return std::nullopt;
        std::uint64_t given = 0;
        if (!trim(shards).empty() && !readWhole(shards, "--shards", 1, kMaxShards, given, error)) return std::nullopt;
        if (!trim(shards).empty() && given != total)
            return error = "--shards " + trim(shards) + " disagrees with SLURM_NTASKS=" + *ntasks, std::nullopt;
        return Found{"slurm", "SLURM_PROCID"};
    }
    if (const auto completion = env("JOB_COMPLETION_INDEX")) {
        if (!readWhole(*completion, "JOB_COMPLETION_INDEX", 0, kMaxShards - 1, index, error) ||
            !totalFor("a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)", shards, env, total, error))
            return std::nullopt;
        return Found{"kubernetes", "JOB_COMPLETION_INDEX"};
    }
    error = "no scheduler's environment found (Slurm's SLURM_PROCID and SLURM_NTASKS, a Kubernetes Indexed Job's "
            "JOB_COMPLETION_INDEX, GNU parallel's PARALLEL_SEQ): give --shard I/N instead";
    return std::nullopt;
}

ShardRead fromEnvironment(const std::string& shards, const VariableLookup& env) {
    std::uint64_t index = 0, total = 0;
    std::string error;
    const auto found = readEnvironment(shards, env, index, total, error);
    if (!found) return {std::nullopt, "--shard auto: " + error};
    if (index >= total)
        return {std::nullopt, std::string("--shard auto: ") + found->variable + " gives share " + std::to_string(index) +
                                  " (counted from 0), not below the total " + std::to_string(total)};
    return {Shard{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(total), found->source}, {}};
}

// Figures that add up over the shares (a rate, a count) cannot be judged live by one share;
// ratios and latencies can, each share on its own part.
bool sumsOverShares(ThresholdMetric metric) {
    return metric != ThresholdMetric::latency && metric != ThresholdMetric::serviceTime &&
           metric != ThresholdMetric::errorRate;
}

}  // namespace

ShardRead readShard(const std::string& text, const std::string& shards, const VariableLookup& env) {
    const std::string value = trim(text);
    if (value == "auto") return fromEnvironment(shards, env);
    const std::size_t slash = value.find('/');
    std::string error;
    std::uint64_t index = 0, total = 0;
    if (slash == std::string::npos)
        return {std::nullopt, "--shard takes I/N (share I of N, counted from 0: 0/4 to 3/4) or auto, not '" + value + "'"};
    if (!readWhole(value.substr(slash + 1), "--shard's total", 1, kMaxShards, total, error) ||
        !readWhole(value.substr(0, slash), "--shard's index", 0, kMaxShards - 1, index, error))
        return {std::nullopt, error};
    if (index >= total)
        return {std::nullopt, "--shard " + value + ": shares are counted from 0, so the index must be below " +
                                  std::to_string(total) + " (0/" + std::to_string(total) + " to " +
                                  std::to_string(total - 1) + "/" + std::to_string(total) + ")"};
    std::uint64_t given = 0;
    if (!trim(shards).empty() && (!readWhole(shards, "--shards", 1, kMaxShards, given, error) || given != total))
        return {std::nullopt, error.empty() ? "--shards " + trim(shards) + " disagrees with --shard " + value : error};
    return {Shard{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(total), "--shard"}, {}};
}

std::string applyShard(RunSpec& spec, const Shard& shard) {
    spec.shard = shard;
    if (shard.whole()) return {};
    const std::string split = " cannot be split over " + std::to_string(shard.count) + " shares: ";
    // validate() keeps connections <= count, so every share then has a request too.
    if (spec.connections < shard.count)
        return "connections (" + std::to_string(spec.connections) + ")" + split + "each share needs one; give at least " +
               std::to_string(shard.count);
    for (const Threshold& t : spec.thresholds)
        if (t.abortOnFail && sumsOverShares(t.metric))
            return "the abort-on-fail threshold '" + t.text + "' counts over the whole run, which no share sees: give it "
                   "as a threshold (judged when the shares are merged), or abort on a rate or a latency";
    return {};
}

std::uint32_t shareConnections(const RunSpec& spec) {
    return static_cast<std::uint32_t>(shareOf(spec.connections, spec.shard.index, spec.shard.count));
}

std::uint32_t shareThreads(const RunSpec& spec) {
    return std::max<std::uint32_t>(1, std::min(spec.threads, shareConnections(spec)));
}

LoadPlan shareLoad(const LoadPlan& whole, const Shard& shard) {
    if (shard.whole()) return whole;
    LoadPlan share = whole;
    const double n = shard.count;
    if (whole.counted()) share.count = shareOf(whole.count, shard.index, shard.count);
    if (share.rate) *share.rate /= n;
    share.startRate /= n;
    for (Stage& stage : share.stages) stage.targetRps /= n;
    share.maxConnections = static_cast<std::uint32_t>(shareOf(whole.maxConnections, shard.index, shard.count));
    return share;
}

std::string expandShardPath(const std::string& path, const Shard& shard) {
    static constexpr std::string_view kToken = "{shard}";
    std::string out;
    for (std::size_t i = 0; i < path.size();) {
        if (path.compare(i, kToken.size(), kToken) == 0) {
            out += std::to_string(shard.index);
            i += kToken.size();
        } else {
            out += path[i++];
        }
    }
    return out;
}

}  // namespace salvo
