#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace salvo {

// Reading what a person typed: shared by the URL parser and the other field checks.

// Without leading and trailing spaces and tabs.
std::string trim(const std::string& s);

// ASCII letters compared without case: header names, host names.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// RFC 9110 tchar: what a method or header name may contain.
bool isToken(const std::string& s);

// A whole number in [min, max]; `what` names the field in every message.
bool parseWhole(const std::string& raw, const char* what, std::uint64_t min, std::uint64_t max,
                std::uint64_t& out, std::string& message);

}  // namespace salvo

namespace salvo {

// A finite decimal number ("12", "0.5", "1e3"); false for anything else, trailing text included.
bool parseNumber(const std::string& s, double& out);

// A number as a plan or the form holds it: an integer as written, else the shortest text that
// reads back as the same double ("0.5", "1e+20").
std::string numberText(double value, std::optional<std::int64_t> integer);

// A duration as people write it: "500ms", "30s", "5m", "1h", or a bare number of seconds.
// False unless it is a finite number >= 0 with one of those units.
bool parseDuration(const std::string& raw, double& seconds);

}  // namespace salvo
