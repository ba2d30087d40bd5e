#pragma once

#include <QList>
#include <QObject>

#include "salvo/RunSpec.hpp"

class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QWidget;

namespace salvo::ui {

class FieldRows;
class PairTable;

// The load part of the run form (README: "Load models"). Up front: a request count or a
// duration, and an optional rate with its Apply button (the one control that stays live during
// an open-model run). Under "Advanced options": ramp stages as a small table, the rate they
// ramp from, the connection ceiling, warm-up, grace, arrival spacing and its seed.
// It builds rows into the form's layouts so every label lines up with the rest of the form.
class LoadSection : public QObject {
    Q_OBJECT

  public:
    LoadSection(FieldRows& rows, QObject* parent);

    void buildMain(QFormLayout* form);
    void buildAdvanced(QFormLayout* form);
    void fill(RunInput& in) const;  // the load fields of `in`
    void set(const RunInput& in);   // a duration selects the duration mode
    // While a run goes on only the rate stays editable, and only for an open-model run.
    void setRunning(bool running, bool openModel);

    bool durationMode() const;
    void setDurationMode(bool duration) { chooseMode(duration, false); }
    QLineEdit* countEdit() const { return count_; }
    QLineEdit* durationEdit() const { return duration_; }
    QLineEdit* rateEdit() const { return rate_; }
    QPushButton* applyRateButton() const { return apply_; }
    QList<QWidget*> tabChain() const;  // the inputs up front, in Tab order

  signals:
    void rateApplyRequested();  // Apply, or Enter in the rate field during a run

  private:
    QWidget* buildStages();
    void chooseMode(bool duration, bool focus);
    void explainRate(bool running, bool openModel);

    FieldRows& rows_;
    QRadioButton* countMode_ = nullptr;
    QRadioButton* durationMode_ = nullptr;
    QLineEdit* count_ = nullptr;
    QLineEdit* duration_ = nullptr;
    QLineEdit* rate_ = nullptr;
    QPushButton* apply_ = nullptr;
    PairTable* stages_ = nullptr;
    QLineEdit* startRate_ = nullptr;
    QLineEdit* maxConnections_ = nullptr;
    QLineEdit* warmup_ = nullptr;
    QLineEdit* grace_ = nullptr;
    QComboBox* arrival_ = nullptr;
    QLineEdit* seed_ = nullptr;
    bool running_ = false;
};

}  // namespace salvo::ui
