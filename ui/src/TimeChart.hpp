#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "DashboardChart.hpp"
#include "TimeLine.hpp"

class QLineSeries;
class QValueAxis;

namespace salvo::ui {

// A chart over the run's time, shared by throughput, latency and connections so all three read
// alike. Second i of the timeline covers [i, i + 1) and is drawn at x = i + 1, when it is over
// ("after 1 s"); the axis runs from 0 in whole-second ticks, to the next tick after the newest
// second while the run goes on and to its last second when it is over.
class TimeChart : public DashboardChart {
    Q_OBJECT

  public:
    static double xOf(std::size_t second) { return static_cast<double>(second) + 1; }
    QValueAxis* timeAxis() const { return time_; }
    QValueAxis* valueAxis() const { return value_; }

  protected:
    TimeChart(const QString& accessibleName, const QString& valueTitle, QWidget* parent);

    TimeLine* addLine(const QString& name);   // on the time and value axes, hover watched
    QXYSeries* addToAxes(QXYSeries* series);  // a series of the chart's own, hover watched
    // Fits the time axis to `seconds` (with room to grow while the run goes on) and the value
    // axis to the highest value seen (top_).
    void fitAxes(std::size_t seconds, bool running);
    void clearLines();  // every series empty, axes back to one second
    // Whether the axes were last fitted to a finished run (no more room to grow).
    bool fittedToEnd() const { return fittedToEnd_; }

    double top_ = 0;            // the highest value drawn, for the value axis
    bool wholeValues_ = false;  // counts, not rates: no ticks between whole numbers

    QString tipFor(const QXYSeries* series, int index) const override;
    virtual QString lineTip(const TimeLine* line, int index) const = 0;

  private:
    std::vector<std::unique_ptr<TimeLine>> lines_;
    bool fittedToEnd_ = false;
    QValueAxis* time_;
    QValueAxis* value_;
};

}  // namespace salvo::ui
