#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "salvo/RunRecord.hpp"

namespace salvo {

// Which way a figure should move for the run to be better.
enum class Better { higher, lower };

// One key figure across the compared runs. The first run is the baseline: every other run's
// value gets its difference from it, the percentage, and whether it is a regression.
struct ComparedFigure {
    std::string key;    // stable, for JSON: "rps", "latency_p99_ms", "error_rate_percent", ...
    std::string label;  // for people: "Latency p99"
    std::string unit;   // "ms", "req/s", "%", "" (a count)
    Better better = Better::lower;
    std::vector<std::optional<double>> values;      // per run; nullopt: the run has no such figure
    std::vector<std::optional<double>> difference;  // value - baseline (nullopt for the baseline)
    std::vector<std::optional<double>> percent;     // difference / baseline x 100 (nullopt: baseline 0)
    std::vector<bool> regression;                   // worse than the baseline beyond the tolerance
    std::vector<bool> improvement;                  // better than the baseline by as much
};

struct Comparison {
    std::vector<std::string> runs;  // a name per run: its label, or its start time
    std::vector<ComparedFigure> figures;
    // What a reader must know before believing the differences: runs of different load models
    // (latency from the due time vs from the write) or against different targets.
    std::vector<std::string> notes;
};

// A worse value is a regression when it is more than 5% worse than the baseline (latency,
// throughput), or, for the error rate, more than 0.1 percentage points higher.
inline constexpr double kRegressionPercent = 5;
inline constexpr double kRegressionErrorRatePoints = 0.1;

Comparison compareRuns(const std::vector<const RunRecord*>& runs);
std::string runName(const RunRecord& record);  // its label, or "started <time> on <host>"
void writeComparisonText(const Comparison& comparison, std::ostream& out);
boost::json::object comparisonJson(const Comparison& comparison);

}  // namespace salvo
