#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "TimeChart.hpp"
#include "salvo/RunRecord.hpp"

namespace salvo::ui {

// Latency over time of several runs on one chart: a line per run of one figure of each second
// (p50, p90, p99 or max, in ms), in the run's colour, each run from its own start. A second
// without responses is a gap, as on the dashboard's latency chart.
class CompareLatencyChart : public TimeChart {
    Q_OBJECT

  public:
    enum Figure { p50, p90, p99, max };
    static QString figureName(int figure);  // "p50", "p90", "p99", "max"

    explicit CompareLatencyChart(QWidget* parent = nullptr);
    void show(const std::vector<RunRecord>& runs);
    void setFigure(int figure);
    int figure() const { return figure_; }
    // The lines drawn: one per run shown, in order (more may exist, hidden, from earlier shows).
    QCPGraph* line(std::size_t run) const { return runLines_.at(run); }
    std::size_t runCount() const { return runs_.size(); }
    QString hoverText(double key) const override;

  private:
    struct Run {
        std::vector<std::array<std::uint64_t, 4>> seconds;  // p50, p90, p99, max in ns
        std::vector<bool> answered;  // any response in the second: else it has no latency
    };
    void redraw();
    void ensureLines(std::size_t runs);
    void summarise();
    void recolour(const QPalette& palette) override;
    QString secondTip(int index) const override;
    QString valueText(const Run& run, std::size_t second) const;

    std::vector<QCPGraph*> runLines_;  // owned by the plot
    std::vector<Run> runs_;
    int figure_ = p99;
};

}  // namespace salvo::ui
