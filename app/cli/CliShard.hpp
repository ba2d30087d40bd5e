#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "CliOptions.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo::cli {

// This process's part of a run split over machines: --shard, --start-at and where its record goes.
struct ShareStart {
    std::optional<Shard> shard;  // --shard; none: the whole run
    std::optional<std::chrono::system_clock::time_point> startAt;
    double toleranceSeconds = 2;
    std::string recordPath;  // --record with {shard} expanded
};

// Reads --shard/--shards/--start-at/--start-tolerance, before the plan is checked (which needs the
// number of shares). False, with the reason on `err`, for anything wrong (exit 2: nothing was sent).
bool readShare(const CliOptions& options, ShareStart& start, std::ostream& err);
// Makes the checked `spec` run the share read; false, with the reason on `err`, when it cannot.
bool applyShare(const ShareStart& start, RunSpec& spec, std::ostream& err);

// Waits for --start-at (at once without it). Returns 0 to go; 130 when interrupted while
// waiting; 1 when this share is later than the tolerance, said on `err`: starting late would
// burst to catch up, or run out of step with the other shares.
int waitForStart(const ShareStart& start, const Shard& shard, const std::atomic<bool>& interrupted, bool chatty,
                 std::ostream& err);

}  // namespace salvo::cli
