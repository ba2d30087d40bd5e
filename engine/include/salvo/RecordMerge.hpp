#pragma once

#include <optional>
#include <string>
#include <vector>

#include "salvo/RunRecord.hpp"

namespace salvo {

struct MergeOutcome {
    std::optional<RunRecord> record;  // the merged record, set on success
    std::string error;                // why not: names the records (by `names`) and the problem
};

// Merges the records of the shares of one sharded run (README "Beyond one machine") into one
// record that reads like a single-machine run: counts and histograms added, per-second
// timelines aligned on wall-clock time, thresholds judged again on the whole, the worst limits
// verdict kept. Refuses, naming them, records that are not shares, shares of another plan or of
// another start, a share given twice and a share missing. `names[i]` is what messages call
// records[i] (its file); when `names` is shorter, "record i+1". Never throws.
MergeOutcome mergeRecords(const std::vector<RunRecord>& records, const std::vector<std::string>& names);

}  // namespace salvo
