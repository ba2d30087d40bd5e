#include "salvo/HtmlReport.hpp"

#include <cmath>
#include <string>

#include "HtmlRunSection.hpp"
#include "HtmlStyle.hpp"
#include "HtmlText.hpp"
#include "ReportCharts.hpp"
#include "salvo/Comparison.hpp"
#include "salvo/Version.hpp"

namespace salvo {
namespace {

using html::escape;

// No script, no network: the page is a document, and even text that escaped escaping could not
// run or fetch anything.
constexpr const char* kPolicy = "default-src 'none'; style-src 'unsafe-inline'";

void writeHead(const std::string& title, std::ostream& out) {
    out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        << "<meta name=\"color-scheme\" content=\"light dark\">"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kPolicy << "\">"
        << "<meta name=\"generator\" content=\"Salvo " << escape(salvoVersion()) << "\">"
        << "<title>" << escape(title) << "</title><style>" << html::kStyleSheet << "</style></head><body>\n";
}

void writeFoot(std::ostream& out) {
    out << "<footer><p>Made by Salvo " << escape(salvoVersion())
        << ". Latency counts from each request's due time in the open model (coordinated omission "
           "corrected) and from the write in the closed model.</p></footer></body></html>\n";
}

// Counts without decimals, milliseconds to the microsecond, rates to a tenth.
std::string figureText(double value, const std::string& unit) {
    if (unit == "ms") return html::number(value, 3);
    if (unit.empty() && std::isfinite(value) && value >= 0 && value < 1.8e19 && value == std::floor(value))
        return html::grouped(static_cast<std::uint64_t>(value));
    return html::number(value, unit == "%" ? 2 : 1);
}

// A change with its sign: "+3.538", "-0.2".
std::string signedText(const std::string& number, double value) {
    std::string text = value > 0 ? "+" : "";  // appended: GCC 12 misreports "literal" + string (PR 105329)
    return text.append(number);
}

// The change from the baseline under the value: difference, percentage and, for a regression,
// a marker in words (colour alone would not reach everyone): "▲ worse" when it went up,
// "▼ worse" when it went down. Under the value rather than in a column of its own, so four or
// five runs still fit the page's width.
void writeChange(const ComparedFigure& f, std::size_t run, std::ostream& out) {
    const bool worse = run < f.regression.size() && f.regression[run];
    const auto& diff = run < f.difference.size() ? f.difference[run] : std::nullopt;
    const auto& pct = run < f.percent.size() ? f.percent[run] : std::nullopt;
    // Three pieces that each stay whole, so a narrow column breaks between them, not inside.
    out << "<span class=\"change\"><span>";
    if (diff) out << escape(signedText(figureText(*diff, f.unit), *diff));
    else out << "\xE2\x80\x93";
    out << "</span>";
    if (pct) out << " <span>(" << escape(signedText(html::number(*pct, 1), *pct)) << "%)</span>";
    if (worse) out << " <span>" << (diff && *diff < 0 ? "\xE2\x96\xBC" : "\xE2\x96\xB2") << " worse</span>";
    out << "</span>";
}

void writeComparisonRow(const ComparedFigure& f, std::size_t runs, std::ostream& out) {
    out << "<tr><th scope=\"row\">" << escape(f.label) << (f.unit.empty() ? "" : " (" + escape(f.unit) + ")")
        << "</th>";
    for (std::size_t i = 0; i < runs; ++i) {
        const auto& v = i < f.values.size() ? f.values[i] : std::nullopt;
        const bool worse = i < f.regression.size() && f.regression[i];
        out << "<td" << (worse ? " class=\"worse\"" : "") << ">"
            << (v ? escape(figureText(*v, f.unit)) : "\xE2\x80\x93");
        if (i > 0) writeChange(f, i, out);
        out << "</td>";
    }
    out << "</tr>";
}

void writeComparisonTable(const Comparison& c, std::ostream& out) {
    for (const auto& note : c.notes) out << "<p class=\"note\"><strong>Note:</strong> " << html::escape(note) << ".</p>";
    out << "<div class=\"wide\"><table class=\"compare\"><caption>Key figures; the first run is the baseline, and "
           "under each other run's figure is its change. A change more than "
        << html::number(kRegressionPercent, 0) << "% for the worse (for the error rate, "
        << html::number(kRegressionErrorRatePoints, 1) << " points) is marked as a regression.</caption>"
        << "<thead><tr><th scope=\"col\">Figure</th>";
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        out << "<th scope=\"col\"><span class=\"sw s" << i % html::kRunColours << "\"></span>" << escape(c.runs[i])
            << (i == 0 ? " (baseline)" : "") << "</th>";
    }
    out << "</tr></thead><tbody>";
    for (const auto& f : c.figures) writeComparisonRow(f, c.runs.size(), out);
    out << "</tbody></table></div>";
}

void writeComparison(const std::vector<const RunRecord*>& runs, const Comparison& c, std::ostream& out) {
    out << "<section class=\"comparison\" aria-labelledby=\"compare-h\"><h2 id=\"compare-h\">Comparison</h2>";
    writeComparisonTable(c, out);
    out << "<h3>Latency over time</h3>" << html::svgChart(html::overlaidLatencyChart(runs, c.runs))
        << "<h3>Latency by percentile</h3>" << html::svgChart(html::overlaidSpectrumChart(runs, c.runs))
        << "<nav aria-label=\"Runs\"><h3>The runs</h3><ol>";
    for (std::size_t i = 0; i < runs.size(); ++i)
        out << "<li><a href=\"#run" << i << "\">" << escape(c.runs[i]) << "</a></li>";
    out << "</ol></nav></section>";
}

void writeSingle(const RunRecord& run, std::ostream& out) {
    const std::string name = runName(run);
    writeHead(name + " \xE2\x80\x93 " + run.result.url + " \xE2\x80\x93 Salvo", out);
    out << "<main>";
    html::writeRunSection(run, name, 0, 1, out);
    out << "</main>";
    writeFoot(out);
}

void writeSeveral(const std::vector<const RunRecord*>& runs, std::ostream& out) {
    const Comparison c = compareRuns(runs);
    const std::string title = "Comparison of " + std::to_string(runs.size()) + " runs";
    writeHead(title + " \xE2\x80\x93 Salvo", out);
    out << "<header><h1>" << escape(title) << "</h1></header><main>";
    writeComparison(runs, c, out);
    for (std::size_t i = 0; i < runs.size(); ++i)
        html::writeRunSection(*runs[i], i < c.runs.size() ? c.runs[i] : runName(*runs[i]), i, 2, out);
    out << "</main>";
    writeFoot(out);
}

}  // namespace

void writeHtmlReport(const std::vector<const RunRecord*>& given, std::ostream& out) {
    std::vector<const RunRecord*> runs;
    for (const RunRecord* r : given)
        if (r) runs.push_back(r);
    try {
        if (runs.size() == 1) {
            writeSingle(*runs.front(), out);
        } else if (runs.empty()) {
            writeHead("Salvo report", out);
            out << "<main><h1>Salvo report</h1><p class=\"none\">No runs to report.</p></main>";
            writeFoot(out);
        } else {
            writeSeveral(runs, out);
        }
    } catch (...) {
        // Only allocation should throw here; the stream's own state tells the caller it failed
        // (and if they asked the stream to throw on that, it is theirs to catch, not ours).
        try {
            out.setstate(std::ios::badbit);
        } catch (...) {
        }
    }
}

}  // namespace salvo
