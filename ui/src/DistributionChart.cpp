#include "DistributionChart.hpp"

#include <QFontMetrics>
#include <QLocale>
#include <QPen>
#include <cmath>

#include "ChartAxes.hpp"
#include "Colors.hpp"

namespace salvo::ui {

DistributionChart::DistributionChart(QWidget* parent)
    : DashboardChart(tr("Latency distribution chart"), false, parent),
      spectrum_(addGraph(xAxis, yAxis)),
      bins_(new QCPBars(xAxis, yAxis)),
      nines_(QSharedPointer<QCPAxisTickerText>::create()) {
    spectrum_->setName(tr("latency at percentile"));
    bins_->setName(tr("requests"));
    bins_->setWidthType(QCPBars::wtPlotCoords);
    // The labels are measured against the plot as laid out; a change is drawn by one more replot.
    connect(this, &QCustomPlot::afterReplot, this, [this] {
        if (labelNines()) redrawSoon();
    });
    labelNines();
    restyle();
    clear();
}

// Labels on the values 0, 1, 2 ... read as 0, 90, 99 ... percent: the "nines" of HdrHistogram
// plots. The percent sign goes on each label when the axis has room for it, else in the title.
bool DistributionChart::labelNines() {
    const QFontMetrics metrics(xAxis->tickLabelFont());
    const int room = axisRect()->width() / spectrum::kNines;
    const bool signs = metrics.horizontalAdvance(QStringLiteral("99.999% 99.99%")) / 2 +
                           metrics.horizontalAdvance(QStringLiteral("00")) <=
                       room;
    if (signs == percentSigns_ && !nines_->ticks().isEmpty()) return false;
    percentSigns_ = signs;
    const char* const labels[] = {"0", "90", "99", "99.9", "99.99", "99.999"};
    nines_->clear();
    for (int i = 0; i <= spectrum::kNines; ++i)
        nines_->addTick(i, QString::fromLatin1(labels[i]) + (signs ? QStringLiteral("%") : ""));
    if (!histogram_) xAxis->setLabel(signs ? tr("percentile") : tr("percentile (%)"));
    return true;
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
    QVector<double> keys, values;
    for (const QPointF& p : s.spectrum) {
        keys.append(p.x());
        values.append(p.y());
    }
    spectrum_->setData(keys, values, true);
    keys.clear();
    values.clear();
    for (std::size_t b = 0; b < s.bins.counts.size(); ++b) {
        keys.append(s.bins.lowMs + s.bins.widthMs * (static_cast<double>(b) + 0.5));  // centres
        values.append(static_cast<double>(s.bins.counts[b]));
    }
    bins_->setData(keys, values, true);
    bins_->setWidth(s.bins.widthMs);
    spectrum_->setVisible(!histogram_);
    bins_->setVisible(histogram_);
    if (histogram_)
        fitHistogramAxes(s);
    else
        fitSpectrumAxes(s);
    xAxis2->setRange(xAxis->range());
    yAxis2->setRange(yAxis->range());
    summarise(s);
    redrawSoon();
}

void DistributionChart::fitSpectrumAxes(const Shape& s) {
    const QString measure = service_ ? tr("service time (ms)") : tr("latency (ms)");
    if (xAxis->ticker() != nines_) xAxis->setTicker(nines_);
    xAxis->setRange(0, spectrum::kNines);
    xAxis->setLabel(percentSigns_ ? tr("percentile") : tr("percentile (%)"));
    yAxis->setLabel(measure);
    axes::fitValues(yAxis, s.spectrum.isEmpty() ? 0 : s.spectrum.back().y());
}

void DistributionChart::fitHistogramAxes(const Shape& s) {
    const QString measure = service_ ? tr("service time (ms)") : tr("latency (ms)");
    xAxis->setLabel(measure);  // fitRange gives the axis a ticker at round steps
    yAxis->setLabel(tr("requests"));
    if (s.bins.counts.empty())
        axes::fitRange(xAxis, 0, 1);
    else
        axes::fitRange(xAxis, s.bins.lowMs,
                       s.bins.lowMs + s.bins.widthMs * static_cast<double>(s.bins.counts.size()));
    axes::fitValues(yAxis, static_cast<double>(s.bins.highest), true);
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
    nines_->clear();  // the font may have changed: the labels are measured again
    labelNines();
}

QString DistributionChart::hoverText(double key) const {
    return histogram_ ? binTip(key) : spectrumTip(key);
}

QString DistributionChart::spectrumTip(double nines) const {
    const QCPGraphDataContainer& points = *spectrum_->data();
    if (points.isEmpty()) return {};
    auto at = points.findBegin(nines, false);  // the first point at or right of `nines`
    if (at == points.constEnd() ||
        (at != points.constBegin() && nines - (at - 1)->key < at->key - nines))
        --at;
    QString percent = QLocale().toString(spectrum::percentAt(at->key), 'f', 3);
    while (percent.endsWith('0')) percent.chop(1);
    if (percent.endsWith(QLocale().decimalPoint())) percent.chop(QLocale().decimalPoint().size());
    return tr("%1%: %2 ms").arg(percent, number(at->value));
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
