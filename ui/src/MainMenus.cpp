// MainWindow's menu bar: File, Run, View, Help, and the keys they bring.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <functional>
#include <tuple>

#include "ShortcutsDialog.hpp"
#include "Theme.hpp"
#include "salvo/ui/LoadSection.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

namespace salvo::ui {

// Only File and Help get an Alt letter: every letter of "Run" and "View" is already the Alt key
// of a field (Alt+R the count, Alt+U the URL, Alt+V the arrival...). F10 opens the bar instead.
void MainWindow::buildMenus() {
    buildFileMenu();
    buildRunMenu();
    buildViewMenu();
    buildHelpMenu();
    connect(new QShortcut(QKeySequence(Qt::Key_F10), this), &QShortcut::activated, this,
            [this] { menuBar()->setActiveAction(menuBar()->actions().value(0)); });
    // Ctrl+L is not in a menu: it only moves the focus.
    connect(new QShortcut(QKeySequence(tr("Ctrl+L")), this), &QShortcut::activated, this, [this] {
        form_->urlEdit()->setFocus(Qt::ShortcutFocusReason);
        form_->urlEdit()->selectAll();
    });
    letMenuKeysWin();
    updateActions();
}

// On X11 a line edit takes Ctrl+E ("end of line", as in Emacs) before any shortcut sees it. In
// this window the menus' keys win over the fields' own, so Ctrl+E exports from any field (End
// still moves to the end). Fields are watched, not the whole application.
void MainWindow::letMenuKeysWin() {
    for (QWidget* field : findChildren<QLineEdit*>()) field->installEventFilter(this);
    for (QWidget* field : findChildren<QPlainTextEdit*>()) field->installEventFilter(this);
    // An editable combo box (the method) keeps the focus and hands keys to its line edit.
    for (QWidget* field : findChildren<QComboBox*>()) field->installEventFilter(this);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride) return QMainWindow::eventFilter(watched, event);
    const QKeySequence pressed(static_cast<QKeyEvent*>(event)->keyCombination());
    for (QAction* menu : menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->isEnabled() && action->shortcuts().contains(pressed)) {
                event->ignore();  // not the field's: the shortcut map takes it next
                return true;
            }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName("fileMenu");
    buildPlanActions(file);
    file->addSeparator();
    // Ctrl+E, not Ctrl+S: Ctrl+S saves the plan.
    exportAction_ = file->addAction(tr("&Export…"), this, &MainWindow::chooseExportFile);
    exportAction_->setObjectName("exportAction");
    exportAction_->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &MainWindow::quitAsking);
    quit->setObjectName("quitAction");
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setMenuRole(QAction::QuitRole);
}

// New, Open, Save, Save as and Recent plans; what they do is in WindowPlans.cpp.
void MainWindow::buildPlanActions(QMenu* file) {
    const std::tuple<QString, const char*, QString, std::function<void()>> items[] = {
        {tr("&New plan"), "newPlanAction", tr("Ctrl+N"), [this] { newPlan(); }},
        {tr("&Open plan…"), "openPlanAction", tr("Ctrl+O"), [this] { chooseAndOpenPlan(); }},
        {tr("&Save plan"), "savePlanAction", tr("Ctrl+S"), [this] { saveShownPlan(); }},
        {tr("Save plan &as…"), "savePlanAsAction", tr("Ctrl+Shift+S"), [this] { chooseAndSavePlan(); }},
    };
    for (const auto& [text, name, key, slot] : items) {
        QAction* action = file->addAction(text, this, slot);
        action->setObjectName(name);
        action->setShortcut(QKeySequence(key));
    }
    recentMenu_ = file->addMenu(tr("&Recent plans"));
    recentMenu_->setObjectName("recentPlansMenu");
    // Listed afresh each time it opens: a plan deleted meanwhile is dropped.
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
}

void MainWindow::buildRunMenu() {
    QMenu* run = menuBar()->addMenu(tr("Run"));
    run->setObjectName("runMenu");
    submitAction_ = run->addAction(tr("&Submit"), this, [this] {
        if (!controller_->isRunning()) submit();
    });
    submitAction_->setObjectName("submitAction");
    submitAction_->setShortcut(QKeySequence(tr("Ctrl+Return")));
    cancelAction_ = run->addAction(tr("&Cancel"), this, [this] {
        if (controller_->isRunning()) submitOrCancel();
    });
    cancelAction_->setObjectName("cancelAction");
    cancelAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    applyRateAction_ = run->addAction(tr("&Apply rate"), this, &MainWindow::applyRate);
    applyRateAction_->setObjectName("applyRateAction");
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("View"));
    view->setObjectName("viewMenu");
    QMenu* theme = view->addMenu(tr("&Theme"));
    theme->setObjectName("themeMenu");
    themes_ = new QActionGroup(this);
    themes_->setExclusive(true);
    const std::pair<Theme, QString> choices[] = {
        {Theme::system, tr("&System")}, {Theme::light, tr("&Light")}, {Theme::dark, tr("&Dark")}};
    for (const auto& [value, label] : choices) {
        QAction* action = theme->addAction(label);
        action->setObjectName(themeKey(value) + "ThemeAction");
        action->setCheckable(true);
        action->setData(themeKey(value));
        themes_->addAction(action);
    }
    connect(themes_, &QActionGroup::triggered, this, [](QAction* action) {
        applyTheme(themeFromKey(action->data().toString()));
        QSettings().setValue("view/theme", action->data());
    });
    view->addSeparator();
    // Ctrl+H: no field or menu uses it, and "History" is what browsers put there.
    QAction* history = view->addAction(tr("&History"), this, &MainWindow::showHistory);
    history->setObjectName("historyAction");
    history->setShortcut(QKeySequence(tr("Ctrl+H")));
    QAction* next = view->addAction(tr("&Next tab"), this, [this] { switchTab(1); });
    next->setObjectName("nextTabAction");
    next->setShortcuts({QKeySequence(tr("Ctrl+PgDown")), QKeySequence(tr("Ctrl+Tab"))});
    QAction* previous = view->addAction(tr("&Previous tab"), this, [this] { switchTab(-1); });
    previous->setObjectName("previousTabAction");
    previous->setShortcuts({QKeySequence(tr("Ctrl+PgUp")), QKeySequence(tr("Ctrl+Shift+Tab"))});
}

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("He&lp"));
    help->setObjectName("helpMenu");
    QAction* keys = help->addAction(tr("&Keyboard shortcuts…"), this, &MainWindow::showShortcuts);
    keys->setObjectName("shortcutsAction");
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    QAction* about = help->addAction(tr("&About Salvo"), this, &MainWindow::showAbout);
    about->setObjectName("aboutAction");
    about->setMenuRole(QAction::AboutRole);
}

