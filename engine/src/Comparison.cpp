#include "salvo/Comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <sstream>

namespace salvo {
namespace json = boost::json;

namespace {

using Figure = std::function<std::optional<double>(const RunResult&)>;

struct FigureSpec {
    const char* key;
    const char* label;
    const char* unit;
    Better better;
    Figure value;
};

// Latency figures exist only for runs with responses: a run of transport errors has none (not 0).
Figure latency(double percent) {
    return [percent](const RunResult& r) -> std::optional<double> {
        if (r.total.latency.empty()) return std::nullopt;
        return static_cast<double>(r.total.latency.percentile(percent)) / 1e6;
    };
}

std::optional<double> errorRate(const RunResult& r) {
    const std::uint64_t completed = r.total.completed();
    if (completed == 0) return std::nullopt;
    return static_cast<double>(r.total.failed) * 100 / static_cast<double>(completed);
}

// The figures a person compares runs by, in the order the table shows them.
const std::vector<FigureSpec>& figureSpecs() {
    static const std::vector<FigureSpec> specs = {
        {"rps", "Throughput", "req/s", Better::higher, [](const RunResult& r) { return std::optional(r.requestsPerSecond()); }},
        {"succeeded_rps", "Successful", "req/s", Better::higher,
         [](const RunResult& r) { return std::optional(r.succeededPerSecond()); }},
        {"error_rate_percent", "Error rate", "%", Better::lower, errorRate},
        {"latency_mean_ms", "Latency mean", "ms", Better::lower,
         [](const RunResult& r) -> std::optional<double> {
             if (r.total.latency.empty()) return std::nullopt;
             return r.total.latency.mean() / 1e6;
         }},
        {"latency_p50_ms", "Latency p50", "ms", Better::lower, latency(50)},
        {"latency_p90_ms", "Latency p90", "ms", Better::lower, latency(90)},
        {"latency_p99_ms", "Latency p99", "ms", Better::lower, latency(99)},
        {"latency_p999_ms", "Latency p99.9", "ms", Better::lower, latency(99.9)},
        {"latency_max_ms", "Latency max", "ms", Better::lower, latency(100)},
        {"service_time_p99_ms", "Service time p99", "ms", Better::lower,
         [](const RunResult& r) -> std::optional<double> {
             const LatencyHistogram& h = r.open() ? r.total.serviceTime : r.total.latency;
             if (h.empty()) return std::nullopt;
             return static_cast<double>(h.percentile(99)) / 1e6;
         }},
        {"dropped", "Dropped", "", Better::lower,
         [](const RunResult& r) { return std::optional(static_cast<double>(r.dropped)); }},
    };
    return specs;
}

// Several named requests: each one's throughput, error rate and latency p99, for the names
// the baseline has (a run without one of them shows no value for it).
std::vector<FigureSpec> requestFigureSpecs(const std::string& name) {
    const auto per = [name](std::function<std::optional<double>(const RunResult&, const Tally&)> value) -> Figure {
        return [name, value](const RunResult& r) -> std::optional<double> {
            const Tally* t = r.requestTally(name);
            return t ? value(r, *t) : std::nullopt;
        };
    };
    return {
        {"rps", "Throughput", "req/s", Better::higher, per([](const RunResult& r, const Tally& t) { return r.perMeasuredSecond(t.completed()); })},
        {"error_rate_percent", "Error rate", "%", Better::lower, per([](const RunResult&, const Tally& t) -> std::optional<double> {
             if (t.completed() == 0) return std::nullopt;
             return static_cast<double>(t.failed) * 100 / static_cast<double>(t.completed());
         })},
        {"latency_p99_ms", "Latency p99", "ms", Better::lower, per([](const RunResult&, const Tally& t) -> std::optional<double> {
             if (t.latency.empty()) return std::nullopt;
             return static_cast<double>(t.latency.percentile(99)) / 1e6;
         })},
    };
}

// Beyond the tolerance: `worse` > 0 is how much worse the value is (negative: better).
bool beyondTolerance(const ComparedFigure& f, double baseline, double worse) {
    if (f.key.ends_with("error_rate_percent")) return worse > kRegressionErrorRatePoints;
    if (baseline == 0) return true;  // from nothing to something (dropped requests)
    return worse / std::abs(baseline) * 100 > kRegressionPercent;
}

bool isRegression(const ComparedFigure& f, double baseline, double value) {
    const double worse = f.better == Better::lower ? value - baseline : baseline - value;
    return worse > 0 && beyondTolerance(f, baseline, worse);
}

// The same tolerance the other way, so "better" means as much as "regression" does.
bool isImprovement(const ComparedFigure& f, double baseline, double value) {
    const double better = f.better == Better::lower ? baseline - value : value - baseline;
    return better > 0 && beyondTolerance(f, baseline, better);
}

void fillDifferences(ComparedFigure& f) {
    const std::size_t n = f.values.size();
    f.difference.assign(n, std::nullopt);
    f.percent.assign(n, std::nullopt);
    f.regression.assign(n, false);
    f.improvement.assign(n, false);
    if (n == 0 || !f.values[0]) return;  // no baseline figure: nothing to compare with
    const double baseline = f.values[0].value_or(0);
    for (std::size_t i = 1; i < n; ++i) {
        if (!f.values[i]) continue;
        const double value = f.values[i].value_or(0);
        f.difference[i] = value - baseline;
        if (baseline != 0) f.percent[i] = (value - baseline) / std::abs(baseline) * 100;
        f.regression[i] = isRegression(f, baseline, value);
        f.improvement[i] = isImprovement(f, baseline, value);
    }
}

// Differences that make a figure mean something else from run to run.
std::vector<std::string> notesOn(const std::vector<const RunRecord*>& runs) {
    std::vector<std::string> notes;
    bool open = false, closed = false, otherUrl = false;
    for (const RunRecord* run : runs) {
        (run->result.open() ? open : closed) = true;
        otherUrl = otherUrl || run->result.url != runs.front()->result.url;
    }
    if (open && closed)
        notes.push_back("the runs mix load models: with a rate, latency counts from each request's due time; "
                        "without, from its write. Compare the service time instead");
    if (otherUrl) notes.push_back("the runs tested different URLs");
    return notes;
}

}  // namespace

std::string runName(const RunRecord& record) {
    if (!record.label.empty()) return record.label;
    std::string name = record.startedAt.empty() ? "run" : record.startedAt;
    if (!record.host.empty()) name += " on " + record.host;
    return name;
}

namespace {

// `prefix` keys and labels a named request's figures: "requests.login.rps", "login: Throughput".
void addFigures(const std::vector<const RunRecord*>& runs, const std::vector<FigureSpec>& specs,
                const std::string& keyPrefix, const std::string& labelPrefix, Comparison& comparison) {
    for (const FigureSpec& spec : specs) {
        ComparedFigure f{keyPrefix + spec.key, labelPrefix + spec.label, spec.unit, spec.better, {}, {}, {}, {}, {}};
        for (const RunRecord* run : runs) f.values.push_back(spec.value(run->result));
        fillDifferences(f);
        comparison.figures.push_back(std::move(f));
    }
}

}  // namespace

Comparison compareRuns(const std::vector<const RunRecord*>& runs) {
    Comparison comparison;
    for (const RunRecord* run : runs) comparison.runs.push_back(runName(*run));
    addFigures(runs, figureSpecs(), "", "", comparison);
    if (runs.empty()) return comparison;
    for (const std::string& name : runs.front()->result.requestNames)
        addFigures(runs, requestFigureSpecs(name), "requests." + name + ".", name + ": ", comparison);
    comparison.notes = notesOn(runs);
    return comparison;
}

namespace {

std::string number(std::optional<double> v, const std::string& unit, bool sign = false) {
    if (!v) return "-";
    char text[48];
    const int decimals = unit == "ms" ? 3 : unit.empty() ? 0 : 1;
    std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, *v);
    return text;
}

// A, B, ... Z, then A2, B2, ...: a short name per run that stays unique past 26.
std::string letter(std::size_t i) {
    std::string name(1, static_cast<char>('A' + i % 26));
    return i < 26 ? name : name + std::to_string(i / 26 + 1);
}

std::string change(const ComparedFigure& f, std::size_t i) {
    if (!f.difference[i]) return "";
    std::string text = number(f.difference[i], f.unit, true);
    if (f.percent[i]) {
        char percent[32];
        std::snprintf(percent, sizeof percent, " (%+.1f%%)", *f.percent[i]);
        text += percent;
    }
    if (f.regression[i]) text += "  REGRESSION";
    else if (f.improvement[i]) text += "  better";
    return text;
}

}  // namespace

