#pragma once

#include <cstdint>

#include "TimeChart.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// Requests per second over the run, succeeded and failed apart (a failed request is never
// throughput); with a rate, the plan's target as a dashed line and each rate change marked.
// The run's last second is drawn too: when the run ended part-way into it, its count is divided
// by the part it covered, and its hover text says so (not after a timed run's plan: see
// scaleLastSecond).
class ThroughputChart : public TimeChart {
    Q_OBJECT

  public:
    explicit ThroughputChart(QWidget* parent = nullptr);
    void show(const RunResult& result);  // appends the seconds closed since the last call
    void clear();

  private:
    void appendSeconds(const RunResult& r);
    void appendRateChanges(const RunResult& r);
    void scaleLastSecond(const RunResult& r);
    void summarise(const RunResult& r);
    void recolour(const QPalette& palette) override;
    QString secondTip(int index) const override;
    bool afterPlan(std::size_t second) const;  // whether it begins after a timed run's plan
    QString graceNote(int index) const;        // what second `index` is, when after the plan

    QCPGraph* succeeded_;
    QCPGraph* failed_;
    QCPGraph* target_;
    QCPGraph* changes_;  // markers only: (time of the change, new rate)
    std::size_t shown_ = 0;
    bool final_ = false;   // the finished run's last second has been scaled
    double lastPart_ = 1;  // the part of the last second the run covered, when scaled
    std::uint64_t lastCounts_[2] = {0, 0};  // its succeeded and failed counts
    double planned_ = 0;  // a timed run's length (0: not timed)
};

}  // namespace salvo::ui
