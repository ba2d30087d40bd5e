#include "salvo/ui/MainWindow.hpp"

#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>
#include <sstream>

#include "HistoryPanel.hpp"
#include "OutcomeLabel.hpp"
#include "PlanDocument.hpp"
#include "RunStore.hpp"
#include "RunText.hpp"
#include "ThresholdBadges.hpp"
#include "VerdictBanner.hpp"
#include "salvo/Report.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/LoadSection.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"
#include "salvo/ui/Dashboard.hpp"
#include "salvo/ui/ResultTables.hpp"

namespace salvo::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new RunController(this)),
      store_(new RunStore(RunStore::defaultFolder(), this)), plan_(std::make_unique<PlanDocument>()) {
    setWindowIcon(QIcon(":/icons/salvo.svg"));
    // Scrolls instead of growing past the screen (Advanced options open, a verdict, the figures
    // of a rate run); while everything fits, the window looks as if there were no scroll area.
    auto* scroll = new QScrollArea;
    scroll->setObjectName("centralScroll");
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(buildCentral());
    setCentralWidget(scroll);
    // Messages that must not replace the run's outcome (an export) go to the status bar.
    statusBar()->setObjectName("messageBar");
    statusBar()->setAccessibleName(tr("Messages"));
    buildMenus();
    connectRun();
    loadSettings();
    plan_->reset(form_->input());  // untitled: what the settings brought back is no edit
    showPlanState();
    revalidate();
    form_->urlEdit()->setFocus();
    placeOnScreen();
}

void MainWindow::connectRun() {
    connect(form_, &RunForm::submitRequested, this, [this] { if (!controller_->isRunning()) submit(); });
    connect(form_, &RunForm::edited, this, &MainWindow::revalidate);
    connect(form_, &RunForm::edited, this, &MainWindow::showPlanState);
    connect(form_, &RunForm::rateApplyRequested, this, &MainWindow::applyRate);
    connect(button_, &QPushButton::clicked, this, &MainWindow::submitOrCancel);
    connect(export_, &QPushButton::clicked, this, &MainWindow::chooseExportFile);
    connect(controller_, &RunController::started, this, &MainWindow::onStarted);
    connect(controller_, &RunController::progressed, this, &MainWindow::onProgressed);
    connect(controller_, &RunController::finished, this, &MainWindow::onFinished);
    connect(tabs_, &QTabWidget::currentChanged, this, [this] {
        if (controller_->isRunning()) showLiveTabs(controller_->result());
    });
    connect(history_, &HistoryPanel::openRequested, this, &MainWindow::showRecord);
    connect(history_, &HistoryPanel::compareRequested, this, &MainWindow::showComparison);
    connect(history_, &HistoryPanel::message, this, [this](const QString& text, bool problem) {
        statusBar()->showMessage(text, problem ? 0 : 20000);  // a problem stays until the next
    });
}

// The History panel and its model hold the store by reference: they go first (children are
// deleted in the order they were made, and the store was made before the central widget).
MainWindow::~MainWindow() { delete takeCentralWidget(); }

QWidget* MainWindow::buildCentral() {
    auto* central = new QWidget;
    auto* column = new QVBoxLayout(central);
    form_ = new RunForm;
    column->addWidget(form_);

    auto* row = new QHBoxLayout;
    button_ = new QPushButton(tr("Submit"));
    button_->setObjectName("submitButton");
    button_->setDefault(true);
    button_->setMinimumWidth(110);
    button_->setAccessibleDescription(
        tr("Starts the run (Enter or Ctrl+Return); during a run, cancels it (Esc)"));
    bar_ = new QProgressBar;
    bar_->setObjectName("progressBar");
    bar_->setRange(0, 100);
    bar_->setValue(0);
    bar_->setAccessibleName(tr("Progress"));
    bar_->setAccessibleDescription(tr("How far the run is: of its request count or of its duration"));
    row->addWidget(bar_, 1);
    row->addWidget(button_);
    column->addLayout(row);

    column->addWidget(buildSavedNote());
    status_ = new OutcomeLabel;
    status_->say(hint());
    column->addWidget(status_);
    badges_ = new ThresholdBadges;
    column->addWidget(badges_);
    verdict_ = new VerdictBanner;
    column->addWidget(verdict_);
    stats_ = new LiveStats;
    column->addWidget(stats_);
    column->addWidget(buildTabs(), 1);

    export_ = new QPushButton(tr("E&xport…"));
    export_->setObjectName("exportButton");
    export_->setAccessibleDescription(tr("Save the run's report as JSON, CSV or text (Ctrl+E)"));
    export_->setEnabled(false);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(export_);
    column->addLayout(bottom);

    // Tab goes through the fields up front, then Submit, then on to the advanced options.
    QList<QWidget*> chain = form_->tabChain();
    chain << button_ << form_->advancedBox();
    for (qsizetype i = 0; i + 1 < chain.size(); ++i) setTabOrder(chain[i], chain[i + 1]);
    return central;
}

