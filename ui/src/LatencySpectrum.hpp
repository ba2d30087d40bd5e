#pragma once

#include <QList>
#include <QPointF>
#include <cstdint>
#include <vector>

#include "salvo/LatencyHistogram.hpp"

// The whole run's latency distribution, in the two shapes the distribution chart draws.
namespace salvo::ui::spectrum {

inline constexpr int kNines = 5;  // the spectrum reaches 99.999 %

// HdrHistogram's percentile spectrum: x = -log10(1 - p), so 90 %, 99 %, 99.9 % ... sit one
// apart; y is the latency in ms at that percentile (LatencyHistogram::percentile's convention),
// `perNine` points per step (flat stretches by their ends only), found in one walk over the
// buckets.
QList<QPointF> percentiles(const LatencyHistogram& h, int perNine = 20);
// x of a percentile (0..100) and back.
double nines(double percent);
double percentAt(double nines);

// A plain histogram: bucket counts in `bins` equal bins from the fastest request to the p99.9
// one (ms). The slowest 0.1 % would stretch the axis until every other bar is one line, so
// they are counted apart in `beyond`.
struct Bins {
    std::vector<std::uint64_t> counts;
    double lowMs = 0;
    double widthMs = 0;
    std::uint64_t beyond = 0;   // requests slower than the last bin
    std::uint64_t highest = 0;  // the largest bin count
};
Bins histogram(const LatencyHistogram& h, int bins = 40);

}  // namespace salvo::ui::spectrum
