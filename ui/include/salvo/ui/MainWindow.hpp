#pragma once

#include <QList>
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "salvo/Plan.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/RunResult.hpp"
#include "salvo/RunSpec.hpp"

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace salvo::ui {

class CompareView;
class Dashboard;
class HistoryPanel;
class LiveStats;
class OutcomeLabel;
class PlanDocument;
class ResultTables;
class RunController;
class RunForm;
class RunStore;
class ThresholdBadges;
class VerdictBanner;

// The window: a menu bar, the form, one Submit/Cancel button, a progress bar (following time in
// a duration run), live figures, and when a run ends its outcome, a warning when the generator's
// own limits shaped the figures, charts, tables and a summary in tabs, and export. During an
// open-model run the rate field stays live: Enter or Apply moves the run to the new rate.
// Keyboard (Help -> Keyboard shortcuts lists them all): Ctrl+L URL, Alt+R request count, Alt+D
// duration, Alt+Q rate, Enter or Ctrl+Return submits (Enter applies the rate during a run), Esc
// cancels, Ctrl+E exports, Ctrl+H History, Ctrl+PgDown/Ctrl+Tab next tab, Ctrl+Q quits (asking
// during a run). Every run that ends is saved as a record; the History tab lists them, opens one
// in place of the current result, compares and exports them. The form is a test plan: Ctrl+N
// new, Ctrl+O open, Ctrl+S save, Ctrl+Shift+S save as, and Recent plans; the title names the
// plan and marks unsaved edits. A run's thresholds show as badges under its outcome.
// Split by concern: MainWindow.cpp the run, MainMenus.cpp the menus, WindowSettings.cpp what is
// remembered, export and the window's size, WindowHistory.cpp saved runs, WindowPlans.cpp plans.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void setUrl(const QString& url);
    // Fills the form and presses Submit, as a person would (used by `salvo --bench`).
    void submitInput(const RunInput& input);
    RunController& controller() const { return *controller_; }
    // Whether runs that end are saved to History (on unless switched off: `salvo --bench`
    // measures the window, and a million-request benchmark is not a run to keep).
    void setKeepRuns(bool keep) { keepRuns_ = keep; }
    // Shows a saved run as a finished run looks, saying that it is one (History's Open).
    void showRecord(const RunRecord& record);
    // Writes the shown result (the run just made, or the saved run opened) as JSON (.json), a
    // per-second CSV (.csv), a self-contained HTML report (.html), HdrHistogram's interval log
    // (.hlog) or text (anything else).
    bool exportReport(const QString& path, QString& error) const;
    // Every key the window answers to and what it does, as listed in the shortcuts dialog.
    QList<std::pair<QString, QString>> shortcutList() const;

    // Test plans, as File > New plan, Open plan and Save plan do them; each says whether it went
    // ahead. New and Open first ask about unsaved edits of the plan on screen (Save, Discard or
    // Cancel). A plan that cannot be read is refused with every problem listed, the form as it was.
    bool newPlan();
    bool openPlan(const QString& path);
    bool savePlan(const QString& path);  // the form as the plan at `path`, the plan from then on
    QStringList recentPlans() const;     // newest first; files gone since are left out
    // Who picks the file for Open plan (`forSaving` false) and Save plan as: a file dialog,
    // unless a test hands in its own. An empty answer changes nothing.
    using PlanFileChooser = std::function<QString(bool forSaving)>;
    void setPlanFileChooser(PlanFileChooser chooser) { chooser_ = std::move(chooser); }

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildCentral();
    QTabWidget* buildTabs();
    void connectRun();
    void buildMenus();
    void buildFileMenu();
    void buildPlanActions(QMenu* file);
    void fillRecentMenu();
    void chooseAndOpenPlan();
    bool saveShownPlan();
    bool chooseAndSavePlan();
    QString choosePlanFile(bool forSaving);
    bool settleUnsavedPlan();
    bool planBlockedByRun();
    void showPlanProblems(const QString& path, const std::vector<std::string>& problems);
    void sayOpenedPlan(const PlanRead& read);
    void showPlanState();
    void buildRunMenu();
    void buildViewMenu();
    void buildHelpMenu();
    void letMenuKeysWin();
    void quitAsking();
    void showShortcuts();
    void showAbout();
    void switchTab(int step);
    void updateActions();
    void submitOrCancel();
    void submit();
    void revalidate();
    QString problemSummary(const std::vector<FieldError>& errors) const;
    static QString hint();
    void applyRate();
    void onStarted();
    void onProgressed();
    void onFinished();
    void showOutcome();
    void showProgress(const RunResult& r);
    void showLiveTabs(const RunResult& r);
    void chooseExportFile();
    const RunResult& shownResult() const;
    RunRecord shownRecord() const;
    void saveRun();
    void showHistory();
    void showComparison(const std::vector<RunRecord>& runs);
    QWidget* buildSavedNote();
    void loadSettings();
    void saveSettings() const;
    void placeOnScreen();

    RunController* controller_;
    RunStore* store_;
    bool keepRuns_ = true;
    QString savedPath_;  // the record of the run just made, once saved
    RunForm* form_;
    QPushButton* button_;
    QProgressBar* bar_;
    OutcomeLabel* status_;
    bool hinting_ = true;  // status_ holds what to do next, not a run's outcome
    ThresholdBadges* badges_;
    VerdictBanner* verdict_;
    LiveStats* stats_;
    QTabWidget* tabs_;
    QPlainTextEdit* summary_;
    Dashboard* dashboard_;
    ResultTables* tables_;
    HistoryPanel* history_;
    QLabel* savedNote_;                 // "a saved run from …", shown while one is open
    std::optional<RunRecord> opened_;  // the saved run on screen, until the next run starts
    CompareView* compareWindow_ = nullptr;  // made on the first Compare
    QPushButton* export_;
    QAction* exportAction_ = nullptr;
    QAction* submitAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* applyRateAction_ = nullptr;
    QActionGroup* themes_ = nullptr;
    std::unique_ptr<PlanDocument> plan_;  // the plan the form holds
    PlanFileChooser chooser_;
    QMenu* recentMenu_ = nullptr;
    bool closeSettled_ = false;  // Quit already asked about unsaved plan edits
};

}  // namespace salvo::ui
