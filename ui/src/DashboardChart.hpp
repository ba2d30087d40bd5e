#pragma once

#include <QChartView>

class QXYSeries;

namespace salvo::ui {

// What the dashboard's four charts share: the palette instead of a Qt Charts theme (re-applied
// when View → Theme or the system changes it), localized numbers, an accessible name and a
// one-line description kept current, and exact values on hover.
class DashboardChart : public QChartView {
    Q_OBJECT

  public:
    static constexpr int kMinimumHeight = 180;
    // Point markers while a line is this short: a run of a few seconds shows as points; on
    // long runs they would clutter.
    static constexpr int kMarkersUpTo = 60;

    // The index of the point whose x is nearest `x` (points in increasing x), or -1.
    static int nearest(const QXYSeries* series, qreal x);
    // With the locale's group separators; decimals only where they say something (0.5/s).
    static QString number(double value);

  protected:
    explicit DashboardChart(const QString& accessibleName, QWidget* parent = nullptr);

    void changeEvent(QEvent* event) override;
    // Colours for this palette: the chart's frame through ChartStyle, then recolour().
    void restyle();
    virtual void recolour(const QPalette& palette) = 0;
    // Hovering a point of `series` shows tipFor() beside the cursor.
    void watchHover(QXYSeries* series);
    virtual QString tipFor(const QXYSeries* series, int index) const = 0;
    void describe(const QString& summary) { setAccessibleDescription(summary); }
};

}  // namespace salvo::ui
