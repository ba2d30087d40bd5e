#include "salvo/ui/ThroughputChart.hpp"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace salvo::ui {

// The chart is handed to the constructor: QChartView(parent) would make a default chart that
// setChart() releases without deleting (a leak LeakSanitizer found).
ThroughputChart::ThroughputChart(QWidget* parent)
    : QChartView(new QChart, parent),
      completed_(new QLineSeries),
      target_(new QLineSeries),
      xAxis_(new QValueAxis),
      yAxis_(new QValueAxis) {
    QChart* chart = this->chart();
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->setTitle(tr("Requests per second"));
    completed_->setName(tr("completed"));
    target_->setName(tr("target rate"));
    QPen dashed(QColor("#8a5a00"));
    dashed.setStyle(Qt::DashLine);
    dashed.setWidthF(1.5);
    target_->setPen(dashed);
    chart->addSeries(completed_);
    chart->addSeries(target_);
    xAxis_->setTitleText(tr("second"));
    xAxis_->setLabelFormat("%d");
    yAxis_->setLabelFormat("%.0f");
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    for (QLineSeries* series : {completed_, target_}) {
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(120);
    clear();
}

void ThroughputChart::show(const RunResult& r) {
    // Only closed seconds are in the timeline. The end of a run closes its last, partial second
    // too; that one is left out (it would dip the line) unless it is the only one.
    std::size_t seconds = r.timeline.size();
    if (seconds == shownSeconds_) return;
    if (seconds > 1 && r.elapsedSeconds < static_cast<double>(seconds)) --seconds;
    const auto planned = static_cast<std::size_t>(std::ceil(r.load.durationSeconds));
    QList<QPointF> completed;
    QList<QPointF> target;
    double top = 1;
    for (std::size_t i = 0; i < seconds; ++i) {
        const SecondStats& s = r.timeline[i];
        const auto x = static_cast<double>(i);
        completed.append(QPointF(x, static_cast<double>(s.completed)));
        if (!r.load.timed() || i < planned) target.append(QPointF(x, s.targetRps));
        top = std::max({top, static_cast<double>(s.completed), s.targetRps});
    }
    completed_->replace(completed);
    target_->replace(r.open() ? target : QList<QPointF>{});
    target_->setVisible(r.open());
    chart()->legend()->setVisible(r.open());
    xAxis_->setRange(0, std::max<double>(1, static_cast<double>(seconds) - 1));
    yAxis_->setRange(0, top * 1.1);
    yAxis_->applyNiceNumbers();
    shownSeconds_ = r.timeline.size();
}

void ThroughputChart::clear() {
    completed_->clear();
    target_->clear();
    target_->setVisible(false);
    chart()->legend()->setVisible(false);
    xAxis_->setRange(0, 1);
    yAxis_->setRange(0, 1);
    shownSeconds_ = 0;
}

}  // namespace salvo::ui
