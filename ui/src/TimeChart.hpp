#pragma once

#include <QPen>
#include <QVector>
#include <cstddef>
#include <vector>

#include "DashboardChart.hpp"

namespace salvo::ui {

// A chart over the run's time, shared by throughput, latency and connections so all three read
// alike. Second i of the timeline covers [i, i + 1) and is drawn at x = i + 1, when it is over
// ("after 1 s"); the axis runs from 0 in whole-second ticks, to the next tick after the newest
// second while the run goes on and to its last second when it is over. Lines only grow at the
// end (QCustomPlot appends sorted keys in constant time), and are replaced only by a switch.
class TimeChart : public DashboardChart {
    Q_OBJECT

  public:
    // Past this many points (where the markers go) a line is drawn 1 px wide: dense lines look no
    // thinner, and the raster engine draws 1 px lines on a fast path, where wider ones go through
    // QPainter's stroker (bench/dashboard at 100 s: 7.7 ms median per new second at 2 px, 1.0 ms
    // at 1 px).
    static constexpr int kThinAbove = kMarkersUpTo;

    static double xOf(std::size_t second) { return static_cast<double>(second) + 1; }
    // The second nearest `key` on every line, as secondTip() words it.
    QString hoverText(double key) const override;

  protected:
    TimeChart(const QString& accessibleName, const QString& valueTitle, QWidget* parent);

    QCPGraph* addLine(const QString& name);  // a line on the time and value axes
    QCPGraph* addMarkedGraph();              // a graph whose markers show whole on the plot's edge
    void append(QCPGraph* line, const QVector<double>& keys, const QVector<double>& values);
    void replace(QCPGraph* line, const QVector<double>& keys, const QVector<double>& values);
    void setLinePen(QCPGraph* line, const QPen& pen);  // as asked; thinner when dense
    // Fits the time axis to `seconds` (with room to grow while the run goes on) and the value
    // axis to the highest value seen (top_).
    void fitAxes(std::size_t seconds, bool running);
    void clearLines();  // every line empty, axes back to one second
    // Whether the axes were last fitted to a finished run (no more room to grow).
    bool fittedToEnd() const { return fittedToEnd_; }
    int seconds() const;  // points on the first line

    double top_ = 0;            // the highest value drawn, for the value axis
    bool wholeValues_ = false;  // counts, not rates: no ticks between whole numbers

    // The hover text for the `index`-th second drawn.
    virtual QString secondTip(int index) const = 0;

  private:
    struct Line {
        QCPGraph* graph;  // owned by the plot
        QPen pen;         // as asked
    };
    Line& lineOf(const QCPGraph* graph);
    void fitLook(Line& line);  // markers while few points, a thin pen when many

    std::vector<Line> lines_;
    bool fittedToEnd_ = false;
};

}  // namespace salvo::ui
