#include "ReportCharts.hpp"

#include <algorithm>
#include <cmath>

#include "salvo/Report.hpp"

namespace salvo::html {
namespace {

constexpr double kNinesStep = 0.02;  // ~50 points per decade: smooth at any zoom of the page
constexpr int kMaxNines = 6;         // 99.9999%: past that, even a long run has few values

// One point per second, at its middle; a second without responses has no latency, so it is a gap.
ChartSeries perSecond(const RunResult& r, std::string name, int colour,
                      std::uint64_t SecondStats::*field) {
    ChartSeries s{std::move(name), colour, {}, false};
    s.points.reserve(r.timeline.size());
    for (std::size_t i = 0; i < r.timeline.size(); ++i) {
        const SecondStats& second = r.timeline[i];
        const double y = second.responses ? toMillis(second.*field) : NAN;
        s.points.push_back({static_cast<double>(i) + 0.5, y});
    }
    return s;
}

// The whole run's distribution on the nines axis, up to the nines its count can speak for
// (with n values, percentiles past 1 - 1/n are all the maximum).
ChartSeries spectrum(const LatencyHistogram& h, std::string name, int colour, bool dashed) {
    ChartSeries s{std::move(name), colour, {}, dashed};
    if (h.empty()) return s;
    const double nines = std::log10(static_cast<double>(h.count()));
    const double top = std::clamp(std::ceil(nines), 1.0, static_cast<double>(kMaxNines));
    const int steps = static_cast<int>(std::lround(top / kNinesStep));
    for (int i = 0; i <= steps; ++i) {
        const double x = i * kNinesStep;
        s.points.push_back({x, toMillis(h.percentile(100 * (1 - std::pow(10.0, -x))))});
    }
    return s;
}

Chart spectrumFrame(const std::string& id, const std::string& summary) {
    Chart c;
    c.id = id;
    c.title = "Latency by percentile";
    c.summary = summary;
    c.xAxis = ChartAxis::nines;
    c.xLabel = "percentile (each step right is ten times rarer)";
    c.yLabel = "latency (ms)";
    c.yUnit = "ms";
    c.emptyText = "No responses: no latency to show";
    return c;
}

Chart latencyFrame(const std::string& id, const std::string& summary) {
    Chart c;
    c.id = id;
    c.title = "Latency over time";
    c.summary = summary;
    c.xLabel = "time (s)";
    c.yLabel = "latency (ms)";
    c.yUnit = "ms";
    c.emptyText = "No whole second with responses was recorded";
    return c;
}

}  // namespace

Chart throughputChart(const RunResult& r, const std::string& id) {
    Chart c;
    c.id = id;
    c.title = "Throughput over time";
    c.summary = "Requests completed and failed in each second of the run" +
                std::string(r.open() ? ", and the target rate." : ".");
    c.xLabel = "time (s)";
    c.yLabel = "requests per second";
    c.yUnit = "req/s";
    c.emptyText = "No whole second was recorded";
    ChartSeries completed{"completed", 0, {}, false}, failed{"failed", 1, {}, false};
    ChartSeries target{"target rate", kPlanColour, {}, true};
    for (std::size_t i = 0; i < r.timeline.size(); ++i) {
        const double x = static_cast<double>(i) + 0.5;  // the middle of its second
        completed.points.push_back({x, static_cast<double>(r.timeline[i].completed)});
        failed.points.push_back({x, static_cast<double>(r.timeline[i].failed)});
        target.points.push_back({x, r.timeline[i].targetRps});
    }
    c.series = {std::move(completed), std::move(failed)};
    if (r.open()) c.series.push_back(std::move(target));
    return c;
}

Chart latencyChart(const RunResult& r, const std::string& id) {
    Chart c = latencyFrame(id, "Latency percentiles (p50, p90, p99) and the maximum in each second of the run, "
                               "in milliseconds. Seconds without responses are gaps.");
    c.series = {perSecond(r, "p50", 0, &SecondStats::latencyP50), perSecond(r, "p90", 4, &SecondStats::latencyP90),
                perSecond(r, "p99", 1, &SecondStats::latencyP99), perSecond(r, "max", 3, &SecondStats::latencyMax)};
    return c;
}

Chart spectrumChart(const RunResult& r, const std::string& id) {
    Chart c = spectrumFrame(id, "The whole run's latency at each percentile, from the median to the tail.");
    c.series.push_back(spectrum(r.total.latency, r.open() ? "latency (from the due time)" : "latency", 0, false));
    // The open model keeps both, as wrk2 does: the gap between them is the time spent waiting to be sent.
    if (r.open()) c.series.push_back(spectrum(r.total.serviceTime, "service time (from the write)", 4, true));
    return c;
}

Chart overlaidLatencyChart(const std::vector<const RunRecord*>& runs, const std::vector<std::string>& names) {
    Chart c = latencyFrame("compare-latency", "The p99 latency in each second, one line per run.");
    c.title = "p99 latency over time";
    for (std::size_t i = 0; i < runs.size(); ++i)
        c.series.push_back(perSecond(runs[i]->result, i < names.size() ? names[i] : "run",
                                     static_cast<int>(i % kRunColours), &SecondStats::latencyP99));
    return c;
}

Chart overlaidSpectrumChart(const std::vector<const RunRecord*>& runs, const std::vector<std::string>& names) {
    Chart c = spectrumFrame("compare-spectrum", "Each run's latency at each percentile, one line per run.");
    for (std::size_t i = 0; i < runs.size(); ++i)
        c.series.push_back(spectrum(runs[i]->result.total.latency, i < names.size() ? names[i] : "run",
                                    static_cast<int>(i % kRunColours), false));
    return c;
}

}  // namespace salvo::html
