#pragma once

#include <ostream>

#include "CliOptions.hpp"

namespace salvo::cli {

// `salvo-cli report` and `salvo-cli compare`: read run records, print or render them. A record
// that does not read is named with the reason, exit 2; an output file not written, exit 4.
int reportRecords(const CliOptions& options, std::ostream& out, std::ostream& err);
int compareRecords(const CliOptions& options, std::ostream& out, std::ostream& err);
// `salvo-cli merge`: the shares' records into one (-o), its report printed; exit as a run's, or 2
// when the records are not exactly the shares of one run.
int mergeRecordFiles(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace salvo::cli
