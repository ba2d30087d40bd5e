#include "DashboardChart.hpp"

#include <QEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <cmath>

#include "ChartStyle.hpp"

namespace salvo::ui {

DashboardChart::DashboardChart(const QString& accessibleName, bool withLegend, QWidget* parent)
    : QCustomPlot(parent) {
    setAccessibleName(accessibleName);
    setMinimumHeight(kMinimumHeight);
    setMouseTracking(true);  // hover without a button held
    // QCustomPlot keeps mouse events from its parents; the window's scroll area needs the wheel.
    setAttribute(Qt::WA_NoMousePropagation, false);
    setLocale(QLocale());    // tick labels with the default locale's group separators
    // The legend in a row of its own above the plot, in one line, so it never covers a line.
    legend->setVisible(withLegend);
    if (withLegend) showLegendAbove();
    // Ticks and labels at the left and bottom; the top and right axes only close the frame.
    for (QCPAxis* frame : {xAxis2, yAxis2}) {
        frame->setVisible(true);
        frame->setTicks(false);
        frame->setTickLabels(false);
    }
    for (QCPAxis* axis : {xAxis, yAxis}) axis->setSubTicks(false);
}

// A row above the plot: the legend at its left, as wide as its entries, then empty space (an
// empty element that takes what the legend leaves; alone, the legend would spread its entries
// over the whole width).
void DashboardChart::showLegendAbove() {
    axisRect()->insetLayout()->take(legend);
    auto* row = new QCPLayoutGrid;
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, row);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowSpacing(0);
    row->addElement(0, 0, legend);
    row->addElement(0, 1, new QCPLayoutElement(this));
    row->setColumnStretchFactor(0, 0.001);
    row->setColumnStretchFactor(1, 1);
    row->setMargins(QMargins(0, 0, 0, 0));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setIconSize(18, 10);
    legend->setMargins(QMargins(2, 0, 2, 0));
}

QString DashboardChart::number(double value) {
    const QLocale locale;
    if (std::abs(value) >= 100 || std::abs(value - std::round(value)) < 1e-9)
        return locale.toString(qRound64(value));
    return locale.toString(value, 'f', std::abs(value) >= 10 ? 1 : 2);
}

void DashboardChart::setShown(QCPAbstractPlottable* plottable, bool shown) {
    if (plottable->visible() == shown) return;
    plottable->setVisible(shown);
    if (shown)
        plottable->addToLegend();
    else
        plottable->removeFromLegend();
}

void DashboardChart::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) restyle();
}

void DashboardChart::restyle() {
    chartstyle::apply(this, palette(), font());
    recolour(palette());
    redrawSoon();
}

// QCustomPlot has no hover signal: the pixel under the cursor, mapped to a key, names the data.
void DashboardChart::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const QPointF at = event->position();
    // A few pixels around the plot too: the last second's marker sits on its right edge.
    const QRect plot =
        axisRect()->rect().adjusted(-kHoverSlack, -kHoverSlack, kHoverSlack, kHoverSlack);
    const QString text =
        plot.contains(at.toPoint()) ? hoverText(xAxis->pixelToCoord(at.x())) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

// QCustomPlot accepts every wheel event, even with zooming off (as here): the window would
// stop scrolling under the mouse wherever a chart is. Passed on to the scroll area instead.
void DashboardChart::wheelEvent(QWheelEvent* event) {
    event->ignore();
}

void DashboardChart::leaveEvent(QEvent* event) {
    QCustomPlot::leaveEvent(event);
    QToolTip::hideText();
}

}  // namespace salvo::ui
