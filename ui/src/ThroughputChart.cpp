#include "salvo/ui/ThroughputChart.hpp"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace salvo::ui {

// The chart is handed to the constructor: QChartView(parent) would make a default chart that
// setChart() releases without deleting (a leak LeakSanitizer found).
ThroughputChart::ThroughputChart(QWidget* parent)
    : QChartView(new QChart, parent), series_(new QLineSeries), xAxis_(new QValueAxis), yAxis_(new QValueAxis) {
    QChart* chart = this->chart();
    chart->legend()->hide();
    chart->setTitle(tr("Requests per second"));
    chart->addSeries(series_);
    xAxis_->setTitleText(tr("second"));
    xAxis_->setLabelFormat("%d");
    yAxis_->setLabelFormat("%.0f");
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    series_->attachAxis(xAxis_);
    series_->attachAxis(yAxis_);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
    clear();
}

void ThroughputChart::show(const RunResult& r) {
    // Only whole seconds are drawn: the last, partial second would dip and mislead. A run
    // shorter than a second shows its one partial second once it is done.
    const std::size_t seconds = r.completedPerSecond.size();
    const std::size_t complete = seconds > 1 ? seconds - 1 : (r.done() ? seconds : 0);
    if (complete == shownSeconds_) return;
    QList<QPointF> points;
    double top = 1;
    for (std::size_t i = 0; i < complete; ++i) {
        const auto n = static_cast<double>(r.completedPerSecond[i]);
        points.append(QPointF(static_cast<double>(i), n));
        top = std::max(top, n);
    }
    series_->replace(points);
    xAxis_->setRange(0, std::max<double>(1, static_cast<double>(complete) - 1));
    yAxis_->setRange(0, top * 1.1);
    yAxis_->applyNiceNumbers();
    shownSeconds_ = complete;
}

void ThroughputChart::clear() {
    series_->clear();
    xAxis_->setRange(0, 1);
    yAxis_->setRange(0, 1);
    shownSeconds_ = 0;
}

}  // namespace salvo::ui
