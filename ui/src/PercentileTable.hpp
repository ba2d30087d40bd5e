#pragma once

#include <cstdint>

#include "ReadOnlyTable.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// The latency distribution after the warm-up in ms: min, mean, stddev, p50 … p99.99, max, one
// row each. With a rate, latency counts from each request's due time and a second column gives
// the service time (from the write) beside it, as wrk2 keeps both; without a rate the two are
// the same and one column is shown.
class PercentileTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    static constexpr int kRows = 11;

    explicit PercentileTable(QWidget* parent = nullptr);
    bool show(const RunResult& result);  // false when nothing changed (and nothing was touched)
    void reset();                        // empty, ready for a new run

    // The row's statistic of `h` as the table shows it: ms as salvo::formatMillis writes them,
    // "–" for an empty histogram. Public so that tests compare against the same rule.
    static QString value(const LatencyHistogram& h, int row);
    static QString rowName(int row);

  private:
    void setColumns(bool open);
    void fillColumn(int column, const LatencyHistogram& h);

    // Histograms only grow, so their counts tell whether anything changed.
    std::uint64_t latencyCount_ = 0, serviceCount_ = 0;
    int columns_ = 0;  // 0 until the first show after a reset
};

}  // namespace salvo::ui
