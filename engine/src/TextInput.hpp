#pragma once

#include <cstdint>
#include <string>

namespace salvo {

// Reading what a person typed: shared by the URL parser and the other field checks.

// Without leading and trailing spaces and tabs.
std::string trim(const std::string& s);

// RFC 9110 tchar: what a method or header name may contain.
bool isToken(const std::string& s);

// A whole number in [min, max]; `what` names the field in every message.
bool parseWhole(const std::string& raw, const char* what, std::uint64_t min, std::uint64_t max,
                std::uint64_t& out, std::string& message);

}  // namespace salvo
