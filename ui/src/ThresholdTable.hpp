#pragma once

#include <vector>

#include "RowTable.hpp"
#include "salvo/Threshold.hpp"

namespace salvo::ui {

// The run's thresholds, one a row: the expression as typed ("p(99)<250ms"), a check box that
// makes a breach end the run, and how far into the run that may first happen ("10s"). Keys and
// buttons: see RowTable; Space in the Abort column ticks it. The table grows with its rows up
// to kShownRows, then scrolls.
class ThresholdTable : public RowTable {
    Q_OBJECT

  public:
    explicit ThresholdTable(QWidget* parent = nullptr);

    enum Column { expressionColumn, abortColumn, delayColumn };
    static constexpr int kShownRows = 8;

    std::vector<ThresholdInput> thresholds() const;  // rows left wholly empty are skipped
    void setThresholds(const std::vector<ThresholdInput>& thresholds);

  protected:
    void appendBlankRow() override { appendRow({}); }

  private:
    void appendRow(const ThresholdInput& threshold);
    void fitHeight();
};

}  // namespace salvo::ui
