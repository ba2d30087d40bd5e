#pragma once

#include <QWidget>

#include "salvo/RunResult.hpp"

namespace salvo::ui {

class ThroughputChart;

// The run's charts, live while it runs and the same for a finished run: throughput, latency
// over time, the latency distribution, connections and in-flight requests.
class Dashboard : public QWidget {
    Q_OBJECT

  public:
    explicit Dashboard(QWidget* parent = nullptr);
    void show(const RunResult& result);  // called every GUI tick; cheap when nothing changed
    void clear();

  private:
    ThroughputChart* throughput_;
};

}  // namespace salvo::ui
