#pragma once

#include <qcustomplot.h>

namespace salvo::ui {

// What the dashboard's four charts share: the palette (re-applied when View → Theme or the
// system changes it), localized numbers, an accessible name and a one-line description kept
// current, a legend above the plot, and exact values beside the cursor while it hovers the plot.
class DashboardChart : public QCustomPlot {
    Q_OBJECT

  public:
    static constexpr int kMinimumHeight = 180;
    // Point markers while a line is this short: a run of a few seconds shows as points; on
    // long runs they would clutter.
    static constexpr int kMarkersUpTo = 60;
    // Pixels around the plot that still hover (and show the markers of) its edge.
    static constexpr int kHoverSlack = 6;

    // With the locale's group separators; decimals only where they say something (0.5/s).
    static QString number(double value);
    // What hovering the plot at `key` (an x coordinate) shows; empty where there is nothing.
    virtual QString hoverText(double key) const = 0;
    // The brush behind the axes, as ChartStyle set it (QCustomPlot keeps it to itself).
    QBrush backgroundBrush() const { return mBackgroundBrush; }

  protected:
    // With `legend`, the series' names in a row above the plot; without, none.
    DashboardChart(const QString& accessibleName, bool legend, QWidget* parent);

    void changeEvent(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    // Colours for this palette: the frame through ChartStyle, then recolour(), then a replot.
    void restyle();
    virtual void recolour(const QPalette& palette) = 0;
    // A replot on the next pass of the event loop: several changes in one tick draw once.
    void redrawSoon() { replot(QCustomPlot::rpQueuedReplot); }
    void showLegendAbove();
    void describe(const QString& summary) { setAccessibleDescription(summary); }
    // A graph's legend entry follows its visibility.
    static void setShown(QCPAbstractPlottable* plottable, bool shown);
};

}  // namespace salvo::ui
