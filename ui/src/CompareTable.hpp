#pragma once

#include <cstddef>

#include "ReadOnlyTable.hpp"
#include "salvo/Comparison.hpp"

namespace salvo::ui {

// The key figures of two or more runs, one row each: the figure with its unit, the baseline's
// value (the first run), then for every other run its value, its difference from the baseline
// and the change in percent with a word saying whether that is better or worse. A regression
// reads without colour ("▲ 20.0% worse"); its colour (the palette's bad, bold) and that of an
// improvement (good) only repeat what the words say.
class CompareTable : public ReadOnlyTable {
    Q_OBJECT

  public:
    // How a run's figure stands against the baseline's.
    enum class Verdict {
        none,         // no value to compare (a run without it, or the baseline itself)
        similar,      // within the tolerance either way (or equal)
        better,       // better beyond the tolerance
        regression,   // worse beyond the tolerance (ComparedFigure::regression)
    };
    static constexpr int kColumnsPerRun = 3;  // after the baseline: value, difference, change
    // The least size kept in a small window (px); scroll bars show the rest.
    static constexpr int kMinimumWidth = 320, kMinimumHeight = 160;

    explicit CompareTable(QWidget* parent = nullptr);
    void show(const Comparison& comparison);

    // Columns of run `run` (1-based in the headers, 0 here: the baseline): its value, and after
    // it the difference and the change (not for the baseline).
    static int valueColumn(std::size_t run);
    static int differenceColumn(std::size_t run) { return valueColumn(run) + 1; }
    static int changeColumn(std::size_t run) { return valueColumn(run) + 2; }
    int rowOf(const QString& key) const;  // the row of a figure by its key; -1 when absent

    // The cells' texts, public so that tests check against the same rules. Numbers with the
    // locale's separators, as many decimals as the unit needs (ms: 3, %: 3, req/s: 1, counts: 0).
    static QString value(const std::optional<double>& v, const std::string& unit);
    static QString difference(const ComparedFigure& f, std::size_t run);  // "+2.000"
    static QString change(const ComparedFigure& f, std::size_t run);      // "▲ 20.0% worse"
    static Verdict verdict(const ComparedFigure& f, std::size_t run);
    static QString rowName(const ComparedFigure& f);  // "Latency p99 (ms)"

    // Its columns' width and its rows' height (fitted when shown): what it takes to show all.
    QSize sizeHint() const override { return {maximumWidth(), maximumHeight()}; }

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void setHeaders(std::size_t runs);
    void fillRow(int row, const ComparedFigure& f);
    void markRow(int row, const ComparedFigure& f);  // colours and fonts by verdict
    void fitSize();
    void fitHeight();

    Comparison shown_;
};

}  // namespace salvo::ui
