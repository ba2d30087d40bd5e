#pragma once

#include <QChartView>

#include "salvo/RunResult.hpp"

class QLineSeries;
class QValueAxis;

namespace salvo::ui {

// Requests completed per second over the run (Qt Charts), from the result's timeline.
class ThroughputChart : public QChartView {
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget* parent = nullptr);
    void show(const RunResult& result);  // cheap when no new second has completed
    void clear();

private:
    QLineSeries* series_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    std::size_t shownSeconds_ = 0;
};

}  // namespace salvo::ui
