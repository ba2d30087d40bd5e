#pragma once

#include "TimeChart.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// Open connections and requests in flight at the end of each second: how much of the pool the
// load used, and (open model) whether requests queued up behind a slow server.
class ConnectionsChart : public TimeChart {
    Q_OBJECT

  public:
    explicit ConnectionsChart(QWidget* parent = nullptr);
    void show(const RunResult& result);  // appends the seconds closed since the last call
    void clear();

  private:
    void recolour(const QPalette& palette) override;
    QString secondTip(int index) const override;

    QCPGraph* connections_;
    QCPGraph* inFlight_;
};

}  // namespace salvo::ui
