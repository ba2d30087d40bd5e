#include "salvo/ui/MainWindow.hpp"

#include <QCloseEvent>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>
#include <fstream>
#include <sstream>

#include "RunText.hpp"
#include "salvo/Report.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/LoadSection.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"
#include "salvo/ui/Dashboard.hpp"
#include "salvo/ui/ResultTables.hpp"

namespace salvo::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), controller_(new RunController(this)) {
    setWindowTitle(tr("Salvo — HTTP load tester"));
    setWindowIcon(QIcon(":/icons/salvo.svg"));
    // Scrolls instead of growing past the screen (Advanced options open, a verdict, the figures
    // of a rate run); while everything fits, the window looks as if there were no scroll area.
    auto* scroll = new QScrollArea;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(buildCentral());
    setCentralWidget(scroll);
    addShortcuts();
    connect(form_, &RunForm::submitRequested, this, [this] { if (!controller_->isRunning()) submit(); });
    connect(form_, &RunForm::edited, this, &MainWindow::revalidate);
    connect(form_, &RunForm::rateApplyRequested, this, &MainWindow::applyRate);
    connect(button_, &QPushButton::clicked, this, &MainWindow::submitOrCancel);
    connect(export_, &QPushButton::clicked, this, &MainWindow::chooseExportFile);
    connect(controller_, &RunController::started, this, &MainWindow::onStarted);
    connect(controller_, &RunController::progressed, this, &MainWindow::onProgressed);
    connect(controller_, &RunController::finished, this, &MainWindow::onFinished);
    loadSettings();
    revalidate();
    form_->urlEdit()->setFocus();
    resize(900, 780);
}

MainWindow::~MainWindow() = default;

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
    bar_ = new QProgressBar;
    bar_->setObjectName("progressBar");
    bar_->setRange(0, 100);
    bar_->setValue(0);
    row->addWidget(bar_, 1);
    row->addWidget(button_);
    column->addLayout(row);

    status_ = new QLabel(tr("Enter a URL and a request count or a duration, then press Submit."));
    status_->setObjectName("statusLabel");
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(status_);
    column->addWidget(buildVerdict());
    stats_ = new LiveStats;
    column->addWidget(stats_);

    auto* tabs = new QTabWidget;
    summary_ = new QPlainTextEdit;
    summary_->setObjectName("summaryText");
    summary_->setReadOnly(true);
    summary_->setFont(QFont("monospace"));
    summary_->setPlaceholderText(tr("The summary appears here when a run ends."));
    dashboard_ = new Dashboard;
    tabs->addTab(dashboard_, tr("Charts"));
    tables_ = new ResultTables;
    tabs->addTab(tables_, tr("Tables"));
    tabs->addTab(summary_, tr("Summary"));
    tabs->setFocusPolicy(Qt::NoFocus);
    column->addWidget(tabs, 1);

    export_ = new QPushButton(tr("E&xport…"));
    export_->setObjectName("exportButton");
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

// A warning strip for the verdict on the generator's own limits, hidden while there is none.
QWidget* MainWindow::buildVerdict() {
    verdict_ = new QFrame;
    verdict_->setObjectName("verdictBanner");
    verdict_->setStyleSheet(
        "#verdictBanner { background: #fff4e0; border: 1px solid #d08a00; border-radius: 4px; }"
        "QLabel { color: #4a3000; }");
    auto* row = new QHBoxLayout(verdict_);
    auto* icon = new QLabel;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    icon->setAlignment(Qt::AlignTop);
    verdictText_ = new QLabel;
    verdictText_->setObjectName("verdictLabel");
    verdictText_->setAccessibleName(tr("Verdict on the generator's limits"));
    verdictText_->setWordWrap(true);
    verdictText_->setTextFormat(Qt::RichText);
    verdictText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(icon);
    row->addWidget(verdictText_, 1);
    verdict_->hide();
    return verdict_;
}

void MainWindow::addShortcuts() {
    connect(new QShortcut(QKeySequence(tr("Ctrl+L")), this), &QShortcut::activated, this, [this] {
        form_->urlEdit()->setFocus(Qt::ShortcutFocusReason);
        form_->urlEdit()->selectAll();
    });
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, controller_,
            &RunController::cancel);
    connect(new QShortcut(QKeySequence::Save, this), &QShortcut::activated, this, [this] {
        if (export_->isEnabled()) chooseExportFile();
    });
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
}

void MainWindow::submit() {
    const Validation v = validate(form_->input());
    form_->showErrors(v.errors, true);
    if (!v.ok()) {
        status_->setText(tr("Fix the highlighted input; nothing was sent."));
        return;
    }
    controller_->start(v.spec);
}

// Live checking as the person types: messages beside fields, Submit only when valid.
void MainWindow::revalidate() {
    if (controller_->isRunning()) return;
    const RunInput in = form_->input();
    const Validation v = validate(in);
    // An untouched empty URL gets no red text yet, only a disabled Submit.
    auto errors = v.errors;
    if (in.url.empty()) std::erase_if(errors, [](const FieldError& e) { return e.field == Field::url; });
    form_->showErrors(errors, false);
    button_->setEnabled(v.ok());
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
    status_->setText(tr("Running %1 against %2 — rate now %L3 req/s (changed at %4).")
                         .arg(RunText::plan(r), QString::fromStdString(r.url))
                         .arg(rate, 0, 'g', 8)
                         .arg(RunText::seconds(std::round(r.elapsedSeconds * 10) / 10)));
}

