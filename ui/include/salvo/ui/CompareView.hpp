#pragma once

#include <QWidget>
#include <vector>

#include "salvo/Comparison.hpp"
#include "salvo/RunRecord.hpp"

class QBoxLayout;
class QComboBox;
class QGridLayout;
class QLabel;

namespace salvo::ui {

class CompareLatencyChart;
class CompareSpectrumChart;
class CompareTable;

// Two or more kept runs side by side, the first the baseline the others are measured against:
// a legend naming each run in its colour and line style, latency over time (a line per run, of
// p50, p90, p99 or max), the whole-run percentile spectra, and a table of the key figures with
// each run's difference from the baseline, regressions and improvements said in words.
class CompareView : public QWidget {
    Q_OBJECT

  public:
    explicit CompareView(QWidget* parent = nullptr);

    using QWidget::show;
    // Shows `runs`, the first as the baseline. Fewer than two runs show what there is and ask
    // for more. Never throws: a comparison that cannot be made says why instead.
    void show(std::vector<RunRecord> runs);
    const Comparison& comparison() const { return comparison_; }
    const std::vector<RunRecord>& runs() const { return runs_; }

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;  // the charts stack in a narrow view

  private:
    void layOut();
    QWidget* panel(const QString& title, QWidget* content, QWidget* aside,
                   Qt::Alignment align = {});
    QWidget* figureSwitch();
    QString headingText() const;
    void fillLegend();
    void paintSwatches();
    void setFigure(int figure);

    std::vector<RunRecord> runs_;
    Comparison comparison_;
    QString failure_;  // why no comparison could be made; empty when it was
    QLabel* heading_;
    QLabel* notes_;  // what to know before believing the differences (Comparison::notes)
    QWidget* legend_;
    QGridLayout* legendRows_;
    std::vector<QLabel*> swatches_;
    QComboBox* figure_;
    CompareLatencyChart* latency_;
    CompareSpectrumChart* spectrum_;
    CompareTable* table_;
    QBoxLayout* charts_;  // side by side, or stacked where that does not fit
};

}  // namespace salvo::ui
