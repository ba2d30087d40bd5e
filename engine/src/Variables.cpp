#include "Variables.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace salvo {
namespace {

bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of "${NAME}" at `at`, or 0 when there is no well-formed reference there.
std::size_t referenceAt(const std::string& text, std::size_t at) {
    if (text.compare(at, 2, "${") != 0 || at + 2 >= text.size() || !isNameStart(text[at + 2])) return 0;
    std::size_t end = at + 3;
    while (end < text.size() && isNameChar(text[end])) ++end;
    return end < text.size() && text[end] == '}' ? end + 1 - at : 0;
}

void addOnce(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

}  // namespace

std::optional<std::string> environmentVariable(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
}

std::string expandVariables(const std::string& text, const VariableLookup& lookup, std::vector<std::string>& unset) {
    if (text.find('$') == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "$${") == 0) {
            out += "${";
            i += 3;
        } else if (const std::size_t n = referenceAt(text, i)) {
            const std::string name = text.substr(i + 2, n - 3);
            if (const auto value = lookup(name)) out += *value;
            else addOnce(unset, name);
            i += n;
        } else {
            out += text[i++];
        }
    }
    return out;
}

void collectVariables(const std::string& text, std::vector<std::string>& names) {
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "$${") == 0) {
            i += 3;
        } else if (const std::size_t n = referenceAt(text, i)) {
            addOnce(names, text.substr(i + 2, n - 3));
            i += n;
        } else {
            ++i;
        }
    }
}

}  // namespace salvo
