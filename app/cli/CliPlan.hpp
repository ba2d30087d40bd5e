#pragma once

#include <ostream>

#include "CliOptions.hpp"
#include "salvo/Plan.hpp"

namespace salvo::cli {

// `salvo-cli run PLAN`: the plan's input with the flags given on the command line over it.
// False (the problems printed, file:line:column: key: message) when the plan does not read.
bool loadPlanInput(const CliOptions& options, PlanRead& plan, std::ostream& err);

// validate()'s messages, placed in the plan when they are about a value it set.
void printInputErrors(const PlanRead& plan, const std::vector<FieldError>& errors, std::ostream& err);

// `salvo-cli validate PLAN`: 0 when the plan can run, 2 (the problems on stderr) when not.
int validatePlan(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace salvo::cli
