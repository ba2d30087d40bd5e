#pragma once

#include <QChartView>

#include "salvo/RunResult.hpp"

class QLineSeries;
class QValueAxis;

namespace salvo::ui {

// Requests completed per second over the run (Qt Charts), from the result's timeline of whole
// seconds; with a rate, the schedule's target rate as a second, dashed line.
class ThroughputChart : public QChartView {
    Q_OBJECT

  public:
    explicit ThroughputChart(QWidget* parent = nullptr);
    void show(const RunResult& result);  // cheap when no new second has closed
    void clear();

  private:
    QLineSeries* completed_;
    QLineSeries* target_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    std::size_t shownSeconds_ = 0;
};

}  // namespace salvo::ui
