#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "salvo/RunRecord.hpp"

namespace salvo::html {

// One run's part of the report: heading, verdict banner, key figures, charts, status and error
// tables, the spec and the record's metadata. `index` keeps element ids unique in the page;
// `level` is the heading level of the section's title (1 alone on a page, 2 under a comparison).
void writeRunSection(const RunRecord& record, const std::string& name, std::size_t index, int level,
                     std::ostream& out);

}  // namespace salvo::html
