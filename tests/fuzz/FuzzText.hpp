#pragma once

// What the fuzz targets share: cutting an input into fields, and failing loudly on a broken invariant.
#include <cstdlib>
#include <string>
#include <vector>

namespace salvo::fuzz {

// The parts of `text` between `separator`s, empty ones included (so field positions stay fixed).
inline std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

// A broken invariant is a finding: abort, so libFuzzer keeps the input.
inline void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace salvo::fuzz
