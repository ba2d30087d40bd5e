#include "CompareSpectrumChart.hpp"

#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "ChartAxes.hpp"
#include "CompareRuns.hpp"
#include "LatencySpectrum.hpp"

namespace salvo::ui {
namespace {

constexpr int kPerNine = 20;  // points per step of the nines axis, as spectrum::percentiles

QString percentText(double percent) {
    QString text = QLocale().toString(percent, 'f', 3);
    const QString point = QLocale().decimalPoint();
    while (text.contains(point) && text.endsWith(QLatin1Char('0'))) text.chop(1);
    if (text.endsWith(point)) text.chop(point.size());
    return text;
}

}  // namespace

CompareSpectrumChart::CompareSpectrumChart(QWidget* parent)
    : DashboardChart(tr("Latency percentiles of the compared runs"), true, parent),
      nines_(QSharedPointer<QCPAxisTickerText>::create()) {
    // 0, 90, 99 ... at 0, 1, 2 ...: the nines of HdrHistogram plots, the % in the axis title.
    const char* const labels[] = {"0", "90", "99", "99.9", "99.99", "99.999"};
    for (int i = 0; i <= spectrum::kNines; ++i) nines_->addTick(i, QString::fromLatin1(labels[i]));
    xAxis->setTicker(nines_);
    xAxis->setLabel(tr("percentile (%)"));
    yAxis->setLabel(tr("latency (ms)"));
    restyle();
    fitAxes(0);
    summarise();
}

void CompareSpectrumChart::show(const std::vector<RunRecord>& runs) {
    histograms_.clear();
    for (const RunRecord& record : runs) histograms_.push_back(record.result.total.latency);
    ensureLines(histograms_.size());
    double top = 0;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        QVector<double> keys, values;
        if (i < histograms_.size())
            for (const QPointF& p : spectrum::percentiles(histograms_[i], kPerNine)) {
                keys.append(p.x());
                values.append(p.y());
                top = std::max(top, p.y());
            }
        lines_[i]->setData(keys, values, true);
    }
    fitAxes(top);
    summarise();
    redrawSoon();
}

void CompareSpectrumChart::ensureLines(std::size_t runs) {
    while (lines_.size() < runs) lines_.push_back(addGraph(xAxis, yAxis));
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        lines_[i]->setName(compare::runTitle(i));
        setShown(lines_[i], i < runs);
    }
    recolour(palette());
}

void CompareSpectrumChart::fitAxes(double top) {
    xAxis->setRange(0, spectrum::kNines);
    axes::fitValues(yAxis, top * 1.05);  // room above the slowest, so it is not on the frame
    xAxis2->setRange(xAxis->range());
    yAxis2->setRange(yAxis->range());
}

void CompareSpectrumChart::summarise() {
    if (histograms_.empty()) return describe(tr("No runs to compare."));
    QStringList parts;
    for (std::size_t i = 0; i < histograms_.size(); ++i) {
        const LatencyHistogram& h = histograms_[i];
        parts << (h.empty() ? tr("%1: no responses").arg(compare::runTitle(i))
                            : tr("%1: p50 %2 ms, p99 %3 ms, p99.9 %4 ms, max %5 ms")
                                  .arg(compare::runTitle(i), number(h.percentile(50) / 1e6),
                                       number(h.percentile(99) / 1e6),
                                       number(h.percentile(99.9) / 1e6), number(h.max() / 1e6)));
    }
    describe(tr("Latency at each percentile of the whole run, a line per run. %1.")
                 .arg(parts.join(QStringLiteral("; "))));
}

void CompareSpectrumChart::recolour(const QPalette& p) {
    for (std::size_t i = 0; i < lines_.size(); ++i) lines_[i]->setPen(compare::runPen(p, i));
}

// The percentile is snapped to the points drawn (twenty per nine), and read from each run's
// histogram: exact where the line's flat stretches keep only their ends.
QString CompareSpectrumChart::hoverText(double key) const {
    if (histograms_.empty()) return {};
    const double nines = std::clamp(std::round(key * kPerNine) / kPerNine, 0.0,
                                    static_cast<double>(spectrum::kNines));
    const double percent = spectrum::percentAt(nines);
    QStringList lines{tr("%1 %").arg(percentText(percent))};
    for (std::size_t i = 0; i < histograms_.size(); ++i) {
        const LatencyHistogram& h = histograms_[i];
        lines << tr("%1: %2").arg(compare::runTitle(i),
                                  h.empty() ? tr("no responses")
                                            : tr("%1 ms").arg(number(h.percentile(percent) / 1e6)));
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace salvo::ui
