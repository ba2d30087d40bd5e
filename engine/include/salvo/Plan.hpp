#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// A test plan: what the window's form and salvo-cli's flags hold, written down once in TOML
// (README "Test plans"), so the window and the command line run the same test. Values stay as
// typed — `${VAR}` references included — and are checked by validate() like the form's.
struct Plan {
    std::string name;
    std::string description;
    RunInput input;  // input.baseDir: the plan's folder, which relative file names are read from
};

// Where a plan went wrong: "plan.toml:12:8: load.rate: must be a number or a string".
struct PlanProblem {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem has no place (a missing file)
    int column = 0;
    std::string key; // "load.rate"; empty for a syntax error
    std::string message;
    std::string text() const;
};

struct PlanRead {
    Plan plan;
    std::vector<PlanProblem> errors;
    // Where each field's value came from, so validate()'s messages can point into the file.
    std::map<Field, PlanProblem> places;
    std::vector<PlanProblem> requestPlaces;  // each [[requests]] table's, for FieldError::request
    bool ok() const { return errors.empty(); }
};

inline constexpr std::size_t kMaxPlanBytes = 4u << 20;

// Reads a plan's text; `path` names it in messages and gives the folder for relative files.
PlanRead readPlan(std::string_view text, const std::string& path);
PlanRead readPlanFile(const std::string& path);

// The plan as TOML that readPlan() reads back to the same Plan: what the window saves.
std::string writePlan(const Plan& plan);
// Writes atomically (a temporary file renamed over the old one); false with `error` set.
bool savePlanFile(const Plan& plan, const std::string& path, std::string& error);

// validate() with each message placed in the plan: "plan.toml:9:11: load.rate: rate must be ...".
// Messages about fields the plan did not set (a flag's) keep no place.
std::vector<PlanProblem> placeErrors(const PlanRead& read, const std::vector<FieldError>& errors);

// `${NAME}` references (in the URL, header values and the body) whose variable is not set.
std::vector<std::string> unsetVariables(const RunInput& input);

}  // namespace salvo
