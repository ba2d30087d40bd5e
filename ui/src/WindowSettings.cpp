// MainWindow: what is remembered between sessions, export, and where the window opens.
#include <QAction>
#include <QActionGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <fstream>

#include "HistoryExport.hpp"
#include "PlanDocument.hpp"
#include "Theme.hpp"
#include "salvo/Report.hpp"
#include "salvo/ui/LoadSection.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

namespace salvo::ui {
namespace {

// Remembered as typed, under these keys.
const std::pair<const char*, std::string RunInput::*> kRemembered[] = {
    {"run/connections", &RunInput::connections},
    {"run/timeout", &RunInput::timeoutSeconds},
    {"run/threads", &RunInput::threads},
    {"run/method", &RunInput::method},
    {"run/rate", &RunInput::rate},
    {"run/startRate", &RunInput::startRate},
    {"run/maxConnections", &RunInput::maxConnections},
    {"run/warmup", &RunInput::warmup},
    {"run/grace", &RunInput::grace},
    {"run/arrival", &RunInput::arrival},
    {"run/seed", &RunInput::seed},
    {"run/contentType", &RunInput::contentType},
    {"run/bodyFile", &RunInput::bodyFile},  // the file's name, not what it holds
    {"run/httpVersion", &RunInput::httpVersion},
    {"run/streams", &RunInput::streams},
    {"run/caFile", &RunInput::caFile},
    {"run/clientCert", &RunInput::clientCert},
    {"run/clientKey", &RunInput::clientKey},
    {"run/redirects", &RunInput::redirects},
    {"run/expectStatus", &RunInput::expectStatus},
    {"run/expectBody", &RunInput::expectBody},
    {"run/expectBodyRegex", &RunInput::expectBodyRegex},
};

}  // namespace

// Only plain run parameters are kept, file names but not what the files hold: never headers,
// bodies or basic auth, which carry credentials.
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
    in.keepAlive = settings.value("run/keepAlive", true).toBool();
    for (const QString& entry : settings.value("run/connectTo").toStringList())
        in.connectTo.push_back(entry.toStdString());
    form_->setInput(in);
    form_->load().setDurationMode(settings.value("run/mode").toString() == "duration");
    form_->setKeepSecrets(settings.value("run/keepSecretsInRecords", false).toBool());
    const Theme theme = themeFromKey(settings.value("view/theme").toString());
    applyTheme(theme);
    for (QAction* action : themes_->actions())
        action->setChecked(action->data().toString() == themeKey(theme));
}

void MainWindow::saveSettings() const {
    QSettings settings;
    // A preference about records, not a secret itself.
    settings.setValue("run/keepSecretsInRecords", form_->keepSecrets());
    // The settings remember the untitled form; a plan's fields stay in its own file (only its
    // path is kept, in the recent plans).
    if (plan_->hasFile()) return;
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
    settings.setValue("run/keepAlive", in.keepAlive);
    QStringList connectTo;
    for (const std::string& entry : in.connectTo) connectTo << QString::fromStdString(entry);
    settings.setValue("run/connectTo", connectTo);
}

bool MainWindow::exportReport(const QString& path, QString& error) const {
    // The HTML report and the interval log are History's exports, of the run on screen.
    if (path.endsWith(".html", Qt::CaseInsensitive) || path.endsWith(".htm", Qt::CaseInsensitive) ||
        path.endsWith(".hlog", Qt::CaseInsensitive)) {
        try {
            error = HistoryExport::write({shownRecord()}, path);
        } catch (const std::exception& e) {  // nothing may escape into Qt's event loop
            error = tr("Writing %1 failed: %2").arg(path, QString::fromUtf8(e.what()));
        }
        return error.isEmpty();
    }
    std::ofstream out(path.toStdString());
    if (!out) {
        error = tr("Cannot write %1").arg(path);
        return false;
    }
    const RunResult& r = shownResult();
    try {
        if (path.endsWith(".json", Qt::CaseInsensitive))
            writeJsonReport(r, out);
        else if (path.endsWith(".csv", Qt::CaseInsensitive))
            writeCsvTimeline(r, out);
        else
            writeTextReport(r, out);
    } catch (const std::exception& e) {  // nothing may escape into Qt's event loop
        error = tr("Writing %1 failed: %2").arg(path, QString::fromUtf8(e.what()));
        return false;
    }
    out.close();
    if (!out) error = tr("Writing %1 failed").arg(path);
    return static_cast<bool>(out);
}

// Opens where the last export went. What happened is said in the status bar, so the run's
// outcome line keeps its words and its colour.
void MainWindow::chooseExportFile() {
    if (!export_->isEnabled()) return;
    QSettings settings;
    QFileDialog dialog(this, tr("Export report"),
                       settings.value("export/folder", QDir::homePath()).toString(),
                       tr("JSON report (*.json);;Per-second CSV (*.csv);;HTML report (*.html);;"
                          "HdrHistogram interval log (*.hlog);;Text summary (*.txt)"));
    dialog.setObjectName("exportDialog");
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix("json");
    dialog.selectFile("salvo-report.json");
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& filter) {
        dialog.setDefaultSuffix(filter.contains("*.csv")    ? "csv"
                                : filter.contains("*.html") ? "html"
                                : filter.contains("*.hlog") ? "hlog"
                                : filter.contains("*.txt")  ? "txt"
                                                            : "json");
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString path = dialog.selectedFiles().constFirst();
    settings.setValue("export/folder", QFileInfo(path).absolutePath());
    QString error;
    if (exportReport(path, error))
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 20000);
    else
        statusBar()->showMessage(error);  // stays until the next message
}

// The window asks for the size of everything it holds, but never more than the screen's free
// area (a 1366x768 screen at 2x scaling leaves 683x384), and opens inside that area. The frame
// is not known before the window is shown: leave room for a title bar and borders.
void MainWindow::placeOnScreen() {
    const QRect free = screen()->availableGeometry();
    const QSize frame(16, 48);
    const auto* content = static_cast<QScrollArea*>(centralWidget())->widget();
    QSize wanted = content->sizeHint() + QSize(24, 0);  // a vertical scroll bar, if it comes
    wanted.rheight() += menuBar()->sizeHint().height() + statusBar()->sizeHint().height();
    wanted = wanted.expandedTo(QSize(900, 700));
    const QSize size = wanted.boundedTo(free.size() - frame);
    resize(size);
    move(free.x() + (free.width() - size.width() - frame.width()) / 2,
         free.y() + (free.height() - size.height() - frame.height()) / 2);
}

}  // namespace salvo::ui
