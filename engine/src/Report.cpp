#include "salvo/Report.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace salvo {
namespace json = boost::json;

namespace {

json::object latencyJson(const LatencyHistogram& h) {
    return {{"min", toMillis(h.min())},          {"mean", h.mean() / 1e6},
            {"p50", toMillis(h.percentile(50))}, {"p90", toMillis(h.percentile(90))},
            {"p99", toMillis(h.percentile(99))}, {"p999", toMillis(h.percentile(99.9))},
            {"max", toMillis(h.max())}};
}

// Where the time went: each step's figures and how many times it happened (connections: the
// connect and handshake of each new one; dns: once per engine thread).
json::object timingJson(const Tally& t) {
    json::object timing;
    const std::pair<const char*, const LatencyHistogram*> steps[] = {
        {"dns", &t.dns}, {"connect", &t.connect}, {"tls", &t.tlsHandshake}, {"first_byte", &t.firstByte}};
    for (const auto& [name, h] : steps) {
        json::object o = latencyJson(*h);
        o["count"] = h->count();
        timing[name] = std::move(o);
    }
    return timing;
}

json::object loadJson(const RunResult& r) {
    const LoadPlan& l = r.load;
    json::array stages, changes;
    for (const auto& s : l.stages) stages.push_back(json::object{{"duration_s", s.seconds}, {"target_rps", s.targetRps}});
    for (const auto& c : r.rateChanges) changes.push_back(json::object{{"at_s", c.atSeconds}, {"target_rps", c.targetRps}});
    json::object load{{"mode", l.timed() ? "duration" : "count"},
                      {"model", l.open() ? "open" : "closed"},
                      {"count", l.counted() ? json::value(l.count) : json::value(nullptr)},
                      {"duration_s", l.timed() ? json::value(l.durationSeconds) : json::value(nullptr)},
                      {"rate", l.rate ? json::value(*l.rate) : json::value(nullptr)},
                      {"start_rate", l.startRate},
                      {"stages", std::move(stages)},
                      {"max_connections", l.maxConnections},
                      {"warmup_s", l.warmupSeconds},
                      {"grace_s", l.graceSeconds},
                      {"arrival", arrivalName(l.arrival)},
                      {"rate_changes", std::move(changes)}};
    if (l.arrival == Arrival::poisson) load["seed"] = l.seed;
    return load;
}

json::object limitsJson(const Limits& l) {
    return {{"verdict", verdictName(l.verdict)},       {"engine_cpu_max", l.engineCpuMax},
            {"peak_connections", l.peakConnections},   {"waited_for_connection", l.waitedForConnection},
            {"idle_lag_p99_ms", l.idleLagP99Ms},       {"loop_lag_p99_ms", l.loopLagP99Ms},
            {"connections_needed", l.connectionsNeeded}, {"message", l.message}};
}

json::array timelineJson(const RunResult& r) {
    json::array seconds;
    for (std::size_t i = 0; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        seconds.push_back(json::object{{"second", i},
                                       {"sent", s.sent},
                                       {"completed", s.completed},
                                       {"failed", s.failed},
                                       {"latency_p50_ms", toMillis(s.latencyP50)},
                                       {"latency_p90_ms", toMillis(s.latencyP90)},
                                       {"latency_p99_ms", toMillis(s.latencyP99)},
                                       {"latency_max_ms", toMillis(s.latencyMax)},
                                       {"service_time_p50_ms", toMillis(s.serviceP50)},
                                       {"service_time_p90_ms", toMillis(s.serviceP90)},
                                       {"service_time_p99_ms", toMillis(s.serviceP99)},
                                       {"service_time_max_ms", toMillis(s.serviceMax)},
                                       {"target_rps", s.targetRps},
                                       {"connections", s.connections},
                                       {"in_flight", s.inFlight},
                                       {"warmup", s.warmup}});
    }
    return seconds;
}

// Every failure by kind and message, exact counts, with the seconds it was first and last seen.
json::array errorMessagesJson(const RunResult& r) {
    json::array messages;
    for (const auto& [key, n] : r.errorMessages()) {
        const auto seen = r.errorsSeen.find(key);
        const ErrorSeen when = seen == r.errorsSeen.end() ? ErrorSeen{} : seen->second;
        messages.push_back(json::object{{"kind", key.first}, {"message", key.second}, {"count", n},
                                        {"first_second", when.firstSecond},
                                        {"last_second", when.lastSecond}});
    }
    return messages;
}
}  // namespace

double toMillis(std::uint64_t nanos) { return static_cast<double>(nanos) / 1e6; }

