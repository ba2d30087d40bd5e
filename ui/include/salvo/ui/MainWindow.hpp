#pragma once

#include <QMainWindow>

#include "salvo/RunResult.hpp"
#include "salvo/RunSpec.hpp"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace salvo::ui {

class LiveStats;
class RunController;
class RunForm;
class ThroughputChart;

// The window: the form, one Submit/Cancel button, a progress bar, live figures, and when a
// run ends its summary, a throughput chart and export. Keyboard: Ctrl+L URL, Enter submits,
// Esc cancels, Ctrl+S exports.
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
    void addShortcuts();
    void submitOrCancel();
    void submit();
    void revalidate();
    void onStarted();
    void onProgressed();
    void onFinished();
    void showOutcome();
    static QString connectionNotes(const RunResult& r);
    void chooseExportFile();
    void loadSettings();
    void saveSettings() const;

    RunController* controller_;
    RunForm* form_;
    QPushButton* button_;
    QProgressBar* bar_;
    QLabel* status_;
    LiveStats* stats_;
    QPlainTextEdit* summary_;
    ThroughputChart* chart_;
    QPushButton* export_;
};

}  // namespace salvo::ui
