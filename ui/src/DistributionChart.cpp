#include "DistributionChart.hpp"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>

#include "ChartAxes.hpp"
#include "Colors.hpp"

namespace salvo::ui {

DistributionChart::DistributionChart(QWidget* parent)
    : DashboardChart(tr("Latency distribution chart"), parent),
      spectrum_(new QLineSeries),
      outline_(new QLineSeries),
      bins_(new QAreaSeries(outline_)),
      nines_(new QCategoryAxis),
      spectrumMs_(new QValueAxis),
      binsMs_(new QValueAxis),
      binsCount_(new QValueAxis) {
    outline_->setParent(bins_);  // the area series draws it but does not own it
    spectrum_->setName(tr("latency at percentile"));
    bins_->setName(tr("requests"));
    buildSpectrumAxes();
    binsMs_->setTitleText(tr("latency (ms)"));
    binsCount_->setTitleText(tr("requests"));
    QChart* c = chart();
    c->legend()->setVisible(false);
    // Room for half of "99.999", centred on the plot's right edge.
    c->setMargins(QMargins(2, 2, fontMetrics().horizontalAdvance(QStringLiteral("99.999")) / 2, 2));
    c->addSeries(spectrum_);
    c->addSeries(bins_);
    c->addAxis(nines_, Qt::AlignBottom);
    c->addAxis(spectrumMs_, Qt::AlignLeft);
    c->addAxis(binsMs_, Qt::AlignBottom);
    c->addAxis(binsCount_, Qt::AlignLeft);
    spectrum_->attachAxis(nines_);
    spectrum_->attachAxis(spectrumMs_);
    bins_->attachAxis(binsMs_);
    bins_->attachAxis(binsCount_);
    watchHover(spectrum_);
    connect(bins_, &QAreaSeries::hovered, this, [this](const QPointF& point, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), binTip(point.x()), this);
        else
            QToolTip::hideText();
    });
    restyle();
    clear();
}

// Labels on the values 0, 1, 2 ... read as 0, 90, 99 ... percent: the "nines" of HdrHistogram
// plots. The percent sign is in the title: Qt Charts gives each label a seventh of the axis, and
// "99.999%" would be cut to "99.9..." in the smallest window.
void DistributionChart::buildSpectrumAxes() {
    nines_->setTitleText(tr("percentile (%)"));
    nines_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    nines_->setStartValue(-1);  // so the first label can sit on 0
    const char* const labels[] = {"0", "90", "99", "99.9", "99.99", "99.999"};
    for (int i = 0; i <= spectrum::kNines; ++i) nines_->append(QString::fromLatin1(labels[i]), i);
    nines_->setRange(0, spectrum::kNines);
    spectrumMs_->setTitleText(tr("latency (ms)"));
}

DistributionChart::Shape DistributionChart::shapeOf(const LatencyHistogram& h) {
    return {
        spectrum::percentiles(h), spectrum::histogram(h),   h.count(),    h.percentile(90) / 1e6,
        h.percentile(99) / 1e6,   h.percentile(99.9) / 1e6, h.max() / 1e6};
}

void DistributionChart::show(const RunResult& r) {
    latencyShape_ = shapeOf(r.total.latency);
    // Without a rate only latency is kept, and it is the service time.
    serviceShape_ = r.open() ? shapeOf(r.total.serviceTime) : latencyShape_;
    redraw();
}

void DistributionChart::setServiceTime(bool on) {
    if (on == service_) return;
    service_ = on;
    redraw();
}

void DistributionChart::setHistogram(bool on) {
    if (on == histogram_) return;
    histogram_ = on;
    redraw();
}

// A few hundred points at most, redrawn at most once a second: replaced whole.
void DistributionChart::redraw() {
    const Shape& s = current();
    const QString measure = service_ ? tr("service time (ms)") : tr("latency (ms)");
    spectrum_->replace(s.spectrum);
    outline_->replace(s.bins.outline);
    spectrum_->setVisible(!histogram_);
    bins_->setVisible(histogram_);
    for (QAbstractAxis* a :
         {static_cast<QAbstractAxis*>(nines_), static_cast<QAbstractAxis*>(spectrumMs_)})
        a->setVisible(!histogram_);
    binsMs_->setVisible(histogram_);
    binsCount_->setVisible(histogram_);
    spectrumMs_->setTitleText(measure);
    binsMs_->setTitleText(measure);
    axes::fitValues(spectrumMs_, s.spectrum.isEmpty() ? 0 : s.spectrum.back().y());
    if (s.bins.counts.empty())
        axes::fitRange(binsMs_, 0, 1);
    else
        axes::fitRange(binsMs_, s.bins.lowMs, s.bins.outline.back().x());
    axes::fitValues(binsCount_, static_cast<double>(s.bins.highest), true);
    summarise(s);
}

void DistributionChart::summarise(const Shape& s) {
    if (s.count == 0) return describe(tr("No responses yet."));
    QString text = tr("%1 responses: p90 %2 ms, p99 %3 ms, p99.9 %4 ms, max %5 ms")
                       .arg(number(static_cast<double>(s.count)), number(s.p90), number(s.p99),
                            number(s.p999), number(s.max));
    if (histogram_ && s.bins.beyond > 0)
        text += tr("; %1 slower than the last bin not drawn")
                    .arg(number(static_cast<double>(s.bins.beyond)));
    describe(text + ".");
}

void DistributionChart::clear() {
    latencyShape_ = serviceShape_ = Shape{};
    redraw();
}

void DistributionChart::recolour(const QPalette& p) {
    const QColor line = colors::series(p, 0);
    spectrum_->setPen(QPen(line, 2));
    QColor fill = line;
    fill.setAlphaF(0.35f);
    bins_->setBrush(fill);
    bins_->setPen(QPen(line, 1.5));
}

QString DistributionChart::tipFor(const QXYSeries* series, int index) const {
    const QPointF p = series->at(index);
    QString percent = QLocale().toString(spectrum::percentAt(p.x()), 'f', 3);
    while (percent.endsWith('0')) percent.chop(1);
    if (percent.endsWith(QLocale().decimalPoint())) percent.chop(QLocale().decimalPoint().size());
    return tr("%1%: %2 ms").arg(percent, number(p.y()));
}

QString DistributionChart::binTip(double ms) const {
    const spectrum::Bins& b = current().bins;
    if (b.counts.empty() || b.widthMs <= 0) return {};
    const auto bin = std::min<std::size_t>(
        b.counts.size() - 1, static_cast<std::size_t>(std::max(0.0, (ms - b.lowMs) / b.widthMs)));
    const double start = b.lowMs + b.widthMs * static_cast<double>(bin);
    return tr("%1–%2 ms: %3 requests")
        .arg(number(start), number(start + b.widthMs), number(static_cast<double>(b.counts[bin])));
}

}  // namespace salvo::ui
