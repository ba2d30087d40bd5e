#include "salvo/Report.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <iomanip>

namespace salvo {
namespace json = boost::json;

namespace {
double millis(std::uint64_t nanos) { return static_cast<double>(nanos) / 1e6; }

json::object latencyJson(const LatencyHistogram& h) {
    return {{"min", millis(h.min())},          {"mean", h.mean() / 1e6},
            {"p50", millis(h.percentile(50))}, {"p90", millis(h.percentile(90))},
            {"p99", millis(h.percentile(99))}, {"p999", millis(h.percentile(99.9))},
            {"max", millis(h.max())}};
}
}  // namespace

std::string formatMillis(std::uint64_t nanos) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", millis(nanos));
    return text;
}

std::string formatBytes(std::uint64_t bytes) {
    static constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

json::object reportJson(const RunResult& r) {
    const Tally& t = r.total;
    json::object status;
    for (const auto& [code, n] : t.statusCounts) status[std::to_string(code)] = n;
    json::object errors;
    for (std::size_t i = 0; i < kErrorKindCount; ++i) errors[kErrorKindNames[i]] = t.errors[i];
    json::array samples;
    for (const auto& s : t.errorSamples) samples.emplace_back(s);
    json::array timeline;
    for (auto n : r.completedPerSecond) timeline.emplace_back(n);
    return {{"outcome", outcomeName(r.outcome)},
            {"message", r.message},
            {"url", r.url},
            {"connections", r.connections},
            {"threads", r.threads},
            {"insecure", r.insecure},
            {"requests", {{"planned", r.planned}, {"completed", t.completed()},
                          {"succeeded", t.succeeded}, {"failed", t.failed},
                          {"retried", t.retried}, {"in_flight_at_end", r.inFlightAtEnd}}},
            {"status", std::move(status)},
            {"errors", std::move(errors)},
            {"connection_errors", {{"unsolicited", t.unsolicited}}},
            {"error_samples", std::move(samples)},
            {"latency_ms", latencyJson(t.latency)},
            {"duration_s", r.elapsedSeconds},
            {"rps", r.requestsPerSecond()},
            {"bytes_received", t.bytesReceived},
            {"completed_per_second", std::move(timeline)}};
}

void writeJsonReport(const RunResult& result, std::ostream& out) {
    out << json::serialize(reportJson(result)) << '\n';
}

void writeTextReport(const RunResult& r, std::ostream& out) {
    const Tally& t = r.total;
    const LatencyHistogram& h = t.latency;
    out << "Target:      " << r.url << (r.insecure ? "  (TLS verification OFF: --insecure)" : "") << '\n'
        << "Outcome:     " << outcomeName(r.outcome) << (r.message.empty() ? "" : ": " + r.message) << '\n'
        << "Requests:    " << t.completed() << " of " << r.planned << " completed, " << t.succeeded
        << " succeeded, " << t.failed << " failed";
    if (r.inFlightAtEnd) out << ", " << r.inFlightAtEnd << " in flight when stopped";
    if (t.retried) out << ", " << t.retried << " retried on a fresh connection";
    out << '\n' << std::fixed << std::setprecision(3)
        << "Duration:    " << r.elapsedSeconds << " s over " << r.connections << " connections\n"
        << std::setprecision(1) << "Rate:        " << r.requestsPerSecond() << " requests/s, "
        << formatBytes(t.bytesReceived) << " received\n";
    if (!h.empty()) {
        out << "Latency ms:  min " << formatMillis(h.min()) << "  mean " << formatMillis(static_cast<std::uint64_t>(h.mean()))
            << "  p50 " << formatMillis(h.percentile(50)) << "  p90 " << formatMillis(h.percentile(90))
            << "  p99 " << formatMillis(h.percentile(99)) << "  p99.9 " << formatMillis(h.percentile(99.9))
            << "  max " << formatMillis(h.max()) << '\n';
    }
    if (!t.statusCounts.empty()) {
        out << "Status:     ";
        for (const auto& [code, n] : t.statusCounts) out << ' ' << code << " x" << n;
        out << '\n';
    }
    for (std::size_t i = 0; i < kErrorKindCount; ++i)
        if (t.errors[i]) out << "Errors:      " << kErrorKindNames[i] << " x" << t.errors[i] << '\n';
    if (t.unsolicited) out << "Connections: " << t.unsolicited << " closed for unsolicited bytes from the server\n";
    for (const auto& sample : t.errorSamples) out << "  e.g. " << sample << '\n';
}

void writeCsvTimeline(const RunResult& result, std::ostream& out) {
    out << "second,completed\n";
    for (std::size_t i = 0; i < result.completedPerSecond.size(); ++i)
        out << i << ',' << result.completedPerSecond[i] << '\n';
}

}  // namespace salvo
