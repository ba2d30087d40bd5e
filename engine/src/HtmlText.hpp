#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace salvo::html {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0 if it is not one
// (overlong forms, surrogates and values above U+10FFFF included: RFC 3629 section 4).
inline std::size_t utf8Length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
    const unsigned char c = b(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(1) >= 0xA0) return 0;  // UTF-16 surrogates
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

// Text as HTML character data or a quoted attribute value. Server messages, URLs and labels
// come from outside, so besides the five markup characters, bytes that are not UTF-8 and
// control characters (which HTML5 calls parse errors) become U+FFFD: the page stays valid
// whatever a server sent.
inline std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = utf8Length(text.substr(i));
        const bool control = n == 1 && ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F);
        if (n == 0 || control) out += "\xEF\xBF\xBD";
        else if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else if (c == '\'') out += "&#39;";
        else out.append(text.substr(i, n));
        i += n == 0 ? 1 : n;
    }
    return out;
}

// A number for people: `decimals` after the point, or a dash when it is not finite, so NaN
// and infinity never reach the page.
inline std::string number(double value, int decimals) {
    if (!std::isfinite(value)) return "\xE2\x80\x93";  // en dash
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// A count with thousands separators: "1,234,567".
inline std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// A coordinate for an SVG attribute: always a finite number (0 stands in for anything else,
// and huge values are clamped, since the chart code already keeps points inside the plot).
inline std::string coord(double value) {
    if (!std::isfinite(value)) value = 0;
    if (value > 1e6) value = 1e6;
    if (value < -1e6) value = -1e6;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

}  // namespace salvo::html
