#pragma once

#include <ostream>
#include <vector>

#include "salvo/RunRecord.hpp"

namespace salvo {

// One self-contained HTML page (no network, no external file): for one run, its verdict,
// figures, charts (latency and throughput over time, percentile spectrum), status and error
// tables and spec; for several, the comparison table and the overlaid charts, then each run.
// The charts are inline SVG, so the page draws without scripts.
void writeHtmlReport(const std::vector<const RunRecord*>& runs, std::ostream& out);

}  // namespace salvo
