#pragma once

#include <QWidget>
#include <vector>

#include "salvo/Threshold.hpp"

class QLabel;

namespace salvo::ui {

// One small badge per threshold of the run on screen: the expression and the value measured so
// far, grey while there is nothing to judge, green while it holds, red from the moment it fails,
// and "ended the run" on the one whose abort stopped it. A mark (·, ✓, ✗) says the same as the
// colour, and each badge's accessible description says it in words. Hidden without thresholds.
// Badges sit side by side, as many to a row as fit.
class ThresholdBadges : public QWidget {
    Q_OBJECT

  public:
    explicit ThresholdBadges(QWidget* parent = nullptr);

    // Called on every tick of a run and once at its end (`final`: "passed", not "passing").
    void setOutcomes(const std::vector<ThresholdOutcome>& outcomes, bool final);
    void clear() { setOutcomes({}, false); }

  protected:
    void changeEvent(QEvent* event) override;  // colours follow a light or dark palette
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuild(std::size_t count);
    void paint(std::size_t i);
    void arrange();

    std::vector<QLabel*> badges_;
    std::vector<ThresholdOutcome> shown_;
    bool final_ = false;
    int columns_ = 0;
};

}  // namespace salvo::ui
