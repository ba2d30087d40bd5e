// MainWindow: test plans (README "Test plans"). The form is the plan: Open fills it from a TOML
// file, Save writes it back, the title names it and marks edits not yet saved, and each plan
// opened or saved is listed under Recent plans (its path only: what it holds stays in the file).
#include <QAbstractButton>
#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <exception>
#include <filesystem>

#include "PlanDocument.hpp"
#include "RecentPlans.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

namespace salvo::ui {
namespace {

// The folder a plan's relative file names are read from, as readPlan() works it out.
std::string folderOf(const QString& path) {
    const std::filesystem::path file(path.toStdString());
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(file, ec);
    return (ec ? file : absolute).parent_path().string();
}

QString native(const QString& path) {
    return QDir::toNativeSeparators(path);
}

}  // namespace

// The form is locked during a run, and the run's record keeps what it was started with.
bool MainWindow::planBlockedByRun() {
    if (!controller_->isRunning()) return false;
    statusBar()->showMessage(tr("A run is going: change plans once it has ended."));
    return true;
}

bool MainWindow::newPlan() {
    if (planBlockedByRun() || !settleUnsavedPlan()) return false;
    form_->setInput(RunInput{});
    plan_->reset(form_->input());
    revalidate();
    showPlanState();
    statusBar()->clearMessage();
    return true;
}

// Read first: a plan that cannot be read changes nothing, so there is nothing to ask about.
bool MainWindow::openPlan(const QString& path) {
    if (planBlockedByRun()) return false;
    PlanRead read;
    try {
        read = readPlanFile(path.toStdString());
    } catch (const std::exception& e) {  // nothing may escape into Qt's event loop
        read.errors.push_back({path.toStdString(), 0, 0, {}, e.what()});
    }
    if (!read.ok()) {
        std::vector<std::string> problems;
        for (const PlanProblem& p : read.errors) problems.push_back(p.text());
        if (!QFileInfo(path).isFile()) RecentPlans::remove(path);
        showPlanProblems(path, problems);
        return false;
    }
    if (!settleUnsavedPlan()) return false;
    form_->setInput(read.plan.input);
    plan_->opened(path, read.plan, form_->input());
    RecentPlans::add(path);
    revalidate();
    showPlanState();
    sayOpenedPlan(read);
    return true;
}

// The messages are beside their fields already (revalidate); the status line says where in the
// file the first one comes from. Until the next message, unless all is well.
void MainWindow::sayOpenedPlan(const PlanRead& read) {
    const std::vector<PlanProblem> placed =
        placeErrors(read, validate(read.plan.input).errors);
    const QString name = plan_->displayName();
    // The form runs a count or a duration, never both: say which part of the plan it left out.
    const RunInput& in = read.plan.input;
    const bool both = !in.count.empty() && !in.duration.empty();
    QString text = tr("Opened plan %1.").arg(name);
    if (!placed.empty())
        text = tr("Opened plan %1; fix before running: %2")
                   .arg(name, QString::fromStdString(placed.front().text())) +
               (placed.size() > 1 ? tr(" (and %1 more)").arg(placed.size() - 1) : QString());
    else if (both)
        text += tr(" It sets both a request count and a duration; the form runs the count (%1) "
                   "and saves only that.")
                    .arg(QString::fromStdString(in.count));
    statusBar()->showMessage(text, placed.empty() && !both ? 20000 : 0);
}

void MainWindow::showPlanProblems(const QString& path, const std::vector<std::string>& problems) {
    QStringList lines;
    for (const std::string& problem : problems) lines << QString::fromStdString(problem);
    QMessageBox box(QMessageBox::Warning, tr("Open plan"),
                    tr("%1 cannot be opened; the form is unchanged.").arg(native(path)),
                    QMessageBox::Ok, this);
    box.setObjectName("planError");
    // Every problem, in the file's order: a plan is fixed in one go, not one error per try.
    constexpr qsizetype kShown = 12;
    QString shown = lines.mid(0, kShown).join('\n');
    if (lines.size() > kShown) {
        shown += '\n' + tr("…and %1 more (Show Details)").arg(lines.size() - kShown);
        box.setDetailedText(lines.join('\n'));
    }
    box.setInformativeText(shown);
    box.exec();
}

bool MainWindow::savePlan(const QString& path) {
    RunInput input = form_->input();
    input.baseDir = folderOf(path);  // what reopening the file will give
    const Plan plan = plan_->toSave(path, input);
    std::string error;
    try {
        if (!savePlanFile(plan, path.toStdString(), error) && error.empty()) error = "unknown error";
    } catch (const std::exception& e) {  // nothing may escape into Qt's event loop
        error = e.what();
    }
    if (!error.empty()) {
        QMessageBox box(QMessageBox::Warning, tr("Save plan"),
                        tr("The plan was not saved: %1").arg(QString::fromStdString(error)),
                        QMessageBox::Ok, this);
        box.setObjectName("planSaveError");
        box.exec();
        return false;
    }
    form_->setBaseDir(input.baseDir);
    plan_->saved(path, plan);
    RecentPlans::add(path);
    revalidate();  // a relative CA file is now read from the new folder
    showPlanState();
    // A draft is saved as it is; the message says what still keeps it from running, and stays.
    const std::vector<FieldError> problems = validate(form_->input()).errors;
    const QString saved = tr("Saved plan %1 to %2").arg(plan_->displayName(), native(path));
    if (problems.empty())
        statusBar()->showMessage(saved + '.', 20000);
    else
        statusBar()->showMessage(
            tr("%1 — %2 to fix before it can run.").arg(saved, problemSummary(problems)));
    return true;
}

// Save: to the plan's own file; the first time, asking for one.
bool MainWindow::saveShownPlan() {
    return plan_->hasFile() ? savePlan(plan_->path()) : chooseAndSavePlan();
}

bool MainWindow::chooseAndSavePlan() {
    const QString path = choosePlanFile(true);
    return !path.isEmpty() && savePlan(path);
}

void MainWindow::chooseAndOpenPlan() {
    if (planBlockedByRun()) return;
    const QString path = choosePlanFile(false);
    if (!path.isEmpty()) openPlan(path);
}

// Opens in the plan's folder, else the newest recent plan's, else home.
QString MainWindow::choosePlanFile(bool forSaving) {
    if (chooser_) return chooser_(forSaving);
    const QStringList recent = RecentPlans::list();
    const QString folder = plan_->hasFile()    ? QFileInfo(plan_->path()).absolutePath()
                           : !recent.isEmpty() ? QFileInfo(recent.constFirst()).absolutePath()
                                               : QDir::homePath();
    QFileDialog dialog(this, forSaving ? tr("Save plan") : tr("Open plan"), folder,
                       tr("Salvo plans (*.toml)"));
    dialog.setObjectName(forSaving ? "savePlanDialog" : "openPlanDialog");
    dialog.setAcceptMode(forSaving ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog.setFileMode(forSaving ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    dialog.setDefaultSuffix("toml");
    if (forSaving)
        dialog.selectFile(plan_->hasFile() ? QFileInfo(plan_->path()).fileName()
                                           : QStringLiteral("plan.toml"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    return dialog.selectedFiles().constFirst();
}

// Before the form is replaced or the window closes: edits to an opened or saved plan are saved,
// discarded or kept (Cancel: nothing happens). An untitled form is never asked about: the
// settings remember it, as they always did.
bool MainWindow::settleUnsavedPlan() {
    if (!plan_->hasFile() || !plan_->modified(form_->input())) return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved plan"),
                    tr("Save changes to plan %1?").arg(plan_->displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName("unsavedPlanQuestion");
    box.setInformativeText(tr("The form has changed since the plan was opened or saved."));
    box.setDefaultButton(QMessageBox::Save);
    box.button(QMessageBox::Save)->setText(tr("&Save"));
    box.button(QMessageBox::Discard)->setText(tr("&Discard"));
    box.button(QMessageBox::Cancel)->setText(tr("Cancel"));  // Esc
    switch (box.exec()) {
        case QMessageBox::Save: return savePlan(plan_->path());
        case QMessageBox::Discard: return true;
        default: return false;
    }
}

// "NAME – Salvo", with a '*' after the name while the form differs from the plan's file.
void MainWindow::showPlanState() {
    setWindowTitle(tr("%1[*] – Salvo").arg(plan_->displayName()));
    setWindowModified(plan_->hasFile() && plan_->modified(form_->input()));
}

QStringList MainWindow::recentPlans() const {
    return RecentPlans::list();
}

void MainWindow::fillRecentMenu() {
    recentMenu_->clear();
    const QStringList paths = RecentPlans::list();
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const QString path = paths[i];
        const QFileInfo file(path);
        QString name = file.fileName();
        name.replace('&', QStringLiteral("&&"));  // not a mnemonic
        QAction* action = recentMenu_->addAction(
            tr("&%1 %2 (%3)").arg(i + 1).arg(name, native(file.absolutePath())), this,
            [this, path] { openPlan(path); });
        action->setObjectName("recentPlanAction");
        action->setData(path);
    }
    if (!paths.isEmpty()) recentMenu_->addSeparator();
    // The list is emptied now and the menu when it next opens: clearing it here would delete
    // this action inside its own triggered().
    QAction* clear = recentMenu_->addAction(tr("&Clear"), this, [] { RecentPlans::clear(); });
    clear->setObjectName("clearRecentPlansAction");
    clear->setEnabled(!paths.isEmpty());
}

}  // namespace salvo::ui
