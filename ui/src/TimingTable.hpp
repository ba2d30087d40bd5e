#pragma once

#include <array>
#include <cstdint>

#include "ReadOnlyTable.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// Where the time goes (hey's and oha's breakdown), in ms: DNS lookup, TCP connect and TLS
// handshake of new connections, and the first byte of every response (from the write to the
// response head), one row each with its count, min, p50, p90, p99 and max. A phase that never
// happened (no TLS over http://, no new connection yet) reads 0 and dashes.
class TimingTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    static constexpr int kRows = 4;
    enum Column { countColumn, minColumn, p50Column, p90Column, p99Column, maxColumn, kColumns };

    explicit TimingTable(QWidget* parent = nullptr);
    bool show(const RunResult& result);  // false when nothing changed (and nothing was touched)
    void reset();                        // dashes, ready for a new run

    // The histogram behind `row`, and a cell as the table shows it ("–" for an empty one).
    // Public so that tests compare against the same rule.
    static const LatencyHistogram& phase(const Tally& total, int row);
    static QString value(const LatencyHistogram& h, int column);

  private:
    void fillRow(int row, const LatencyHistogram& h);

    std::array<std::uint64_t, kRows> counts_{};  // histograms only grow: a count says "changed"
    bool filled_ = false;                        // false until the first show after a reset
};

}  // namespace salvo::ui
