#pragma once

#include <string>
#include <vector>

#include "SvgChart.hpp"
#include "salvo/RunRecord.hpp"

namespace salvo::html {

// Palette slots (the page's style sheet gives each a colour for light and dark).
inline constexpr int kRunColours = 6;  // slots 0..5 tell runs apart in overlaid charts
inline constexpr int kPlanColour = 6;  // grey: what was asked rather than what happened

// The charts of one run; `id` makes their element ids unique in the page.
Chart throughputChart(const RunResult& result, const std::string& id);
Chart latencyChart(const RunResult& result, const std::string& id);
Chart spectrumChart(const RunResult& result, const std::string& id);

// Several runs on one chart, a colour per run (slot = index % kRunColours), named by `names`.
Chart overlaidLatencyChart(const std::vector<const RunRecord*>& runs, const std::vector<std::string>& names);
Chart overlaidSpectrumChart(const std::vector<const RunRecord*>& runs, const std::vector<std::string>& names);

}  // namespace salvo::html
