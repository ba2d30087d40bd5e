#pragma once

#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The load-model part of validate(): count, duration, rate, stages, warm-up, arrival, seed.
// Runs before the connections are checked, which depend on the count.
void checkLoad(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors);

// What depends on the connections and the timeout: max connections, and the grace period
// (never longer than the timeout).
void finishLoad(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors);

}  // namespace salvo
