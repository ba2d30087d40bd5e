#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "salvo/LoadPlan.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo {

inline constexpr std::uint32_t kMaxShards = 10'000;
// The environment variable that tells `--shard auto` the total in a Kubernetes Indexed Job
// (Kubernetes sets only the index) or under GNU parallel; --shards N does the same.
inline constexpr const char* kShardsVariable = "SALVO_SHARDS";

// n split over `count` shares: floor(n / count), plus one for the first n mod count shares.
std::uint64_t shareOf(std::uint64_t n, std::uint32_t index, std::uint32_t count);

struct ShardRead {
    std::optional<Shard> shard;  // set on success
    std::string error;           // why not: names the flag or the variable
};
// `--shard I/N` (0 <= I < N <= kMaxShards), or `auto`: Slurm (SLURM_PROCID, SLURM_NTASKS), a
// Kubernetes Indexed Job (JOB_COMPLETION_INDEX, the total from `shards` or SALVO_SHARDS) or GNU
// parallel (PARALLEL_SEQ, 1-based, the total likewise), looked up through `env`. `shards` is
// --shards as typed (empty: not given); with I/N or Slurm it must agree with N.
ShardRead readShard(const std::string& text, const std::string& shards, const VariableLookup& env);

// Makes a validated spec of the whole plan run `shard`: sets spec.shard, which the Runner and
// RunResult::planFor read (the spec itself keeps the whole plan, so the shares' records hold
// the same spec). Returns why the plan cannot be split that way (fewer connections than
// shares), or "". Threads beyond a share's connections are not started (shareThreads).
std::string applyShard(RunSpec& spec, const Shard& shard);

// What this process runs of a spec's connections and threads: its share's (all for a whole run).
std::uint32_t shareConnections(const RunSpec& spec);
std::uint32_t shareThreads(const RunSpec& spec);

// The load of one share as its report tells it: its part of the count, the rates divided by N.
LoadPlan shareLoad(const LoadPlan& whole, const Shard& shard);

// `--start-at`: epoch seconds (fractions allowed), epoch milliseconds (13 digits or more), or
// RFC 3339 ("2026-11-26T22:30:00Z", "...T23:30:00.250+01:00").
struct StartAt {
    std::optional<std::chrono::system_clock::time_point> at;  // set on success
    std::string error;
};
StartAt parseStartAt(const std::string& text);
// `--start-tolerance`: a duration ("500ms", "2s", "1m"; a bare number is seconds); nullopt if not one.
std::optional<double> parseStartTolerance(const std::string& text);

// `{shard}` in a --record path becomes the share's index ("out/{shard}.json" -> "out/2.json").
std::string expandShardPath(const std::string& path, const Shard& shard);

}  // namespace salvo