std::string formatMillis(std::uint64_t nanos) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", toMillis(nanos));
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
    for (const auto& second : r.timeline) timeline.emplace_back(second.completed);
    json::object report{{"outcome", outcomeName(r.outcome)},
            {"message", r.message},
            {"url", r.url},
            {"connections", r.connections},
            {"threads", r.threads},
            {"insecure", r.insecure},
            {"protocol", r.protocol},
            {"protocol_note", r.protocolNote},
            {"streams", r.streams},
            {"connections_by_protocol", {{"h2", r.http2Connections}, {"http/1.1", r.http1Connections},
                                         {"fell_back", r.fellBackConnections}}},
            {"load", loadJson(r)},
            {"requests", {{"planned", r.planned}, {"completed", t.completed()},
                          {"succeeded", t.succeeded}, {"failed", t.failed},
                          {"retried", t.retried}, {"in_flight_at_end", r.inFlightAtEnd},
                          {"in_flight_longest_ms", r.inFlightLongestSeconds * 1000},
                          {"scheduled", r.scheduled}, {"sent", r.sent()}, {"dropped", r.dropped},
                          {"late", t.late}, {"warmup", r.warmup.completed()}}},
            {"status", std::move(status)},
            {"errors", std::move(errors)},
            {"connection_errors", {{"unsolicited", t.unsolicited + r.warmup.unsolicited},
                                   {"goaway", t.goaways + r.warmup.goaways},
                                   {"failed_connects", t.connectFailures + r.warmup.connectFailures}}},
            {"error_samples", std::move(samples)},
            {"error_messages", errorMessagesJson(r)},
            {"latency_ms", latencyJson(t.latency)},
            // Without a rate there is no due time: service time is the latency, and nothing lags.
            {"service_time_ms", latencyJson(r.open() ? t.serviceTime : t.latency)},
            {"lag_ms", latencyJson(t.lag)},
            {"timing_ms", timingJson(t)},
            {"limits", limitsJson(r.limits)},
            {"thresholds", thresholdsJson(r.thresholds)},
            {"by_request", requestsJson(r)},
            {"duration_s", r.elapsedSeconds},
            {"rps", r.requestsPerSecond()},
            {"succeeded_rps", r.succeededPerSecond()},
            {"bytes_received", t.bytesReceived},
            {"completed_per_second", std::move(timeline)},
            {"timeline", timelineJson(r)}};
    // One share of a run split over machines: its planned, connections and load are the share's.
    if (!r.shard.whole())
        report["shard"] = json::object{{"index", r.shard.index}, {"count", r.shard.count}, {"source", r.shard.source}};
    return report;
}

void writeJsonReport(const RunResult& result, std::ostream& out) {
    out << json::serialize(reportJson(result)) << '\n';
}

namespace {

void writeLatencyLine(const char* label, const LatencyHistogram& h, std::ostream& out) {
    if (h.empty()) return;
    out << label << "min " << formatMillis(h.min()) << "  mean " << formatMillis(static_cast<std::uint64_t>(h.mean()))
        << "  p50 " << formatMillis(h.percentile(50)) << "  p90 " << formatMillis(h.percentile(90))
        << "  p99 " << formatMillis(h.percentile(99)) << "  p99.9 " << formatMillis(h.percentile(99.9))
        << "  max " << formatMillis(h.max()) << '\n';
}

// "Timing ms:   connect p50 0.061 (12), TLS p50 1.204 (12), first byte p50 0.210 p99 0.380".
void writeTimingLine(const Tally& t, std::ostream& out) {
    if (t.connect.empty() && t.firstByte.empty()) return;
    out << "Timing ms:  ";
    if (!t.dns.empty()) out << " dns " << formatMillis(t.dns.max()) << ',';
    if (!t.connect.empty()) out << " connect p50 " << formatMillis(t.connect.percentile(50)) << " (" << t.connect.count() << "),";
    if (!t.tlsHandshake.empty())
        out << " TLS p50 " << formatMillis(t.tlsHandshake.percentile(50)) << " (" << t.tlsHandshake.count() << "),";
    if (!t.firstByte.empty())
        out << " first byte p50 " << formatMillis(t.firstByte.percentile(50)) << " p99 " << formatMillis(t.firstByte.percentile(99));
    out << '\n';
}

}  // namespace

std::string describeLoad(const RunResult& r) {
    const LoadPlan& l = r.load;
    std::ostringstream text;
    text << std::defaultfloat << std::setprecision(6);
    if (l.open()) {
        text << "open model, ";
        if (l.rate) text << *l.rate << " req/s";
        else text << l.stages.size() << " stage" << (l.stages.size() == 1 ? "" : "s") << " from " << l.startRate
                  << " up to " << l.peakRate() << " req/s";
        text << " (" << arrivalName(l.arrival) << "), " << r.connections
             << (r.connections == 1 ? " connection" : " connections") << " at the start, up to " << l.maxConnections;
    } else {
        text << "closed model, " << r.connections << (r.connections == 1 ? " connection" : " connections");
    }
    if (l.timed()) text << ", for " << l.durationSeconds << " s";
    if (l.counted()) text << ", at most " << l.count << " requests";
    if (l.warmupSeconds > 0) text << ", first " << l.warmupSeconds << " s warm-up";
    for (const auto& change : r.rateChanges)
        text << "; changed at " << std::fixed << std::setprecision(1) << change.atSeconds << " s to "
             << std::defaultfloat << std::setprecision(6) << change.targetRps << " req/s";
    return text.str();
}

