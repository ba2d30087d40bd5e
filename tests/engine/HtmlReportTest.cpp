#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <vector>

#include "Specs.hpp"
#include "salvo/HtmlReport.hpp"

using namespace salvo;

namespace {

const std::string kHostile = "</script><img src=x onerror=alert(1)>";

// A finished run with the given latencies (ms) in each of its seconds, all answered `status`.
RunResult runWith(const std::vector<std::vector<double>>& seconds, int status = 200) {
    std::uint64_t total = 0;
    for (const auto& s : seconds) total += s.size();
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", std::max<std::uint64_t>(total, 1), 2));
    for (std::size_t i = 0; i < seconds.size(); ++i) {
        ProgressEvent e;
        e.second = static_cast<std::uint32_t>(i);
        e.elapsedSeconds = static_cast<double>(i) + 0.9;
        for (double ms : seconds[i]) e.delta.recordResponse(status, 100, static_cast<std::uint64_t>(ms * 1e6));
        r.apply(e);
    }
    r.complete();
    r.outcome = Outcome::finished;
    return r;
}

std::vector<double> spread(double lowMs, double highMs, int n) {
    std::vector<double> v;
    for (int i = 0; i < n; ++i) v.push_back(lowMs + (highMs - lowMs) * i / std::max(1, n - 1));
    return v;
}

RunRecord recordOf(RunResult result, const std::string& label = "") {
    RunRecord rec;
    rec.result = std::move(result);
    rec.startedAt = "2026-11-26T09:30:00.123Z";
    rec.host = "test-host";
    rec.salvoVersion = "0.1.0";
    rec.label = label;
    rec.spec = boost::json::object{{"url", rec.result.url}, {"method", "GET"},
                                   {"headers", boost::json::object{{"Authorization", kRedacted}}}};
    return rec;
}

std::string html(const std::vector<const RunRecord*>& runs) {
    std::ostringstream out;
    writeHtmlReport(runs, out);
    return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

bool isVoid(const std::string& name) {
    static const std::vector<std::string> voids = {"meta", "br", "img", "input", "link", "hr", "wbr"};
    return std::find(voids.begin(), voids.end(), name) != voids.end();
}

// Every element the page opens is closed, in order (void and self-closed SVG elements aside).
// Empty when balanced, else the first mismatch. Attribute values are escaped, so '>' ends a tag.
std::string nestingError(const std::string& page) {
    std::vector<std::string> open;
    for (std::size_t at = page.find('<'); at != std::string::npos; at = page.find('<', at + 1)) {
        const std::size_t end = page.find('>', at);
        if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
        const std::string tag = page.substr(at + 1, end - at - 1);
        if (tag.starts_with("!")) continue;
        const bool closing = tag.starts_with("/");
        const std::size_t from = closing ? 1 : 0;
        const std::string name = tag.substr(from, tag.find_first_of(" />", from) - from);
        if (closing) {
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes <" + (open.empty() ? "nothing" : open.back()) + ">";
            open.pop_back();
        } else if (!tag.ends_with("/") && !isVoid(name)) {
            open.push_back(name);
            if (name == "style") at = page.find("</style>", at) - 1;  // CSS has '>' of its own
        }
        at = std::max(at, end - 1);
    }
    return open.empty() ? "" : "<" + open.back() + "> never closed";
}

// "nan", "inf" or "infinity" as a word: what printf makes of a value that is not finite.
bool hasNonFinite(const std::string& page) {
    static const std::regex word("(^|[^A-Za-z])-?(nan|inf|infinity)([^A-Za-z]|$)", std::regex::icase);
    return std::regex_search(page, word);
}

// Every coordinate attribute is a plain finite number, and every path is made of M/L and numbers.
void expectCleanSvg(const std::string& page) {
    static const std::regex attribute(R"re(\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)")re");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), attribute); it != std::sregex_iterator(); ++it) {
        const std::string value = (*it)[2];
        EXPECT_TRUE(std::regex_match(value, std::regex(R"(-?\d+(\.\d+)?)"))) << (*it)[1] << "=\"" << value << '"';
    }
    static const std::regex path(R"re(\sd="([^"]*)")re");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), path); it != std::sregex_iterator(); ++it)
        EXPECT_TRUE(std::regex_match((*it)[1].str(), std::regex(R"(([ML]-?\d+(\.\d+)? -?\d+(\.\d+)?)+)"))) << (*it)[1];
}

}  // namespace

TEST(HtmlReport, pageIsHtml5WithCharsetAndNoScriptOrNetwork) {
    const RunRecord rec = recordOf(runWith({spread(1, 9, 50), spread(2, 12, 50)}));
    const std::string page = html({&rec});
    EXPECT_TRUE(page.starts_with("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"));
    EXPECT_NE(page.find("prefers-color-scheme:dark"), std::string::npos);
    EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("http-equiv=\"refresh\""), std::string::npos);
    EXPECT_EQ(page.find("src="), std::string::npos);  // nothing is loaded from anywhere
    EXPECT_EQ(nestingError(page), "");
}

TEST(HtmlReport, hostileLabelUrlMessageAndSpecAreEscaped) {
    RunResult result = runWith({spread(1, 9, 20)});
    result.url = "http://127.0.0.1:1/?q=" + kHostile + "&x='1'";
    ProgressEvent e;
    e.delta.recordError(ErrorKind::read, "peer said " + kHostile);
    result.apply(e);
    result.limits.message = kHostile;
    RunRecord rec = recordOf(std::move(result), kHostile);
    rec.host = kHostile;
    rec.spec["headers"].as_object()[kHostile] = kHostile;
    const std::string page = html({&rec});
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(page.find("</script"), std::string::npos);
    for (auto at = page.find("onerror"); at != std::string::npos; at = page.find("onerror", at + 1))
        EXPECT_EQ(page.substr(at - 14, 14), "&lt;img src=x ") << "only as escaped text";
    EXPECT_GE(count(page, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"), 6u);  // title, h1, url, error, ...
    EXPECT_NE(page.find("&amp;x=&#39;1&#39;"), std::string::npos);
    EXPECT_EQ(nestingError(page), "");
}

TEST(HtmlReport, bytesThatAreNotUtf8AndControlCharactersBecomeReplacementCharacters) {
    RunResult result = runWith({spread(1, 2, 5)});
    ProgressEvent e;
    e.delta.recordError(ErrorKind::protocol, std::string("bad \xC3\x28 byte \x01 bell \x07 ok \xC3\xA9"));
    result.apply(e);
    const RunRecord rec = recordOf(std::move(result));
    const std::string page = html({&rec});
    EXPECT_NE(page.find("bad \xEF\xBF\xBD( byte \xEF\xBF\xBD bell \xEF\xBF\xBD ok \xC3\xA9"), std::string::npos);
}

TEST(HtmlReport, oneRunHasThreeChartsWithAxesTitlesAndLines) {
    const RunRecord rec = recordOf(runWith({spread(1, 9, 200), spread(2, 12, 200), spread(1, 30, 200)}), "baseline");
    const std::string page = html({&rec});
    EXPECT_EQ(count(page, "<svg "), 3u);
    EXPECT_EQ(count(page, "role=\"img\""), 3u);
    EXPECT_EQ(count(page, "<title id="), 3u);
    for (const char* title : {">Throughput over time<", ">Latency over time<", ">Latency by percentile<"})
        EXPECT_NE(page.find(title), std::string::npos) << title;
    EXPECT_GE(count(page, "<path class=\"line s"), 2u + 4u + 1u);  // completed, failed; p50..max; spectrum
    for (const char* label : {">time (s)<", ">latency (ms)<", ">requests per second<", ">90%<", ">99%<", ">99.9%<"})
        EXPECT_NE(page.find(label), std::string::npos) << label;
    EXPECT_NE(page.find("<title>p99: "), std::string::npos) << "points carry a hover text";
    expectCleanSvg(page);
    EXPECT_FALSE(hasNonFinite(page));
}

TEST(HtmlReport, oneRunShowsFiguresStatusErrorsSpecAndMetadata) {
    RunResult result = runWith({spread(1, 9, 10)});
    ProgressEvent e;
    e.delta.recordResponse(503, 10, 2'000'000);
    result.apply(e);
    const RunRecord rec = recordOf(std::move(result), "mine");
    const std::string page = html({&rec});
    for (const char* text : {"<h1 id=\"run0-h\">mine</h1>", ">Succeeded<", ">Requests/s<", ">p99.9<", ">503<",
                             ">status<", "2026-11-26T09:30:00.123Z", "test-host", ">0.1.0<", ">Authorization<",
                             ">[redacted]<", "closed model", "1 of 11 requests failed"})
        EXPECT_NE(page.find(text), std::string::npos) << text;
    EXPECT_NE(page.find("class=\"banner warn\""), std::string::npos);
}

TEST(HtmlReport, comparisonMarksTheRegressionInWordsAndColour) {
    const RunRecord fast = recordOf(runWith({spread(1, 10, 300), spread(1, 10, 300)}), "fast");
    const RunRecord slow = recordOf(runWith({spread(2, 40, 300), spread(2, 40, 300)}), "slow");
    const std::string page = html({&fast, &slow});
    const auto table = page.find("<table class=\"compare\"");
    ASSERT_NE(table, std::string::npos);
    EXPECT_LT(table, page.find("<section class=\"run\"")) << "the comparison comes first";
    EXPECT_NE(page.find("fast (baseline)"), std::string::npos);
    const auto worse = page.find("<td class=\"worse\">");
    ASSERT_NE(worse, std::string::npos);
    EXPECT_NE(page.substr(worse, 200).find("\xE2\x96\xB2 worse</span>"), std::string::npos);  // "▲ worse"
    EXPECT_EQ(count(page, "<svg "), 2u + 2u * 3u);  // overlaid latency and spectrum, then each run's three
    EXPECT_NE(page.find(">p99 latency over time<"), std::string::npos);
    EXPECT_EQ(nestingError(page), "");
    expectCleanSvg(page);
    EXPECT_FALSE(hasNonFinite(page));
}

TEST(HtmlReport, improvementIsNotMarkedWorse) {
    const RunRecord slow = recordOf(runWith({spread(2, 40, 300)}), "slow");
    const RunRecord fast = recordOf(runWith({spread(1, 10, 300)}), "fast");
    const std::string page = html({&slow, &fast});
    const std::string latencyRow = page.substr(page.find(">Latency p99"), 400);
    EXPECT_EQ(latencyRow.find("worse"), std::string::npos) << latencyRow;
}

TEST(HtmlReport, aDropInThroughputIsMarkedDownAndWorse) {
    const RunRecord before = recordOf(runWith({spread(1, 10, 300)}), "before");
    RunRecord after = recordOf(runWith({spread(1, 10, 300)}), "after");
    after.result.elapsedSeconds *= 2;  // the same requests in twice the time: half the throughput
    const std::string page = html({&before, &after});
    const std::string throughputRow = page.substr(page.find("<tr><th scope=\"row\">Throughput"), 400);
    EXPECT_NE(throughputRow.find("<td class=\"worse\">"), std::string::npos) << throughputRow;
    EXPECT_NE(throughputRow.find("(-50.0%)"), std::string::npos) << throughputRow;
    EXPECT_NE(throughputRow.find("\xE2\x96\xBC worse"), std::string::npos) << throughputRow;  // "▼ worse"
}

TEST(HtmlReport, runWithoutResponsesIsWellFormed) {
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:1/", 5, 1));
    ProgressEvent e;
    for (int i = 0; i < 5; ++i) e.delta.recordError(ErrorKind::connect, "connection refused");
    e.elapsedSeconds = 1.5;
    r.apply(e);
    r.complete();
    r.outcome = Outcome::failed;
    r.message = "nothing answered";
    const RunRecord rec = recordOf(std::move(r));
    const std::string page = html({&rec});
    EXPECT_EQ(nestingError(page), "");
    EXPECT_NE(page.find("class=\"banner bad\""), std::string::npos);
    EXPECT_NE(page.find("No request succeeded."), std::string::npos);
    EXPECT_NE(page.find("No responses: no latency to show"), std::string::npos);
    EXPECT_NE(page.find("connection refused"), std::string::npos);
    EXPECT_FALSE(hasNonFinite(page));
    expectCleanSvg(page);
}

TEST(HtmlReport, zeroSecondsAndOneSecondDrawWithoutBreaking) {
    RunResult none = RunResult::planFor(test::specFor("http://127.0.0.1:1/", 5, 1));
    none.outcome = Outcome::cancelled;
    const RunRecord empty = recordOf(std::move(none));
    const std::string emptyPage = html({&empty});
    EXPECT_EQ(nestingError(emptyPage), "");
    EXPECT_NE(emptyPage.find("No whole second was recorded"), std::string::npos);
    EXPECT_FALSE(hasNonFinite(emptyPage));
    expectCleanSvg(emptyPage);

    const RunRecord one = recordOf(runWith({spread(1, 3, 20)}));
    const std::string onePage = html({&one});
    EXPECT_GE(count(onePage, "<circle class=\"dot s"), 2u + 4u) << "a single second is a dot on each line";
    EXPECT_FALSE(hasNonFinite(onePage));
    expectCleanSvg(onePage);
}

TEST(HtmlReport, valuesThatAreNotFiniteNeverReachThePage) {
    RunResult r = runWith({spread(1, 3, 20), spread(1, 3, 20)});
    r.timeline[0].targetRps = NAN;
    r.timeline[1].targetRps = INFINITY;
    r.load.rate = 100;  // the open model draws the target rate
    r.elapsedSeconds = 0;
    r.limits.connectionsNeeded = NAN;
    const RunRecord rec = recordOf(std::move(r));
    RunRecord other = rec;
    other.label = "other";
    const std::string page = html({&rec, &other});
    EXPECT_FALSE(hasNonFinite(page));
    expectCleanSvg(page);
    EXPECT_EQ(nestingError(page), "");
}

TEST(HtmlReport, noRunsAndNullRunsGiveAPageThatSaysSo) {
    const std::string page = html({nullptr});
    EXPECT_NE(page.find("No runs to report."), std::string::npos);
    EXPECT_EQ(nestingError(page), "");
}

TEST(HtmlReport, namedRequestsGetARowEachWithTheirNamesEscaped) {
    RunResult result = runWith({spread(1, 9, 20)});
    result.requestNames = {"home", kHostile};
    result.requests.resize(2);
    result.requests[0].recordResponse(200, 10, 2'000'000);
    result.requests[1].recordResponse(503, 10, 4'000'000);
    const RunRecord rec = recordOf(std::move(result));
    const std::string page = html({&rec});
    EXPECT_NE(page.find("<caption>By request</caption>"), std::string::npos);
    EXPECT_NE(page.find("<tr><th scope=\"row\">home</th><td>1</td><td>0</td>"), std::string::npos);
    EXPECT_NE(page.find("<tr class=\"bad\"><th scope=\"row\">&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</th>"),
              std::string::npos);
    EXPECT_NE(page.find("503 \xC3\x97" "1</td></tr>"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(nestingError(page), "");
    const RunRecord single = recordOf(runWith({spread(1, 9, 20)}));
    EXPECT_EQ(html({&single}).find("By request"), std::string::npos);
}
