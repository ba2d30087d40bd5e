#pragma once

#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo::cli {

struct CliOptions {
    RunInput input;
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
