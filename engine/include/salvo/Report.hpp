#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <ostream>

#include "salvo/RunResult.hpp"

namespace salvo {

// Writers over a finished (or partial) RunResult. The window's export and the CLI use these,
// so both always show the same numbers. Field meanings are documented in the README.
boost::json::object reportJson(const RunResult& result);
void writeJsonReport(const RunResult& result, std::ostream& out);
void writeTextReport(const RunResult& result, std::ostream& out);
// The thresholds as the JSON report lists them, and as the text report's closing lines.
boost::json::array thresholdsJson(const std::vector<ThresholdOutcome>& outcomes);
void writeThresholdLines(const std::vector<ThresholdOutcome>& outcomes, std::ostream& out);
// JUnit XML with one test case per threshold (its failure message: measured against the limit),
// for the test reports of GitLab, Jenkins and GitHub. `suite` names the test suite (the plan).
void writeJunitReport(const RunResult& result, const std::string& suite, std::ostream& out);
// Each named request's figures (RunResult::requests): the JSON report's `by_request`, and the
// text report's "By request" lines. Empty / nothing for a run of one request.
boost::json::array requestsJson(const RunResult& result);
void writeRequestLines(const RunResult& result, std::ostream& out);
// One row per second of the run: second, completed requests in that second.
void writeCsvTimeline(const RunResult& result, std::ostream& out);

// "open model, 100 req/s (uniform), 10 connections at the start, up to 50, for 30 s": the load
// as the text report and the History panel say it.
std::string describeLoad(const RunResult& result);

// Formatting helpers shared with the window.
double toMillis(std::uint64_t nanos);           // 12'345'678 ns -> 12.345678
std::string formatMillis(std::uint64_t nanos);  // "12.345"
std::string formatBytes(std::uint64_t bytes);   // "1.5 MiB"

}  // namespace salvo
