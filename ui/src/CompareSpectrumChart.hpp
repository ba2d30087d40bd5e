#pragma once

#include <vector>

#include "DashboardChart.hpp"
#include "salvo/RunRecord.hpp"

namespace salvo::ui {

// The whole-run latency percentile spectra of several runs on one chart (HdrHistogram's
// "nines" axis up to 99.999 %, as the dashboard's distribution chart draws one run): a line per
// run in the run's colour, so where two runs part (at p99? only past p99.9?) shows at a glance.
class CompareSpectrumChart : public DashboardChart {
    Q_OBJECT

  public:
    explicit CompareSpectrumChart(QWidget* parent = nullptr);
    void show(const std::vector<RunRecord>& runs);
    // The lines drawn: one per run shown, in order (more may exist, hidden, from earlier shows).
    QCPGraph* line(std::size_t run) const { return lines_.at(run); }
    std::size_t runCount() const { return histograms_.size(); }
    // Every run's latency at the percentile nearest `key` (in nines).
    QString hoverText(double key) const override;

  private:
    void ensureLines(std::size_t runs);
    void fitAxes(double top);
    void summarise();
    void recolour(const QPalette& palette) override;

    std::vector<QCPGraph*> lines_;                // owned by the plot
    std::vector<LatencyHistogram> histograms_;   // each run's whole-run latency, for the hover
    QSharedPointer<QCPAxisTickerText> nines_;
};

}  // namespace salvo::ui
