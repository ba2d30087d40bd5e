#include "HtmlRunSection.hpp"

#include <utility>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <boost/json/serialize.hpp>
#include <vector>

#include "HtmlText.hpp"
#include "ReportCharts.hpp"
#include "salvo/Report.hpp"

namespace salvo::html {
namespace {


enum class Tone { ok, warn, bad };  // ordered: a banner takes its worst line's tone

struct Banner {
    Tone tone = Tone::ok;
    std::vector<std::string> lines;
    void add(std::string line, Tone lineTone = Tone::ok) {
        lines.push_back(std::move(line));
        tone = std::max(tone, lineTone);
    }
};

Banner bannerFor(const RunResult& r) {
    Banner b;
    const std::string outcome = outcomeName(r.outcome);
    b.add("Outcome: " + outcome + (r.message.empty() ? "" : ": " + r.message),
          r.outcome == Outcome::failed ? Tone::bad : r.outcome == Outcome::finished ? Tone::ok : Tone::warn);
    const Tally& t = r.total;
    if (t.completed() && !t.succeeded) b.add("No request succeeded.", Tone::bad);
    else if (t.failed) b.add(grouped(t.failed) + " of " + grouped(t.completed()) + " requests failed.", Tone::warn);
    b.add(std::string("Limits: ") + verdictName(r.limits.verdict) +
              (r.limits.message.empty() ? "" : ": " + r.limits.message),
          r.limits.verdict == Verdict::ok ? Tone::ok : Tone::warn);
    if (r.insecure)
        b.add("TLS verification was switched off (--insecure): the target's certificate was not checked.",
              Tone::warn);
    if (!r.protocolNote.empty()) b.add("Protocol: " + r.protocolNote, Tone::warn);
    return b;
}

// The tone is said in a word too, so colour is never the only signal.
void writeBanner(const RunResult& r, std::ostream& out) {
    const Banner b = bannerFor(r);
    static constexpr const char* classes[] = {"ok", "warn", "bad"};
    static constexpr const char* words[] = {"OK", "Warning", "Failed"};
    const auto i = static_cast<std::size_t>(b.tone);
    out << "<div class=\"banner " << classes[i] << "\" role=\"status\"><strong>" << words[i] << "</strong><ul>";
    for (const auto& line : b.lines) out << "<li>" << escape(line) << "</li>";
    out << "</ul></div>";
}

void figure(std::ostream& out, const std::string& term, const std::string& value) {
    out << "<div><dt>" << escape(term) << "</dt><dd>" << escape(value) << "</dd></div>";
}

std::string percentileText(const LatencyHistogram& h, double percent) {
    return h.empty() ? "\xE2\x80\x93" : number(toMillis(h.percentile(percent)), 3) + " ms";
}

void writeFigures(const RunResult& r, std::ostream& out) {
    const Tally& t = r.total;
    out << "<dl class=\"figures\">";
    figure(out, "Completed", grouped(t.completed()) + (r.planned ? " of " + grouped(r.planned) : ""));
    figure(out, "Succeeded", grouped(t.succeeded));
    figure(out, "Failed", grouped(t.failed));
    figure(out, "Requests/s", number(r.requestsPerSecond(), 1));
    figure(out, "Succeeded/s", number(r.succeededPerSecond(), 1));
    figure(out, "Latency p50", percentileText(t.latency, 50));
    figure(out, "Latency p99", percentileText(t.latency, 99));
    figure(out, "Duration", number(r.elapsedSeconds, 3) + " s");
    figure(out, "Received", formatBytes(t.bytesReceived));
    figure(out, "Protocol", r.protocol == "http/1.1" ? std::string("HTTP/1.1")
                                                     : r.protocol + ", " + grouped(r.streams) + " streams per connection");
    if (r.dropped) figure(out, "Dropped", grouped(r.dropped));
    if (r.warmup.completed()) figure(out, "In the warm-up", grouped(r.warmup.completed()));
    out << "</dl>";
}

void latencyRow(std::ostream& out, const char* name, const LatencyHistogram& h) {
    out << "<tr><th scope=\"row\">" << name << "</th>";
    if (h.empty()) {
        out << "<td colspan=\"7\">no responses</td></tr>";
        return;
    }
    for (double v : {toMillis(h.min()), h.mean() / 1e6, toMillis(h.percentile(50)), toMillis(h.percentile(90)),
                     toMillis(h.percentile(99)), toMillis(h.percentile(99.9)), toMillis(h.max())})
        out << "<td>" << number(v, 3) << "</td>";
    out << "</tr>";
}

void writeLatencyTable(const RunResult& r, std::ostream& out) {
    out << "<table class=\"numbers\"><caption>Latency (ms)</caption><thead><tr><th scope=\"col\"></th>";
    for (const char* h : {"min", "mean", "p50", "p90", "p99", "p99.9", "max"})
        out << "<th scope=\"col\">" << h << "</th>";
    out << "</tr></thead><tbody>";
    latencyRow(out, r.open() ? "Latency (from the due time)" : "Latency", r.total.latency);
    if (r.open()) latencyRow(out, "Service time (from the write)", r.total.serviceTime);
    out << "</tbody></table>";
}

// Several named requests: a row each, in the plan's order.
void writeRequestTable(const RunResult& r, std::ostream& out) {
    if (r.requestNames.empty()) return;
    out << "<table class=\"numbers\"><caption>By request</caption><thead><tr>";
    for (const char* h : {"Request", "Completed", "Failed", "Requests/s", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "Statuses"})
        out << "<th scope=\"col\">" << h << "</th>";
    out << "</tr></thead><tbody>";
    for (std::size_t i = 0; i < r.requestNames.size() && i < r.requests.size(); ++i) {
        const Tally& t = r.requests[i];
        out << "<tr" << (t.failed ? " class=\"bad\"" : "") << "><th scope=\"row\">" << escape(r.requestNames[i])
            << "</th><td>" << grouped(t.completed()) << "</td><td>" << grouped(t.failed) << "</td><td>"
            << number(r.perMeasuredSecond(t.completed()).value_or(0.0), 1) << "</td>";
        for (double p : {50.0, 90.0, 99.0})
            out << "<td>" << (t.latency.empty() ? "\xE2\x80\x93" : number(toMillis(t.latency.percentile(p)), 3)) << "</td>";
        out << "<td>" << (t.latency.empty() ? "\xE2\x80\x93" : number(toMillis(t.latency.max()), 3)) << "</td><td>";
        const char* separator = "";
        for (const auto& [code, n] : t.statusCounts) out << std::exchange(separator, ", ") << code << " \xC3\x97" << grouped(n);
        out << "</td></tr>";
    }
    out << "</tbody></table>";
}

void writeCharts(const RunResult& r, std::size_t index, std::ostream& out) {
    const std::string id = "run" + std::to_string(index);
    out << "<div class=\"charts\">" << svgChart(throughputChart(r, id + "-throughput"))
        << svgChart(latencyChart(r, id + "-latency")) << svgChart(spectrumChart(r, id + "-spectrum")) << "</div>";
}

void writeStatusTable(const RunResult& r, std::ostream& out) {
    if (r.total.statusCounts.empty()) {
        out << "<p class=\"none\">No responses with a status.</p>";
        return;
    }
    out << "<table class=\"numbers\"><caption>Responses by status</caption><thead><tr><th scope=\"col\">Status</th>"
           "<th scope=\"col\">Responses</th></tr></thead><tbody>";
    for (const auto& [code, n] : r.total.statusCounts)
        out << "<tr" << (code >= 400 ? " class=\"bad\"" : "") << "><th scope=\"row\">" << code << "</th><td>"
            << grouped(n) << "</td></tr>";
    out << "</tbody></table>";
}

void writeErrorTable(const RunResult& r, std::ostream& out) {
    const auto messages = r.errorMessages();
    if (messages.empty()) {
        out << "<p class=\"none\">No errors.</p>";
        return;
    }
    out << "<table class=\"errors\"><caption>Errors by kind and message</caption><thead><tr><th scope=\"col\">Kind"
           "</th><th scope=\"col\">Message</th><th scope=\"col\">Count</th><th scope=\"col\">Seen (s)</th></tr>"
           "</thead><tbody>";
    for (const auto& [key, n] : messages) {
        const auto seen = r.errorsSeen.find(key);
        out << "<tr><td>" << escape(key.first) << "</td><td>" << escape(key.second) << "</td><td class=\"n\">"
            << grouped(n) << "</td><td class=\"n\">";
        if (seen != r.errorsSeen.end())
            out << seen->second.firstSecond << "\xE2\x80\x93" << seen->second.lastSecond;
        out << "</td></tr>";
    }
    out << "</tbody></table>";
}

// Numbers as people write them (Boost.JSON writes 30.0 as "3E1"); anything else as JSON.
std::string scalarText(const boost::json::value& v) {
    if (v.is_double()) {
        char text[32];
        std::snprintf(text, sizeof text, "%.15g", v.as_double());
        return std::isfinite(v.as_double()) ? text : "null";
    }
    if (v.is_string() && v.as_string().empty()) return "(empty)";
    return boost::json::serialize(v);
}

// Keys and values as the record keeps them (secrets already redacted there), nested objects as
// nested tables; deeper than a few levels, the JSON text.
void writeJson(const boost::json::value& v, int depth, std::ostream& out) {
    if (v.is_string() && !v.as_string().empty()) {
        out << escape(std::string_view(v.as_string()));
    } else if (v.is_object() && depth < 4 && !v.as_object().empty()) {
        out << "<table class=\"spec\"><tbody>";
        for (const auto& [key, value] : v.as_object()) {
            out << "<tr><th scope=\"row\">" << escape(std::string_view(key)) << "</th><td>";
            writeJson(value, depth + 1, out);
            out << "</td></tr>";
        }
        out << "</tbody></table>";
    } else if (v.is_array() && depth < 4 && !v.as_array().empty()) {
        out << "<ul class=\"spec\">";
        for (const auto& item : v.as_array()) {
            out << "<li>";
            writeJson(item, depth + 1, out);
            out << "</li>";
        }
        out << "</ul>";
    } else {
        out << "<code>" << escape(scalarText(v)) << "</code>";
    }
}

void writeMetadata(const RunRecord& rec, std::ostream& out) {
    out << "<dl class=\"meta\">";
    figure(out, "Started", rec.startedAt.empty() ? "unknown" : rec.startedAt);
    if (!rec.plannedStart.empty()) figure(out, "Planned start", rec.plannedStart);
    figure(out, rec.mergedFrom.empty() ? "Host" : "Hosts", rec.host.empty() ? "unknown" : rec.host);
    if (!rec.mergedFrom.empty()) figure(out, "Merged", "from " + std::to_string(rec.mergedFrom.size()) + " shares");
    if (!rec.result.shard.whole())
        figure(out, "Share", std::to_string(rec.result.shard.index + 1) + " of " + std::to_string(rec.result.shard.count) +
                                 " (index " + std::to_string(rec.result.shard.index) + "): its own part of the run");
    figure(out, "Salvo", rec.salvoVersion.empty() ? "unknown" : rec.salvoVersion);
    figure(out, "Load", describeLoad(rec.result));
    if (rec.secretsKept) figure(out, "Secrets", "header values and the body are kept in this record");
    out << "</dl>";
}

}  // namespace

void writeRunSection(const RunRecord& rec, const std::string& name, std::size_t index, int level,
                     std::ostream& out) {
    const RunResult& r = rec.result;
    const std::string h = std::to_string(level), sub = std::to_string(level + 1);
    out << "<section class=\"run\" id=\"run" << index << "\" aria-labelledby=\"run" << index << "-h\">"
        << "<h" << h << " id=\"run" << index << "-h\">" << escape(name) << "</h" << h << ">"
        << "<p class=\"target\">" << escape(r.url) << "</p>";
    writeBanner(r, out);
    writeMetadata(rec, out);
    writeFigures(r, out);
    writeLatencyTable(r, out);
    writeRequestTable(r, out);
    out << "<h" << sub << ">Charts</h" << sub << ">";
    writeCharts(r, index, out);
    out << "<h" << sub << ">Responses and errors</h" << sub << "><div class=\"tables\">";
    writeStatusTable(r, out);
    writeErrorTable(r, out);
    out << "</div><h" << sub << ">What was asked</h" << sub << ">";
    // A report is made to be shared: secrets stay out even of a record that kept them.
    if (rec.spec.empty()) out << "<p class=\"none\">The record keeps no spec.</p>";
    else writeJson(withoutSecrets(rec.spec), 0, out);
    if (rec.secretsKept) out << "<p class=\"none\">Header values and the body are in the record, not in this report.</p>";
    out << "</section>";
}

}  // namespace salvo::html
