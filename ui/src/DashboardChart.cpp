#include "DashboardChart.hpp"

#include <QChart>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLocale>
#include <QToolTip>
#include <QXYSeries>
#include <cmath>

#include "ChartStyle.hpp"

namespace salvo::ui {

// The chart is handed to the constructor: QChartView(parent) would make a default chart that
// setChart() releases without deleting (a leak LeakSanitizer found).
DashboardChart::DashboardChart(const QString& accessibleName, QWidget* parent)
    : QChartView(new QChart, parent) {
    setAccessibleName(accessibleName);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(kMinimumHeight);
    // Lines that grow every second: a BSP index of their bounding rects would be rebuilt each
    // time, and the minimal repaint region is most of the plot anyway.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    QChart* c = chart();
    c->setLocalizeNumbers(true);
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins(2, 2, 6, 2));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->legend()->setAlignment(Qt::AlignTop);
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

int DashboardChart::nearest(const QXYSeries* series, qreal x) {
    int lo = 0, hi = series->count() - 1;
    if (hi < 0) return -1;
    while (lo < hi) {  // the first point at or right of x
        const int mid = (lo + hi) / 2;
        if (series->at(mid).x() < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && x - series->at(lo - 1).x() < series->at(lo).x() - x) --lo;
    return lo;
}

QString DashboardChart::number(double value) {
    const QLocale locale;
    if (std::abs(value) >= 100 || std::abs(value - std::round(value)) < 1e-9)
        return locale.toString(qRound64(value));
    return locale.toString(value, 'f', std::abs(value) >= 10 ? 1 : 2);
}

void DashboardChart::changeEvent(QEvent* event) {
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) restyle();
}

void DashboardChart::restyle() {
    chartstyle::apply(chart(), palette(), font());
    setBackgroundBrush(palette().color(QPalette::Window));
    recolour(palette());
}

void DashboardChart::watchHover(QXYSeries* series) {
    connect(series, &QXYSeries::hovered, this, [this, series](const QPointF& point, bool on) {
        const int index = on ? nearest(series, point.x()) : -1;
        if (index < 0)
            QToolTip::hideText();
        else
            QToolTip::showText(QCursor::pos(), tipFor(series, index), this);
    });
}

}  // namespace salvo::ui