// Charts, tables and the text summary. The tab bar takes focus like any control (Tab reaches
// it; arrows, Ctrl+Tab and Ctrl+PgDown switch), so every tab is reachable without a mouse.
QTabWidget* MainWindow::buildTabs() {
    tabs_ = new QTabWidget;
    tabs_->setObjectName("resultTabs");
    tabs_->setAccessibleName(tr("Results"));
    tabs_->setAccessibleDescription(tr("Charts, tables and the text summary of the run"));
    summary_ = new QPlainTextEdit;
    summary_->setObjectName("summaryText");
    summary_->setAccessibleName(tr("Summary"));
    summary_->setAccessibleDescription(tr("The run's report as text, as the command line prints it"));
    summary_->setReadOnly(true);
    summary_->setFont(QFont("monospace"));
    summary_->setPlaceholderText(tr("The summary appears here when a run ends."));
    dashboard_ = new Dashboard;
    tabs_->addTab(dashboard_, tr("Charts"));
    tables_ = new ResultTables;
    tabs_->addTab(tables_, tr("Tables"));
    tabs_->addTab(summary_, tr("Summary"));
    // A tab, not a dock: saved runs are read where results are, get the tabs' full width for
    // their columns, and Open shows the run one tab over (Charts), in the same place a live run
    // is read. A dock would take width from the form and the charts on a laptop screen.
    history_ = new HistoryPanel(*store_);
    tabs_->addTab(history_, tr("History"));
    return tabs_;
}

void MainWindow::setUrl(const QString& url) {
    form_->setUrl(url);
    revalidate();
}

void MainWindow::submitInput(const RunInput& input) {
    form_->setInput(input);
    submit();
}

void MainWindow::submitOrCancel() {
    if (controller_->isRunning()) controller_->cancel();
    else submit();
    if (controller_->isCancelling()) {
        button_->setText(tr("Cancelling…"));
        button_->setEnabled(false);
    }
    updateActions();
}

void MainWindow::submit() {
    const Validation v = validate(form_->input());
    form_->showErrors(v.errors, true);
    if (!v.ok()) {
        status_->say(tr("Fix the highlighted input; nothing was sent."), OutcomeLabel::Tone::bad,
                     true);
        return;
    }
    controller_->start(v.spec);
}

// Live checking as the person types: messages beside fields, Submit only when valid.
void MainWindow::revalidate() {
    if (controller_->isRunning()) return;
    const RunInput in = form_->input();
    // Body files are looked at, not read, on every keystroke; Submit reads them.
    const Validation v = validate(in, environmentVariable, {.readBodyFiles = false});
    // An untouched empty URL gets no red text yet, only a disabled Submit.
    auto errors = v.errors;
    if (in.url.empty()) std::erase_if(errors, [](const FieldError& e) { return e.field == Field::url; });
    form_->showErrors(errors, false);
    button_->setEnabled(v.ok());
    // Until a run's outcome takes the line: what keeps Submit off, by name.
    if (hinting_)
        status_->say(errors.empty() ? hint()
                                    : tr("Fix %1 before running.").arg(problemSummary(errors)));
    updateActions();
}

QString MainWindow::hint() {
    return tr("Enter a URL and a request count or a duration, then press Submit.");
}

// "2 problems (Headers, Body)": how many, and where, each field named once.
QString MainWindow::problemSummary(const std::vector<FieldError>& errors) const {
    QStringList fields;
    for (const FieldError& e : errors) {
        const QString name = form_->fieldLabel(e.field);
        if (!fields.contains(name)) fields << name;
    }
    const QString count = errors.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(errors.size());
    return tr("%1 (%2)").arg(count, fields.join(", "));
}

// During an open-model run: move it to the rate in the field. The number is read by the same
// checks as at Submit, so the field says what is wrong with it in the same words.
void MainWindow::applyRate() {
    if (!controller_->isRunning()) return;
    const RunResult& r = controller_->result();
    RunInput probe;
    probe.url = r.url;
    probe.rate = form_->load().rateEdit()->text().trimmed().toStdString();
    const Validation v = validate(probe);
    std::vector<FieldError> errors;
    for (const FieldError& e : v.errors)
        if (e.field == Field::rate) errors.push_back(e);
    const double rate = v.ok() ? v.spec.load.rate.value_or(0) : 0;
    if (errors.empty() && rate <= 0)
        errors.push_back({Field::rate, tr("type the new rate in requests per second").toStdString()});
    if (errors.empty() && !controller_->changeRate(rate))
        errors.push_back({Field::rate, tr("the run is ending: the rate was not changed").toStdString()});
    form_->showErrors(errors, false);
    if (!errors.empty()) return;
    status_->say(tr("Running %1 against %2 — rate now %L3 req/s (changed at %4).")
                     .arg(RunText::plan(r), QString::fromStdString(r.url))
                     .arg(rate, 0, 'g', 8)
                     .arg(RunText::seconds(std::round(r.elapsedSeconds * 10) / 10)),
                 r.insecure ? OutcomeLabel::Tone::bad : OutcomeLabel::Tone::plain);
}

