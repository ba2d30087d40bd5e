#pragma once

#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The request options beyond method, headers and body (part of validate()): a body file,
// Content-Type, basic auth, keep-alive, --connect-to and the client certificate. Runs after
// the headers are checked, which these must not contradict.
void checkRequestOptions(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors);

}  // namespace salvo