void MainWindow::onStarted() {
    saveSettings();
    const RunResult& r = controller_->result();
    form_->setRunning(true, r.open());
    button_->setText(tr("Cancel"));
    button_->setEnabled(true);
    button_->setFocus();
    bar_->setValue(0);
    const QString length = RunText::seconds(r.load.durationSeconds);
    bar_->setFormat(r.load.timed() ? tr("0 s of %1").arg(length) : QStringLiteral("%p%"));
    verdict_->hide();
    export_->setEnabled(false);
    summary_->clear();
    dashboard_->clear();
    tables_->clear();
    stats_->clear();
    status_->setStyleSheet(r.insecure ? "color: #b00020;" : "");
    status_->setText(tr("Running %1 against %2%3…")
                         .arg(RunText::plan(r))
                         .arg(QString::fromStdString(r.url))
                         .arg(r.insecure ? tr(" — TLS verification OFF") : QString()));
}

void MainWindow::onProgressed() {
    const RunResult& r = controller_->result();
    showProgress(r);
    stats_->show(r);
    dashboard_->show(r);
    tables_->show(r);
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
}

void MainWindow::showOutcome() {
    const RunResult& r = controller_->result();
    if (r.outcome == Outcome::cancelled) status_->setStyleSheet("color: #8a5a00;");
    else status_->setStyleSheet(RunText::outcomeIsBad(r) ? "color: #b00020;" : "color: #1b7f3a;");
    status_->setText(RunText::outcome(r));
    const QString verdict = r.outcome == Outcome::failed ? QString() : RunText::verdict(r);
    verdictText_->setText(verdict);
    verdict_->setVisible(!verdict.isEmpty());
}

bool MainWindow::exportReport(const QString& path, QString& error) const {
    std::ofstream out(path.toStdString());
    if (!out) {
        error = tr("Cannot write %1").arg(path);
        return false;
    }
    const RunResult& r = controller_->result();
    if (path.endsWith(".json", Qt::CaseInsensitive)) writeJsonReport(r, out);
    else if (path.endsWith(".csv", Qt::CaseInsensitive)) writeCsvTimeline(r, out);
    else writeTextReport(r, out);
    out.close();
    if (!out) error = tr("Writing %1 failed").arg(path);
    return static_cast<bool>(out);
}

void MainWindow::chooseExportFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"), "salvo-report.json",
        tr("JSON report (*.json);;Per-second CSV (*.csv);;Text summary (*.txt)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportReport(path, error)) status_->setText(error);
    else status_->setText(tr("Exported to %1").arg(path));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    controller_->cancel();  // the controller's Runner joins its threads when destroyed
    saveSettings();
    event->accept();
}

namespace {

// Remembered as typed, under these keys.
const std::pair<const char*, std::string RunInput::*> kRemembered[] = {
    {"run/connections", &RunInput::connections}, {"run/timeout", &RunInput::timeoutSeconds},
    {"run/threads", &RunInput::threads},         {"run/method", &RunInput::method},
    {"run/rate", &RunInput::rate},               {"run/startRate", &RunInput::startRate},
    {"run/maxConnections", &RunInput::maxConnections}, {"run/warmup", &RunInput::warmup},
    {"run/grace", &RunInput::grace},             {"run/arrival", &RunInput::arrival},
    {"run/seed", &RunInput::seed},
};

}  // namespace

// Only plain run parameters are kept: never headers or bodies, which may carry credentials.
void MainWindow::loadSettings() {
    QSettings settings;
    RunInput in = form_->input();
    in.url = settings.value("run/url").toString().toStdString();
    for (const auto& [key, field] : kRemembered)
        in.*field = settings.value(key, QString::fromStdString(in.*field)).toString().toStdString();
    in.count = settings.value("run/count").toString().toStdString();  // empty: 200, or the stages
    in.duration = settings.value("run/duration").toString().toStdString();
    for (const QString& stage : settings.value("run/stages").toStringList())
        in.stages.push_back(stage.toStdString());
    form_->setInput(in);
    form_->load().setDurationMode(settings.value("run/mode").toString() == "duration");
}

void MainWindow::saveSettings() const {
    QSettings settings;
    const RunInput in = form_->input();
    settings.setValue("run/url", QString::fromStdString(in.url));
    for (const auto& [key, field] : kRemembered)
        settings.setValue(key, QString::fromStdString(in.*field));
    // Both lengths are kept, whichever mode is on, so switching back finds the old value.
    const LoadSection& load = form_->load();
    settings.setValue("run/mode", load.durationMode() ? "duration" : "count");
    settings.setValue("run/count", load.countEdit()->text());
    settings.setValue("run/duration", load.durationEdit()->text());
    QStringList stages;
    for (const std::string& stage : in.stages) stages << QString::fromStdString(stage);
    settings.setValue("run/stages", stages);
}

}  // namespace salvo::ui
