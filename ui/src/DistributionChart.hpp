#pragma once

#include "DashboardChart.hpp"
#include "LatencySpectrum.hpp"
#include "salvo/RunResult.hpp"

namespace salvo::ui {

// The whole run's latency (or service time) distribution: the HdrHistogram percentile spectrum
// on a "nines" axis up to 99.999 %, or a plain histogram. Both shapes of both measures are kept
// from the last show(), so the switches redraw without the result.
class DistributionChart : public DashboardChart {
    Q_OBJECT

  public:
    explicit DistributionChart(QWidget* parent = nullptr);
    // Recomputes from the run's histograms: a walk over every bucket, so the caller paces it.
    void show(const RunResult& result);
    void clear();
    void setServiceTime(bool on);
    void setHistogram(bool on);
    bool histogram() const { return histogram_; }
    // The spectrum's point nearest `key` (in nines), or the histogram's bin at `key` ms.
    QString hoverText(double key) const override;
    // The spectrum's x axis ticker: 0, 90, 99 ... at 0, 1, 2 ...
    QSharedPointer<QCPAxisTickerText> ninesTicker() const { return nines_; }

  private:
    struct Shape {
        QList<QPointF> spectrum;
        spectrum::Bins bins;
        std::uint64_t count = 0;
        double p90 = 0, p99 = 0, p999 = 0, max = 0;  // ms, for the description
    };
    static Shape shapeOf(const LatencyHistogram& h);
    bool labelNines();  // whether the labels changed
    void redraw();
    void fitSpectrumAxes(const Shape& s);
    void fitHistogramAxes(const Shape& s);
    void summarise(const Shape& shape);
    const Shape& current() const { return service_ ? serviceShape_ : latencyShape_; }
    void recolour(const QPalette& palette) override;
    QString spectrumTip(double nines) const;
    QString binTip(double ms) const;

    QCPGraph* spectrum_;
    QCPBars* bins_;  // owned by the plot
    QSharedPointer<QCPAxisTickerText> nines_;
    bool percentSigns_ = false;  // the nines' labels have room for a "%"
    Shape latencyShape_, serviceShape_;
    bool service_ = false;
    bool histogram_ = false;
};

}  // namespace salvo::ui
