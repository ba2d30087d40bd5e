// How thresholds are reported: JSON, the text report's lines, and JUnit XML for CI.
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <iomanip>

#include "salvo/Report.hpp"

namespace salvo {
namespace json = boost::json;

json::array thresholdsJson(const std::vector<ThresholdOutcome>& outcomes) {
    json::array list;
    for (const ThresholdOutcome& o : outcomes) {
        list.push_back(json::object{{"threshold", o.threshold},
                                    {"metric", o.metric},
                                    {"passed", o.state == ThresholdState::passed},
                                    {"state", thresholdStateName(o.state)},
                                    {"value", o.hasValue ? json::value(o.value) : json::value(nullptr)},
                                    {"limit", o.limit},
                                    {"unit", o.unit},
                                    {"measured", o.measured},
                                    {"abort_on_fail", o.abortOnFail},
                                    {"aborted", o.aborted}});
    }
    return list;
}

void writeThresholdLines(const std::vector<ThresholdOutcome>& outcomes, std::ostream& out) {
    if (outcomes.empty()) return;
    std::size_t passed = 0, width = 0;
    for (const auto& o : outcomes) {
        passed += o.state == ThresholdState::passed;
        width = std::max(width, o.threshold.size());
    }
    out << "Thresholds:  " << passed << " of " << outcomes.size() << " passed\n";
    for (const auto& o : outcomes) {
        out << "  " << (o.state == ThresholdState::passed ? "passed  " : o.state == ThresholdState::failed ? "FAILED  " : "pending ")
            << std::left << std::setw(static_cast<int>(width)) << o.threshold << std::right << "  " << o.metric << " = "
            << o.measured << (o.aborted ? "  (ended the run)" : "") << '\n';
    }
}

namespace {

// The length of the valid UTF-8 character at the start of `s` that XML 1.0 may carry, or 0:
// no control characters but tab and line breaks, no surrogates, no U+FFFE or U+FFFF.
std::size_t xmlCharLength(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = b(0);
    if (lead < 0x80) return lead >= 0x20 || lead == '\t' || lead == '\n' || lead == '\r' ? 1 : 0;
    const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (n == 0 || lead > 0xF4 || s.size() < n) return 0;
    std::uint32_t cp = lead & (0x7F >> n);
    for (std::size_t i = 1; i < n; ++i) {
        if ((b(i) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i) & 0x3F);
    }
    const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    const bool forbidden = (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF;
    return overlong || forbidden ? 0 : n;
}

// XML attribute text: the five predefined entities, and anything XML 1.0 cannot carry (control
// characters, invalid UTF-8 from a file name) as U+FFFD, so the file always parses.
std::string attribute(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = xmlCharLength(s.substr(i));
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        switch (s[i]) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            default: out.append(s.substr(i, n));
        }
        i += n;
    }
    return out;
}

}  // namespace

void writeJunitReport(const RunResult& r, const std::string& suite, std::ostream& out) {
    std::size_t failures = 0;
    for (const auto& o : r.thresholds) failures += o.state != ThresholdState::passed;
    char time[32];
    std::snprintf(time, sizeof time, "%.3f", r.elapsedSeconds);
    const std::string name = attribute(suite.empty() ? "salvo" : suite);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"salvo\" tests=\"" << r.thresholds.size() << "\" failures=\"" << failures
        << "\" time=\"" << time << "\">\n"
        << "  <testsuite name=\"" << name << "\" tests=\"" << r.thresholds.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" time=\"" << time << "\">\n"
        << "    <properties><property name=\"url\" value=\"" << attribute(r.url) << "\"/>"
        << "<property name=\"outcome\" value=\"" << outcomeName(r.outcome) << "\"/></properties>\n";
    for (const auto& o : r.thresholds) {
        // Each case's time is 0: the run is the suite's time, and reporters add the cases up.
        out << "    <testcase classname=\"" << name << "\" name=\"" << attribute(o.threshold) << "\" time=\"0\"";
        if (o.state == ThresholdState::passed) {
            out << "/>\n";
            continue;
        }
        const std::string message = o.metric + " = " + o.measured + ", not within " + o.threshold +
                                    (o.aborted ? "; it ended the run" : "");
        out << ">\n      <failure type=\"threshold\" message=\"" << attribute(message) << "\"/>\n    </testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace salvo
