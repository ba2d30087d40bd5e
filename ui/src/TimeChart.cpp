#include "TimeChart.hpp"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

#include "ChartAxes.hpp"

namespace salvo::ui {

TimeChart::TimeChart(const QString& accessibleName, const QString& valueTitle, QWidget* parent)
    : DashboardChart(accessibleName, parent), time_(new QValueAxis), value_(new QValueAxis) {
    time_->setTitleText(tr("time (s)"));
    value_->setTitleText(valueTitle);
    chart()->addAxis(time_, Qt::AlignBottom);
    chart()->addAxis(value_, Qt::AlignLeft);
    fitAxes(0, false);
}

TimeLine* TimeChart::addLine(const QString& name) {
    lines_.push_back(std::make_unique<TimeLine>(
        name, [this] { return static_cast<QLineSeries*>(addToAxes(new QLineSeries)); }));
    return lines_.back().get();
}

QXYSeries* TimeChart::addToAxes(QXYSeries* series) {
    chart()->addSeries(series);
    series->attachAxis(time_);
    series->attachAxis(value_);
    watchHover(series);
    return series;
}

QString TimeChart::tipFor(const QXYSeries* series, int index) const {
    for (const auto& line : lines_)
        if (line->holds(series)) return lineTip(line.get(), line->indexOf(series, index));
    return {};
}

void TimeChart::fitAxes(std::size_t seconds, bool running) {
    fittedToEnd_ = !running;
    axes::fitTime(time_, static_cast<double>(seconds), running);
    // A little room above the highest point, so a flat line at the top is not drawn on the frame.
    axes::fitValues(value_, top_ * 1.05, wholeValues_);
}

void TimeChart::clearLines() {
    for (const auto& line : lines_) line->clear();
    top_ = 0;
    fitAxes(0, true);
}

}  // namespace salvo::ui
