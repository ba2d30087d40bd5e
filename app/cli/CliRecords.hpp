#pragma once

#include <ostream>

#include "CliOptions.hpp"

namespace salvo::cli {

// `salvo-cli report` and `salvo-cli compare`: read run records, print or render them. A record
// that does not read is named with the reason, exit 2; an output file not written, exit 4.
int reportRecords(const CliOptions& options, std::ostream& out, std::ostream& err);
int compareRecords(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace salvo::cli
