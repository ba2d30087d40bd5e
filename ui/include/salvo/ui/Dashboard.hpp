#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "salvo/RunResult.hpp"

class QCheckBox;
class QLabel;

namespace salvo::ui {

class ConnectionsChart;
class DistributionChart;
class LatencyChart;
class ThroughputChart;

// The run's four charts, live while it runs and the same for a finished run: throughput,
// latency over time, the latency distribution, connections and in-flight requests. A switch
// above the latency charts shows service time instead (open model), one above the distribution
// a plain histogram instead of the percentile spectrum.
class Dashboard : public QWidget {
    Q_OBJECT

  public:
    explicit Dashboard(QWidget* parent = nullptr);
    // Called every GUI tick (40 Hz). The time charts append the seconds closed since the last
    // call; the rest is redrawn at most 10 times a second, the distribution once a second.
    void show(const RunResult& result);
    void clear();

  private:
    QWidget* panel(const QString& title, QWidget* chart, QWidget* aside);
    void followModel(bool open);
    void setServiceTime(bool on);

    ThroughputChart* throughput_;
    LatencyChart* latency_;
    DistributionChart* distribution_;
    ConnectionsChart* connections_;
    QCheckBox* serviceTime_;
    QCheckBox* histogram_;
    QLabel* gauges_;
    QElapsedTimer sinceUpdate_;
    QElapsedTimer sinceDistribution_;
    std::size_t seconds_ = 0;
    std::size_t rateChanges_ = 0;
    bool ended_ = false;
};

}  // namespace salvo::ui