// One block per figure and run, so any number of runs fits a terminal:
//   Latency p99 (ms)      A 10.000   B 12.000 +2.000 (+20.0%)  REGRESSION
void writeComparisonText(const Comparison& c, std::ostream& out) {
    for (std::size_t i = 0; i < c.runs.size(); ++i)
        out << letter(i) << (i == 0 ? " (baseline)" : "") << ": " << c.runs[i] << '\n';
    for (const auto& note : c.notes) out << "Note: " << note << '\n';
    out << '\n';
    const auto title = [](const ComparedFigure& f) { return f.label + (f.unit.empty() ? "" : " (" + f.unit + ")"); };
    std::size_t width = 22;  // the titles' column: as wide as the longest (a request's name is in it)
    for (const ComparedFigure& f : c.figures) width = std::max(width, std::min<std::size_t>(title(f).size(), 60));
    for (const ComparedFigure& f : c.figures) {
        out << std::left << std::setw(static_cast<int>(width + 2)) << title(f);
        for (std::size_t i = 0; i < f.values.size(); ++i) {
            out << (i ? "   " : "") << letter(i) << ' ' << number(f.values[i], f.unit);
            if (i > 0 && f.difference[i]) out << ' ' << change(f, i);
        }
        out << '\n';
    }
}

json::object comparisonJson(const Comparison& c) {
    const auto optional = [](std::optional<double> v) { return v ? json::value(*v) : json::value(nullptr); };
    json::array runs, figures, notes;
    for (const auto& name : c.runs) runs.emplace_back(name);
    for (const auto& note : c.notes) notes.emplace_back(note);
    for (const ComparedFigure& f : c.figures) {
        json::array values;
        for (std::size_t i = 0; i < f.values.size(); ++i)
            values.push_back(json::object{{"value", optional(f.values[i])},
                                          {"difference", optional(f.difference[i])},
                                          {"percent", optional(f.percent[i])},
                                          {"regression", static_cast<bool>(f.regression[i])}});
        figures.push_back(json::object{{"key", f.key}, {"label", f.label}, {"unit", f.unit},
                                       {"better", f.better == Better::higher ? "higher" : "lower"},
                                       {"runs", std::move(values)}});
    }
    return {{"baseline", c.runs.empty() ? json::value(nullptr) : json::value(c.runs[0])},
            {"runs", std::move(runs)}, {"figures", std::move(figures)}, {"notes", std::move(notes)},
            {"regressions", [&c] {
                 std::uint64_t n = 0;
                 for (const auto& f : c.figures) for (bool r : f.regression) n += r;
                 return n;
             }()}};
}

}  // namespace salvo
