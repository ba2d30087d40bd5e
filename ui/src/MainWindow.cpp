#include "salvo/ui/MainWindow.hpp"

#include <QCloseEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTabWidget>
#include <QVBoxLayout>
#include <fstream>
#include <sstream>

#include "salvo/Report.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"
#include "salvo/ui/ThroughputChart.hpp"

namespace salvo::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), controller_(new RunController(this)) {
    setWindowTitle(tr("Salvo — HTTP load tester"));
    setWindowIcon(QIcon(":/icons/salvo.svg"));
    setCentralWidget(buildCentral());
    addShortcuts();
    connect(form_, &RunForm::submitRequested, this, [this] { if (!controller_->isRunning()) submit(); });
    connect(form_, &RunForm::edited, this, &MainWindow::revalidate);
    connect(button_, &QPushButton::clicked, this, &MainWindow::submitOrCancel);
    connect(export_, &QPushButton::clicked, this, &MainWindow::chooseExportFile);
    connect(controller_, &RunController::started, this, &MainWindow::onStarted);
    connect(controller_, &RunController::progressed, this, &MainWindow::onProgressed);
    connect(controller_, &RunController::finished, this, &MainWindow::onFinished);
    loadSettings();
    revalidate();
    form_->urlEdit()->setFocus();
    resize(760, 720);
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

    status_ = new QLabel(tr("Enter a URL and a request count, then press Submit."));
    status_->setObjectName("statusLabel");
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(status_);
    stats_ = new LiveStats;
    column->addWidget(stats_);

    auto* tabs = new QTabWidget;
    summary_ = new QPlainTextEdit;
    summary_->setObjectName("summaryText");
    summary_->setReadOnly(true);
    summary_->setFont(QFont("monospace"));
    summary_->setPlaceholderText(tr("The summary appears here when a run ends."));
    tabs->addTab(summary_, tr("Summary"));
    chart_ = new ThroughputChart;
    tabs->addTab(chart_, tr("Throughput"));
    tabs->setFocusPolicy(Qt::NoFocus);
    column->addWidget(tabs, 1);

    export_ = new QPushButton(tr("E&xport…"));
    export_->setObjectName("exportButton");
    export_->setEnabled(false);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(export_);
    column->addLayout(bottom);

    // Tab goes URL -> count -> connections -> Submit, then on to the advanced options.
    setTabOrder(form_->urlEdit(), form_->countEdit());
    setTabOrder(form_->countEdit(), form_->connectionsEdit());
    setTabOrder(form_->connectionsEdit(), button_);
    setTabOrder(button_, form_->advancedBox());
    return central;
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

void MainWindow::onStarted() {
    saveSettings();
    form_->setEnabled(false);
    button_->setText(tr("Cancel"));
    button_->setEnabled(true);
    button_->setFocus();
    bar_->setValue(0);
    export_->setEnabled(false);
    summary_->clear();
    chart_->clear();
    stats_->clear();
    const RunResult& r = controller_->result();
    status_->setStyleSheet(r.insecure ? "color: #b00020;" : "");
    status_->setText(tr("Running %L1 requests against %2%3…")
                         .arg(r.planned)
                         .arg(QString::fromStdString(r.url))
                         .arg(r.insecure ? tr(" — TLS verification OFF") : QString()));
}

void MainWindow::onProgressed() {
    const RunResult& r = controller_->result();
    bar_->setValue(static_cast<int>(r.progress() * 100));
    stats_->show(r);
    chart_->show(r);
}

void MainWindow::onFinished() {
    onProgressed();
    form_->setEnabled(true);
    button_->setText(tr("Submit"));
    button_->setEnabled(true);
    export_->setEnabled(true);
    showOutcome();
    std::ostringstream text;
    writeTextReport(controller_->result(), text);
    summary_->setPlainText(QString::fromStdString(text.str()));
    revalidate();
}

// What a plain count of failures hides: retries and connections the server broke.
QString MainWindow::connectionNotes(const RunResult& r) {
    QString notes;
    if (r.total.retried)
        notes += tr(" %L1 sent again after the server closed a reused connection.").arg(r.total.retried);
    if (r.total.unsolicited)
        notes += tr(" %L1 connections closed: the server sent bytes no request asked for.").arg(r.total.unsolicited);
    return notes;
}

void MainWindow::showOutcome() {
    const RunResult& r = controller_->result();
    const QString message = QString::fromStdString(r.message);
    switch (r.outcome) {
        case Outcome::finished:
            status_->setStyleSheet(r.total.failed || r.total.unsolicited ? "color: #b00020;" : "color: #1b7f3a;");
            status_->setText(tr("Finished: %L1 requests in %2 s, %L3 failed.")
                                 .arg(r.total.completed())
                                 .arg(r.elapsedSeconds, 0, 'f', 2)
                                 .arg(r.total.failed) +
                             connectionNotes(r));
            break;
        case Outcome::cancelled:
            status_->setStyleSheet("color: #8a5a00;");
            status_->setText(tr("Cancelled after %L1 of %L2 requests (%L3 were in flight). "
                                "The figures so far are kept.")
                                 .arg(r.total.completed())
                                 .arg(r.planned)
                                 .arg(r.inFlightAtEnd));
            break;
        default:
            status_->setStyleSheet("color: #b00020;");
            status_->setText(tr("Failed: %1").arg(message));
    }
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

// Only plain run parameters are kept: never headers or bodies, which may carry credentials.
void MainWindow::loadSettings() {
    QSettings settings;
    RunInput in = form_->input();
    in.url = settings.value("run/url").toString().toStdString();
    in.count = settings.value("run/count", "200").toString().toStdString();
    in.connections = settings.value("run/connections").toString().toStdString();
    in.timeoutSeconds = settings.value("run/timeout", "30").toString().toStdString();
    in.threads = settings.value("run/threads", "1").toString().toStdString();
    in.method = settings.value("run/method", "GET").toString().toStdString();
    form_->setInput(in);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    const RunInput in = form_->input();
    settings.setValue("run/url", QString::fromStdString(in.url));
    settings.setValue("run/count", QString::fromStdString(in.count));
    settings.setValue("run/connections", QString::fromStdString(in.connections));
    settings.setValue("run/timeout", QString::fromStdString(in.timeoutSeconds));
    settings.setValue("run/threads", QString::fromStdString(in.threads));
    settings.setValue("run/method", QString::fromStdString(in.method));
}

}  // namespace salvo::ui
