#pragma once

#include <string>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo::cli {

// What salvo-cli was asked to do: run a test (the default), or work on run records.
enum class Command { run, report, compare };

struct CliOptions {
    Command command = Command::run;
    RunInput input;
    std::string recordPath;     // --record: write the run record here
    bool recordSecrets = false; // --record-secrets: keep header values and the body in it
    std::vector<std::string> records;  // report/compare: the record files
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
