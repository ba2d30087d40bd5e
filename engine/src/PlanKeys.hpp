#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace salvo::plan_keys {

// A TOML number as the form would hold it: "1000", "0.5", "1e+20" (shortest round-trip text).
std::string numberText(double value, std::optional<std::int64_t> integer);
// "30s", "500ms", "2m" -> seconds; false for anything else.
bool durationSeconds(const std::string& text, double& seconds);

}  // namespace salvo::plan_keys
