#pragma once

#include <ostream>

#include "salvo/RunRecord.hpp"

namespace salvo {

// HdrHistogram's interval log, format 1.3, for HdrHistogram's own tools (HistogramLogProcessor,
// HdrHistogramVisualizer, hdr-histogram-js): one line per second of the run and per series,
// tagged "latency" and, in the open model, "service_time". Columns: start (s since StartTime),
// interval length (s), interval max (ms), compressed histogram. Values are in nanoseconds; the
// header says so.
void writeHistogramLog(const RunRecord& record, std::ostream& out);

}  // namespace salvo