void MainWindow::onStarted() {
    saveSettings();
    hinting_ = false;
    const RunResult& r = controller_->result();
    form_->setRunning(true, r.open());
    button_->setText(tr("Cancel"));
    button_->setEnabled(true);
    button_->setFocus();
    bar_->setValue(0);
    const QString length = RunText::seconds(r.load.durationSeconds);
    bar_->setFormat(r.load.timed() ? tr("0 s of %1").arg(length) : QStringLiteral("%p%"));
    verdict_->setVerdict({});
    opened_.reset();  // the figures below are this run's from now on
    savedNote_->hide();
    if (tabs_->currentWidget() == history_) tabs_->setCurrentWidget(dashboard_);  // watch it live
    export_->setEnabled(false);
    statusBar()->clearMessage();  // "Exported to…" was about the run before
    summary_->clear();
    dashboard_->clear();
    tables_->clear();
    stats_->clear();
    badges_->setOutcomes(r.thresholds, false);  // each one pending until there is data
    status_->say(tr("Running %1 against %2%3…")
                     .arg(RunText::plan(r))
                     .arg(QString::fromStdString(r.url))
                     .arg(r.insecure ? tr(" — TLS verification OFF") : QString()),
                 r.insecure ? OutcomeLabel::Tone::bad : OutcomeLabel::Tone::plain);
    updateActions();
}

void MainWindow::onProgressed() {
    const RunResult& r = controller_->result();
    showProgress(r);
    stats_->show(r);
    badges_->setOutcomes(r.thresholds, r.done());
    showLiveTabs(r);
}

// A tab out of sight is not redrawn while a run goes on (the tables walk every histogram, the
// charts lay out their text): it catches up when it is shown, and at the end. Measured with
// `salvo --bench` in a half-core quota, the GUI thread's share is what the engine loses.
void MainWindow::showLiveTabs(const RunResult& r) {
    if (r.done() || tabs_->currentWidget() == dashboard_) dashboard_->show(r);
    if (r.done() || tabs_->currentWidget() == tables_) tables_->show(r);
}

// A duration run's bar follows time, and says so in its text.
void MainWindow::showProgress(const RunResult& r) {
    bar_->setValue(static_cast<int>(r.progress() * 100));
    if (r.load.timed())
        bar_->setFormat(tr("%1 s of %2")
                            .arg(std::min(r.elapsedSeconds, r.load.durationSeconds), 0, 'f', 0)
                            .arg(RunText::seconds(r.load.durationSeconds)));
}

void MainWindow::onFinished() {
    onProgressed();
    form_->setRunning(false, false);
    button_->setText(tr("Submit"));
    button_->setEnabled(true);
    export_->setEnabled(true);
    showOutcome();
    std::ostringstream text;
    writeTextReport(controller_->result(), text);
    summary_->setPlainText(QString::fromStdString(text.str()));
    revalidate();
    updateActions();
    saveRun();  // last: whatever happens to the file, the result is already on screen
}

void MainWindow::showOutcome() {
    const RunResult& r = shownResult();
    using Tone = OutcomeLabel::Tone;
    // A run that a failed threshold ended is bad news, not just a cancel.
    const bool cancelled = r.outcome == Outcome::cancelled && !RunText::abortingThreshold(r);
    const Tone tone = cancelled                  ? Tone::warning
                      : RunText::outcomeIsBad(r) ? Tone::bad
                                                 : Tone::good;
    status_->say(RunText::outcome(r), tone, true);
    verdict_->setVerdict(r.outcome == Outcome::failed ? QString() : RunText::verdict(r));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!closeSettled_ && !settleUnsavedPlan()) {  // Cancel keeps the window, and any run
        event->ignore();
        return;
    }
    // Joins, as Quit does: the run ends here, finished() fires and the cancelled run is kept in
    // History (a bare cancel() left it to the destructor, after the window could save it).
    if (controller_->isRunning()) controller_->cancelAndWait();
    saveSettings();
    event->accept();
}

}  // namespace salvo::ui
