// --start-at: the moment every share of a run starts (Shard.hpp).

#include <cctype>
#include <chrono>
#include <cmath>

#include "TextInput.hpp"
#include "salvo/Shard.hpp"

namespace salvo {
namespace {

using Clock = std::chrono::system_clock;
// system_clock counts nanoseconds in 64 bits, which end in April 2262: times are taken from 1970
// up to 2260 (a start further off is a typo, which the caller's own bound says).
constexpr double kLatestMs = 9'183'110'400'000.0;  // 2261-01-01T00:00:00Z
constexpr int kLatestYear = 2260;

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

// Epoch seconds ("1764196200", "1764196200.5") or milliseconds (13 digits or more, as date +%s%3N
// and JavaScript's Date.now() give them).
std::optional<Clock::time_point> epoch(const std::string& text) {
    const std::size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    if (!allDigits(whole) || (dot != std::string::npos && !allDigits(text.substr(dot + 1)))) return std::nullopt;
    double value = 0;
    if (!parseNumber(text, value)) return std::nullopt;
    const double ms = whole.size() >= 13 ? value : value * 1000;
    if (!(ms < kLatestMs)) return std::nullopt;
    // Whole milliseconds: a double of nanoseconds since 1970 no longer holds every nanosecond.
    return Clock::time_point(std::chrono::round<std::chrono::milliseconds>(std::chrono::duration<double, std::milli>(ms)));
}

// "2026-11-26T22:30:00Z", with an optional fraction and a "+01:00" or "-05:00" offset instead of Z.
std::optional<Clock::time_point> rfc3339(std::string_view s) {
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return std::nullopt;
    for (std::size_t at : {0, 5, 8, 11, 14, 17})
        if (!allDigits(s.substr(at, at == 0 ? 4 : 2))) return std::nullopt;
    using namespace std::chrono;
    const year_month_day date{year(number(s.substr(0, 4))), month(number(s.substr(5, 2))), day(number(s.substr(8, 2)))};
    const int hour = number(s.substr(11, 2)), minute = number(s.substr(14, 2)), second = number(s.substr(17, 2));
    if (!date.ok() || date.year() < year(1970) || date.year() > year(kLatestYear) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    std::size_t at = 19;
    double fraction = 0;
    if (s[at] == '.') {
        const std::size_t end = s.find_first_not_of("0123456789", at + 1);
        if (end == at + 1 || end == std::string_view::npos) return std::nullopt;
        fraction = std::stod("0" + std::string(s.substr(at, end - at)));
        at = end;
    }
    int offset = 0;  // minutes east of UTC
    if (s.substr(at) == "Z" || s.substr(at) == "z") {
    } else if (s.size() - at == 6 && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':' &&
               allDigits(s.substr(at + 1, 2)) && allDigits(s.substr(at + 4, 2))) {
        const int offsetHours = number(s.substr(at + 1, 2)), offsetMinutes = number(s.substr(at + 4, 2));
        if (offsetHours > 23 || offsetMinutes > 59) return std::nullopt;
        offset = (offsetHours * 60 + offsetMinutes) * (s[at] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    const auto local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - minutes(offset);
    return time_point_cast<Clock::duration>(local) +
           round<microseconds>(duration<double>(fraction));
}

}  // namespace

StartAt parseStartAt(const std::string& raw) {
    const std::string text = trim(raw);
    if (text.empty()) return {std::nullopt, "--start-at needs a time: epoch seconds, epoch milliseconds or RFC 3339"};
    auto at = std::isdigit(static_cast<unsigned char>(text[0])) && text.find('-') == std::string::npos ? epoch(text)
                                                                                                        : rfc3339(text);
    if (!at)
        return {std::nullopt, "--start-at takes epoch seconds (1764196200), epoch milliseconds (1764196200000) or "
                              "RFC 3339 (2026-11-26T22:30:00Z), not '" + text + "'"};
    return {at, {}};
}

std::optional<double> parseStartTolerance(const std::string& text) {
    double seconds = 0;
    if (!parseDuration(text, seconds)) return std::nullopt;
    return seconds;
}

}  // namespace salvo
