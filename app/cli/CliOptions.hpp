#pragma once

#include <string>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo::cli {

// What salvo-cli was asked to do: run a test (the default: flags and a URL; `run`: a plan file
// and flags over it), check a plan (`validate`), or work on run records.
enum class Command { run, runPlan, validate, report, compare, merge };

struct CliOptions {
    Command command = Command::run;
    RunInput input;
    std::string planPath;           // run / validate: the plan file
    std::vector<std::string> given; // the flags given on the command line (long names): a
                                    // plan's values are overridden by these only
    std::vector<std::string> thresholds;   // --threshold
    std::vector<std::string> abortOnFail;  // --abort-on-fail: thresholds that also end the run
    std::string abortDelay;         // --abort-delay, for those
    std::string junitPath;          // --junit: write the thresholds as JUnit XML here
    std::string recordPath;     // --record: write the run record here
    bool recordSecrets = false; // --record-secrets: keep header values and the body in it
    // A run split over machines (README "Beyond one machine"): this process's share, the total
    // for `--shard auto` where the scheduler gives only the index, and when every share starts.
    std::string shard;          // --shard I/N or auto; empty: the whole run
    std::string shards;         // --shards N
    std::string startAt;        // --start-at TIME
    std::string startTolerance; // --start-tolerance D (default 2s)
    std::vector<std::string> records;  // report/compare/merge: the record files
    std::string outputPath;     // merge -o: write the merged record here
    std::string htmlPath;       // report --html
    std::string hlogPath;       // report --hlog
    bool json = false;
    bool progress = true;  // a progress line on stderr when it is a terminal
    bool help = false;
    bool version = false;
    bool serve = false;    // run the built-in target instead of a test
    std::string usage;
};

// Parses argv; returns false with `error` set for unknown flags or missing values.
// Values are left as text: validate() checks them, with the same messages the window shows.
bool parseCommandLine(int argc, const char* const* argv, CliOptions& options, std::string& error);

}  // namespace salvo::cli
