#pragma once

#include <cstdint>

#include "TimeChart.hpp"
#include "salvo/RunResult.hpp"

class QScatterSeries;

namespace salvo::ui {

// Requests per second over the run, succeeded and failed apart (a failed request is never
// throughput); with a rate, the plan's target as a dashed line and each rate change marked.
// The run's last second is drawn too: when the run ended part-way into it, its count is divided
// by the part it covered, and its hover text says so.
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
    QString tipFor(const QXYSeries* series, int index) const override;
    QString lineTip(const TimeLine* line, int index) const override;

    TimeLine* succeeded_;
    TimeLine* failed_;
    TimeLine* target_;
    QScatterSeries* changes_;
    std::size_t shown_ = 0;
    bool final_ = false;   // the finished run's last second has been scaled
    double lastPart_ = 1;  // the part of the last second the run covered, when scaled
    std::uint64_t lastCounts_[2] = {0, 0};  // its succeeded and failed counts
};

}  // namespace salvo::ui
