#pragma once

#include <string>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// `${NAME}` (NAME: letters, digits and _, not starting with a digit) replaced by `lookup(NAME)`;
// `$${` is a literal `${`; any other `$` stays as it is. Names whose variable is unset are added
// to `unset` (once each) and replaced by nothing.
std::string expandVariables(const std::string& text, const VariableLookup& lookup, std::vector<std::string>& unset);

// The names `${...}` refers to in `text`, in order, without repeats.
void collectVariables(const std::string& text, std::vector<std::string>& names);

}  // namespace salvo
