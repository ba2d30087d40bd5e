#pragma once

#include "salvo/LatencyHistogram.hpp"
#include "salvo/RunResult.hpp"

namespace salvo {

// A second's latency (and, in the open model, service-time) percentiles and maximum, and their
// histograms kept encoded (about 1-9 KB instead of over 100 KB a second). Closed model: no
// service histogram; service time is the latency. For a run's own seconds and merged ones alike.
void summarizeSecond(const LatencyHistogram& latency, const LatencyHistogram* service, SecondStats& stats);

}  // namespace salvo
