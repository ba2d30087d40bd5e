#pragma once

#include "DashboardChart.hpp"
#include "LatencySpectrum.hpp"
#include "salvo/RunResult.hpp"

class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QValueAxis;

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

  private:
    struct Shape {
        QList<QPointF> spectrum;
        spectrum::Bins bins;
        std::uint64_t count = 0;
        double p90 = 0, p99 = 0, p999 = 0, max = 0;  // ms, for the description
    };
    static Shape shapeOf(const LatencyHistogram& h);
    void buildSpectrumAxes();
    void redraw();
    void summarise(const Shape& shape);
    const Shape& current() const { return service_ ? serviceShape_ : latencyShape_; }
    void recolour(const QPalette& palette) override;
    QString tipFor(const QXYSeries* series, int index) const override;
    QString binTip(double ms) const;

    QLineSeries* spectrum_;
    QLineSeries* outline_;  // the histogram's upper edge, drawn by bins_
    QAreaSeries* bins_;
    QCategoryAxis* nines_;
    QValueAxis* spectrumMs_;
    QValueAxis* binsMs_;
    QValueAxis* binsCount_;
    Shape latencyShape_, serviceShape_;
    bool service_ = false;
    bool histogram_ = false;
};

}  // namespace salvo::ui
