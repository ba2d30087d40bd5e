#pragma once

#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The request as bytes on the wire. Built once per run and written as-is for every request.
std::string serializeRequest(const RunSpec& spec);

}  // namespace salvo
