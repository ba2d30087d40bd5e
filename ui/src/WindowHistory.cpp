// MainWindow: saved runs. Each run that ends is saved as a record; History opens one in the
// window, compares several, and says where saving failed.
#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <exception>
#include <sstream>

#include "HistoryPanel.hpp"
#include "RecordOrigin.hpp"
#include "RunStore.hpp"
#include "ThresholdBadges.hpp"
#include "salvo/Report.hpp"
#include "salvo/ui/CompareView.hpp"
#include "salvo/ui/Dashboard.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/ResultTables.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

namespace salvo::ui {
namespace {

QString localStart(const RunRecord& record) {
    const QDateTime utc =
        QDateTime::fromString(QString::fromStdString(record.startedAt), Qt::ISODateWithMs);
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                         : QString::fromStdString(record.startedAt);
}

// The summary tab's first lines for a saved run: whose figures these are.
std::string recordHeading(const RunRecord& record) {
    std::ostringstream text;
    // A merged record's host names its shares' machines, which the line below says with them.
    const bool merged = !record.mergedFrom.empty();
    text << "Saved run:   started " << record.startedAt << (merged ? "" : " on " + record.host) << ", Salvo "
         << record.salvoVersion;
    if (!record.label.empty()) text << ", labelled \"" << record.label << '"';
    if (!record.plannedStart.empty()) text << "\n             planned to start " << record.plannedStart;
    // A share's report says which share it is; whose shares a merged record holds, only the record.
    if (merged) text << "\n             " << RecordOrigin::sentence(record).toStdString();
    text << "\n\n";
    return text.str();
}

// "Saved run from 2026-11-26 10:30:00, “label”, against … — not the form above. Merged from 4
// shares on node1, node2. Submit starts …"
QString savedNoteText(const RunRecord& record) {
    const QString label = QString::fromStdString(record.label).toHtmlEscaped();
    const QString origin = RecordOrigin::sentence(record).toHtmlEscaped();
    return MainWindow::tr("<b>Saved run</b> from %1%2, against %3 — not the form above. %4"
                          "Submit starts a new run from the form.")
        .arg(localStart(record), label.isEmpty() ? QString() : MainWindow::tr(", “%1”").arg(label),
             QString::fromStdString(record.result.url).toHtmlEscaped(),
             origin.isEmpty() ? QString() : MainWindow::tr("<b>%1</b>. ").arg(origin));
}

}  // namespace

// Above the outcome line, hidden until a saved run is opened. The tone is neutral (a framed
// note in the palette's highlight colour): nothing is wrong, the person only needs to know that
// the figures are not from the form.
QWidget* MainWindow::buildSavedNote() {
    savedNote_ = new QLabel;
    savedNote_->setObjectName("savedRunNote");
    savedNote_->setAccessibleName(tr("Saved run"));
    savedNote_->setWordWrap(true);
    savedNote_->setTextFormat(Qt::RichText);
    savedNote_->setStyleSheet(QStringLiteral(
        "QLabel { border: 1px solid palette(highlight); border-radius: 3px; padding: 4px; }"));
    savedNote_->hide();
    return savedNote_;
}

const RunResult& MainWindow::shownResult() const {
    return opened_ ? opened_->result : controller_->result();
}

// The record behind the figures on screen: the saved run opened, or the run just made as its
// file now holds it (with a label given since); made afresh, without secrets, if it was not kept.
RunRecord MainWindow::shownRecord() const {
    if (opened_) return *opened_;
    if (!savedPath_.isEmpty())
        if (RecordRead read = readRecordFile(savedPath_.toStdString()); read.record) return std::move(*read.record);
    return makeRecord(controller_->spec(), controller_->result(), controller_->startedAt(), false);
}

// The run's record goes to the runs folder; a failure is said in the status bar, where it stays
// until the next message, and the result on screen is untouched.
void MainWindow::saveRun() {
    savedPath_.clear();
    if (!keepRuns_) return;
    QString error;
    QString path;
    try {
        const RunRecord record = makeRecord(controller_->spec(), controller_->result(),
                                            controller_->startedAt(), form_->keepSecrets());
        path = store_->save(record, error);
    } catch (const std::exception& e) {  // nothing may escape into Qt's event loop
        error = QString::fromUtf8(e.what());
    }
    // Saving is said only when it fails: the History tab is in sight, and a message after every
    // run would push out the ones that matter.
    if (path.isEmpty())
        statusBar()->showMessage(tr("This run was not saved to History: %1").arg(error));
    savedPath_ = path;
}

void MainWindow::showRecord(const RunRecord& record) {
    if (controller_->isRunning()) {
        statusBar()->showMessage(tr("A run is going: open a saved run once it has ended."));
        return;
    }
    opened_ = record;
    hinting_ = false;
    const RunResult& r = opened_->result;
    dashboard_->clear();
    tables_->clear();
    stats_->clear();
    dashboard_->show(r);
    tables_->show(r);
    stats_->show(r);
    badges_->setOutcomes(r.thresholds, true);
    bar_->setFormat(QStringLiteral("%p%"));
    showProgress(r);
    showOutcome();
    std::ostringstream text;
    text << recordHeading(record);
    writeTextReport(r, text);
    summary_->setPlainText(QString::fromStdString(text.str()));
    savedNote_->setText(savedNoteText(record));
    savedNote_->show();
    export_->setEnabled(true);
    statusBar()->clearMessage();
    tabs_->setCurrentWidget(dashboard_);
    // The list that had the focus is hidden now: the tab bar keeps it, one key from History.
    tabs_->tabBar()->setFocus(Qt::OtherFocusReason);
    // Once the note is laid out, scroll it into view: it says whose figures these are.
    QTimer::singleShot(0, this, [this] {
        static_cast<QScrollArea*>(centralWidget())->ensureWidgetVisible(savedNote_, 0, 8);
    });
    updateActions();
}

void MainWindow::showHistory() {
    tabs_->setCurrentWidget(history_);
    history_->focusList();
}

// A window of its own, not a tab: a comparison wants the whole width for its charts and table,
// and can stay open beside the main window while the person makes the next run. One window,
// reused: comparing again replaces what it shows.
void MainWindow::showComparison(const std::vector<RunRecord>& runs) {
    if (!compareWindow_) {
        compareWindow_ = new CompareView(this);
        compareWindow_->setWindowFlag(Qt::Window);
        compareWindow_->setObjectName("compareWindow");
        compareWindow_->setAccessibleName(tr("Comparison"));
        compareWindow_->setWindowTitle(tr("Salvo — compare runs"));
        const QSize room = screen()->availableGeometry().size() - QSize(16, 48);
        compareWindow_->resize(QSize(1000, 720).boundedTo(room));
        // A window of its own closes like one: Esc or Ctrl+W (the platform's Close key).
        auto* close = new QAction(tr("Close"), compareWindow_);
        close->setObjectName("compareCloseAction");
        close->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)});
        close->setShortcutContext(Qt::WindowShortcut);
        connect(close, &QAction::triggered, compareWindow_, &QWidget::close);
        compareWindow_->addAction(close);
    }
    compareWindow_->show(runs);
    compareWindow_->QWidget::show();
    compareWindow_->raise();
    compareWindow_->activateWindow();
}

}  // namespace salvo::ui
