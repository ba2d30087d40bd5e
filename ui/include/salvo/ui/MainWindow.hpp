#pragma once

#include <QMainWindow>

#include "salvo/RunResult.hpp"
#include "salvo/RunSpec.hpp"

class QFrame;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace salvo::ui {

class LiveStats;
class RunController;
class RunForm;
class Dashboard;
class ResultTables;

// The window: the form, one Submit/Cancel button, a progress bar (following time in a duration
// run), live figures, and when a run ends its outcome, a warning when the generator's own limits
// shaped the figures, its summary, a throughput chart and export. During an open-model run the
// rate field stays live: Enter or Apply moves the run to the new rate. Keyboard: Ctrl+L URL,
// Alt+R request count, Alt+D duration, Alt+Q rate, Enter submits (or applies the rate during a
// run), Esc cancels, Ctrl+S exports.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void setUrl(const QString& url);
    // Fills the form and presses Submit, as a person would (used by `salvo --bench`).
    void submitInput(const RunInput& input);
    RunController& controller() const { return *controller_; }
    // Writes the current result as JSON (.json), a per-second CSV (.csv) or text (anything else).
    bool exportReport(const QString& path, QString& error) const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildCentral();
    QWidget* buildVerdict();
    void addShortcuts();
    void submitOrCancel();
    void submit();
    void revalidate();
    void applyRate();
    void onStarted();
    void onProgressed();
    void onFinished();
    void showOutcome();
    void showProgress(const RunResult& r);
    void chooseExportFile();
    void loadSettings();
    void saveSettings() const;

    RunController* controller_;
    RunForm* form_;
    QPushButton* button_;
    QProgressBar* bar_;
    QLabel* status_;
    QFrame* verdict_;
    QLabel* verdictText_;
    LiveStats* stats_;
    QPlainTextEdit* summary_;
    Dashboard* dashboard_;
    ResultTables* tables_;
    QPushButton* export_;
};

}  // namespace salvo::ui