// Menu actions follow the button: what it would do is what the menu offers.
void MainWindow::updateActions() {
    if (!submitAction_) return;  // before the menus exist
    const bool running = controller_->isRunning();
    submitAction_->setEnabled(!running && button_->isEnabled());
    cancelAction_->setEnabled(running && !controller_->isCancelling());
    applyRateAction_->setEnabled(running && controller_->result().open());
    exportAction_->setEnabled(export_->isEnabled());
}

void MainWindow::switchTab(int step) {
    const int n = tabs_->count();
    tabs_->setCurrentIndex((tabs_->currentIndex() + step + n) % n);
    if (!tabs_->isAncestorOf(QApplication::focusWidget())) return;
    tabs_->tabBar()->setFocus(
        Qt::TabFocusReason);  // keep the focus on the tab bar, not a hidden page
}

// Quit during a run asks first, then about unsaved plan edits; closing cancels the run and waits
// for its threads. A Cancel to either question keeps the window, and the run, going.
void MainWindow::quitAsking() {
    if (controller_->isRunning()) {
        QMessageBox box(QMessageBox::Question, tr("Quit Salvo"),
                        tr("A run is going. Cancel it and quit?"),
                        QMessageBox::Yes | QMessageBox::No, this);
        box.setObjectName("quitConfirmation");
        box.button(QMessageBox::Yes)->setText(tr("Cancel the run and quit"));
        box.button(QMessageBox::No)->setText(tr("Keep running"));
        box.setDefaultButton(QMessageBox::No);
        if (box.exec() != QMessageBox::Yes) return;
    }
    if (!settleUnsavedPlan()) return;
    closeSettled_ = true;  // closeEvent need not ask again
    close();               // closeEvent cancels the run and joins
    closeSettled_ = false;
}

QList<std::pair<QString, QString>> MainWindow::shortcutList() const {
    QList<std::pair<QString, QString>> rows;
    for (QAction* menu : menuBar()->actions())
        for (QAction* action : menu->menu()->actions()) {
            if (action->shortcuts().isEmpty()) continue;
            QStringList keys;
            for (const QKeySequence& key : action->shortcuts())
                keys << key.toString(QKeySequence::NativeText);
            rows.append({keys.join(tr(" or ")), action->text().remove('&').remove(QChar(0x2026))});
        }
    // Keys that are not menu items: fields' Alt letters and the focus keys.
    rows.append({tr("Ctrl+L"), tr("Go to the URL")});
    rows.append({tr("Alt+R"), tr("Request count (choose Requests)")});
    rows.append({tr("Alt+D"), tr("Duration (choose Duration)")});
    rows.append({tr("Alt+Q"), tr("Rate; during a rate run, type a new rate and press Enter")});
    rows.append({tr("Enter"), tr("Submit; during a run, in the rate field: apply the rate")});
    rows.append({tr("Alt+Y"), tr("Apply the rate typed during a rate run")});
    rows.append({tr("Alt+U / Alt+O / Alt+A"), tr("URL / connections / Advanced options")});
    rows.append({tr("Alt+letter"), tr("The field whose label has that letter underlined")});
    rows.append({tr("Insert / Delete"), tr("In the headers or stages table: add a row, remove the current one")});
    rows.append({tr("Alt+X"), tr("Export (the button)")});
    rows.append({tr("Enter / Delete / F2"),
                 tr("In History: open the current run, delete the selected ones, edit the label")});
    rows.append({tr("F10"), tr("Open the menu bar")});
    return rows;
}

void MainWindow::showShortcuts() {
    auto* dialog = new ShortcutsDialog(shortcutList(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showAbout() {
    const QString version = QApplication::applicationVersion();
    QMessageBox::about(
        this, tr("About Salvo"),
        tr("<h3>Salvo %1</h3><p>A desktop HTTP load tester: a request count, a duration or a "
           "rate against one URL, with latency corrected for coordinated omission and a verdict "
           "on the generator's own limits.</p><p>Qt %2</p>")
            .arg(version.isEmpty() ? tr("(development build)") : version.toHtmlEscaped(),
                 QString::fromLatin1(qVersion())));
}

}  // namespace salvo::ui
