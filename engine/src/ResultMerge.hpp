#pragma once

#include <vector>

#include "salvo/RunRecord.hpp"

namespace salvo {

// The result of a whole run from its shares' results, in share order (mergeRecords has checked
// that they are the shares of one run, each once). `whole` is the plan's load, put together from
// the shares' parts. Counts and histograms add; each share's timeline is placed by when that
// share started (its record's started_at), to the nearest second, and the seconds that meet are
// added, their percentiles taken from the added histograms; thresholds are judged again on the
// whole; the limits keep the worst share's verdict.
RunResult mergeResults(const std::vector<const RunRecord*>& shares, const LoadPlan& whole);

}  // namespace salvo
