#include "TextInput.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace salvo {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool isToken(const std::string& s) {
    static const std::string extra = "!#$%&'*+-.^_`|~";
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        // ASCII only, whatever the locale says is a letter.
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return alnum || extra.find(static_cast<char>(c)) != std::string::npos;
    });
}

bool parseWhole(const std::string& raw, const char* what, std::uint64_t min, std::uint64_t max,
                std::uint64_t& out, std::string& message) {
    const std::string s = trim(raw);
    if (s.empty()) {
        message = std::string("enter ") + what;
        return false;
    }
    if (s[0] == '-' && s.size() > 1 && std::isdigit(static_cast<unsigned char>(s[1]))) {
        message = std::string(what) + " must be at least " + std::to_string(min);
        return false;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc::result_out_of_range ||
        (ec == std::errc() && end == s.data() + s.size() && out > max)) {
        message = std::string(what) + " is too large (at most " + std::to_string(max) + ")";
        return false;
    }
    if (ec != std::errc() || end != s.data() + s.size()) {
        message = std::string(what) + " must be a whole number, not '" + s + "'";
        return false;
    }
    if (out < min) {
        message = std::string(what) + " must be at least " + std::to_string(min);
        return false;
    }
    return true;
}

}  // namespace salvo

namespace salvo {

bool parseNumber(const std::string& s, double& out) {
    if (s.empty()) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

std::string numberText(double value, std::optional<std::int64_t> integer) {
    if (integer) return std::to_string(*integer);
    char text[64];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : std::string();
}

bool parseDuration(const std::string& raw, double& seconds) {
    std::string s = trim(raw);
    double unit = 1;
    static constexpr std::pair<const char*, double> units[] = {{"ms", 0.001}, {"s", 1}, {"m", 60}, {"h", 3600}};
    for (const auto& [suffix, scale] : units) {
        const std::size_t n = std::char_traits<char>::length(suffix);
        if (s.size() > n && s.compare(s.size() - n, n, suffix) == 0) {
            s.resize(s.size() - n);
            unit = scale;
            break;
        }
    }
    double value = 0;
    if (!parseNumber(trim(s), value) || value < 0) return false;
    seconds = value * unit;
    return std::isfinite(seconds);
}

}  // namespace salvo
