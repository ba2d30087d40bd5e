#include "LatencySpectrum.hpp"

#include <algorithm>
#include <cmath>

namespace salvo::ui::spectrum {
namespace {

double ms(std::uint64_t nanos) {
    return static_cast<double>(nanos) / 1e6;
}

}  // namespace

double nines(double percent) {
    return -std::log10(1 - std::min(percent, 99.9999999) / 100);
}
double percentAt(double x) {
    return 100 * (1 - std::pow(10.0, -x));
}

QList<QPointF> percentiles(const LatencyHistogram& h, int perNine) {
    QList<QPointF> points;
    if (h.empty()) return points;
    const int n = kNines * perNine;
    const auto count = static_cast<double>(h.count());
    // The rank of each wanted percentile, as LatencyHistogram::percentile computes it.
    std::vector<std::uint64_t> rank;
    for (int k = 0; k <= n; ++k) {
        const double p = percentAt(static_cast<double>(k) / perNine);
        rank.push_back(std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(std::ceil(p / 100 * count - 1e-7))));
    }
    int k = 0;
    std::uint64_t seen = 0;
    h.forEachBucket([&](std::uint64_t, std::uint64_t highest, std::uint64_t c) {
        seen += c;
        const double y = ms(std::clamp(highest, h.min(), h.max()));
        for (; k <= n && seen >= rank[static_cast<std::size_t>(k)]; ++k)
            points.append({static_cast<double>(k) / perNine, y});
    });
    for (; k <= n; ++k) points.append({static_cast<double>(k) / perNine, ms(h.max())});
    // A flat stretch needs only its ends; antialiased, its many short segments would look dashed.
    QList<QPointF> kept;
    for (qsizetype i = 0; i < points.size(); ++i)
        if (i == 0 || i + 1 == points.size() || points[i].y() != points[i - 1].y() ||
            points[i].y() != points[i + 1].y())
            kept.append(points[i]);
    return kept;
}

Bins histogram(const LatencyHistogram& h, int bins) {
    Bins out;
    if (h.empty()) return out;
    const std::uint64_t low = h.min();
    const std::uint64_t high = std::max(h.percentile(99.9), low + 1);
    const double width = static_cast<double>(high - low) / bins;
    out.counts.assign(static_cast<std::size_t>(bins), 0);
    h.forEachBucket([&](std::uint64_t lowest, std::uint64_t highest, std::uint64_t c) {
        const std::uint64_t middle = std::clamp(lowest + (highest - lowest) / 2, low, h.max());
        if (middle > high) {
            out.beyond += c;
            return;
        }
        const auto bin = static_cast<std::size_t>(static_cast<double>(middle - low) / width);
        out.counts[std::min(bin, out.counts.size() - 1)] += c;
    });
    out.lowMs = ms(low);
    out.widthMs = width / 1e6;
    for (std::uint64_t c : out.counts) out.highest = std::max(out.highest, c);
    return out;
}

}  // namespace salvo::ui::spectrum