void writeTextReport(const RunResult& r, std::ostream& out) {
    const Tally& t = r.total;
    out << "Target:      " << r.url << (r.insecure ? "  (TLS verification OFF: --insecure)" : "") << '\n'
        << "Outcome:     " << outcomeName(r.outcome) << (r.message.empty() ? "" : ": " + r.message)
        << (t.completed() && !t.succeeded ? " (no request succeeded)" : "") << '\n'
        << "Load:        " << describeLoad(r) << '\n';
    if (!r.shard.whole())
        out << "Share:       " << r.shard.index + 1 << " of " << r.shard.count << " (index " << r.shard.index
            << "; the load above is this share's)\n";
    if (r.protocol != "http/1.1" || !r.protocolNote.empty()) {
        out << "Protocol:    " << (r.protocol == "h2c" ? "HTTP/2 over plain TCP (h2c)" : r.protocol == "h2" ? "HTTP/2 (h2)" : "HTTP/1.1");
        if (r.protocol != "http/1.1") out << ", " << r.streams << (r.streams == 1 ? " stream" : " streams") << " per connection";
        if (!r.protocolNote.empty()) out << " (" << r.protocolNote << ")";
        if (r.done() && r.http2Connections + r.http1Connections == 0) out << " (asked for: no connection got through)";
        out << '\n';
    }
    out << "Requests:    " << t.completed();
    if (r.planned) out << " of " << r.planned;
    out << " completed, " << t.succeeded << " succeeded, " << t.failed << " failed";
    if (r.warmup.completed()) out << " (and " << r.warmup.completed() << " in the warm-up)";
    if (r.inFlightAtEnd)
        out << ", " << r.inFlightAtEnd << " in flight at the end (longest " << std::fixed << std::setprecision(0)
            << r.inFlightLongestSeconds * 1000 << " ms)";
    if (r.dropped) out << ", " << r.dropped << " dropped (due, never sent)";
    if (t.retried) out << ", " << t.retried << " retried on a fresh connection";
    if (r.open() && t.late) out << ", " << t.late << " sent over 1 ms late";
    out << '\n' << std::fixed << std::setprecision(3)
        << "Duration:    " << r.elapsedSeconds << " s over " << r.connections
        << (r.connections == 1 ? " connection" : " connections");
    if (r.limits.peakConnections > r.connections) out << " (peak " << r.limits.peakConnections << ")";
    out << '\n' << std::setprecision(1) << "Rate:        " << r.requestsPerSecond() << " requests/s ("
        << r.succeededPerSecond() << " successful), " << formatBytes(t.bytesReceived) << " received\n";
    if (r.open()) {
        writeLatencyLine("Latency ms:  ", t.latency, out);  // from the due time
        writeLatencyLine("Service ms:  ", t.serviceTime, out);
        writeLatencyLine("Lag ms:      ", t.lag, out);
    } else {
        writeLatencyLine("Latency ms:  ", t.latency, out);
    }
    writeTimingLine(t, out);
    if (!t.statusCounts.empty()) {
        out << "Status:     ";
        for (const auto& [code, n] : t.statusCounts) out << ' ' << code << " x" << n;
        out << '\n';
    }
    for (std::size_t i = 0; i < kErrorKindCount; ++i)
        if (t.errors[i]) out << "Errors:      " << kErrorKindNames[i] << " x" << t.errors[i] << '\n';
    if (t.unsolicited) out << "Connections: " << t.unsolicited << " closed for unsolicited bytes from the server\n";
    if (t.goaways) out << "Connections: " << t.goaways << " ended by the server's GOAWAY\n";
    if (t.connectFailures) out << "Connections: " << t.connectFailures << " connects failed ahead of a request\n";
    for (const auto& sample : t.errorSamples) out << "  e.g. " << sample << '\n';
    writeRequestLines(r, out);
    if (r.limits.verdict != Verdict::ok)
        out << "Verdict:     " << verdictName(r.limits.verdict) << ": " << r.limits.message << '\n';
    writeThresholdLines(r.thresholds, out);
}

void writeCsvTimeline(const RunResult& result, std::ostream& out) {
    out << "second,completed\n";
    for (std::size_t i = 0; i < result.timeline.size(); ++i) out << i << ',' << result.timeline[i].completed << '\n';
}

}  // namespace salvo
