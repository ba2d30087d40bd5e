// The figures of each named request (a plan's [[requests]]), as the JSON and text reports show them.
#include <algorithm>
#include <iomanip>
#include <utility>

#include "salvo/Report.hpp"

namespace salvo {
namespace json = boost::json;

namespace {

json::object latencyMs(const LatencyHistogram& h) {
    return {{"min", toMillis(h.min())},          {"mean", h.mean() / 1e6},
            {"p50", toMillis(h.percentile(50))}, {"p90", toMillis(h.percentile(90))},
            {"p99", toMillis(h.percentile(99))}, {"max", toMillis(h.max())}};
}

}  // namespace

json::array requestsJson(const RunResult& r) {
    json::array out;
    for (std::size_t i = 0; i < r.requestNames.size() && i < r.requests.size(); ++i) {
        const Tally& t = r.requests[i];
        json::object status, errors;
        for (const auto& [code, n] : t.statusCounts) status[std::to_string(code)] = n;
        for (std::size_t k = 0; k < kErrorKindCount; ++k)
            if (t.errors[k]) errors[kErrorKindNames[k]] = t.errors[k];
        out.push_back(json::object{
            {"name", r.requestNames[i]},
            {"sent", t.sent},
            {"completed", t.completed()},
            {"succeeded", t.succeeded},
            {"failed", t.failed},
            {"error_rate", t.completed() ? static_cast<double>(t.failed) / static_cast<double>(t.completed()) : 0.0},
            {"rps", r.perMeasuredSecond(t.completed()).value_or(0.0)},
            {"status", std::move(status)},
            {"errors", std::move(errors)},
            {"latency_ms", latencyMs(t.latency)},
            // Without a rate there is no due time: the service time is the latency.
            {"service_time_ms", latencyMs(r.open() ? t.serviceTime : t.latency)},
            {"first_byte_ms", latencyMs(t.firstByte)},
            {"bytes_received", t.bytesReceived}});
    }
    return out;
}

// "  login   1000 done, 998 ok, 2 failed (0.2%), 100.0 req/s; ms p50 0.210 p99 0.380 max 1.2; 200 x998, 503 x2"
void writeRequestLines(const RunResult& r, std::ostream& out) {
    if (r.requestNames.empty()) return;
    std::size_t width = 0;
    for (const auto& name : r.requestNames) width = std::max(width, std::min<std::size_t>(name.size(), 40));
    out << "By request:\n";
    for (std::size_t i = 0; i < r.requestNames.size() && i < r.requests.size(); ++i) {
        const Tally& t = r.requests[i];
        const double failedShare = t.completed() ? 100.0 * static_cast<double>(t.failed) / static_cast<double>(t.completed()) : 0.0;
        out << "  " << std::left << std::setw(static_cast<int>(width)) << r.requestNames[i] << std::right << "  "
            << t.completed() << " completed, " << t.succeeded << " succeeded, " << t.failed << " failed ("
            << std::fixed << std::setprecision(1) << failedShare << "%), " << r.perMeasuredSecond(t.completed()).value_or(0.0) << " req/s";
        if (!t.latency.empty())
            out << "; ms p50 " << formatMillis(t.latency.percentile(50)) << " p99 " << formatMillis(t.latency.percentile(99))
                << " max " << formatMillis(t.latency.max());
        const char* separator = "; status";
        for (const auto& [code, n] : t.statusCounts) out << std::exchange(separator, ",") << ' ' << code << " x" << n;
        for (std::size_t k = 0; k < kErrorKindCount; ++k)
            if (t.errors[k]) out << ", " << kErrorKindNames[k] << " x" << t.errors[k];
        out << '\n';
    }
}

}  // namespace salvo
