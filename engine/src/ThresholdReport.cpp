// How thresholds are reported: JSON, the text report's lines, and JUnit XML for CI.
#include <cstdio>
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

// XML attribute text: the five predefined entities, and control characters (which XML 1.0
// cannot carry at all) as U+FFFD.
std::string attribute(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) out += "\xEF\xBF\xBD";
                else out += c;
        }
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
        out << "    <testcase classname=\"" << name << "\" name=\"" << attribute(o.threshold) << "\" time=\"" << time << "\"";
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
