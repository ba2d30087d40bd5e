#include <QAbstractItemView>
#include <QAccessible>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <functional>

#include <qcustomplot.h>

#include "Colors.hpp"
#include "OutcomeLabel.hpp"
#include "RunText.hpp"
#include "VerdictBanner.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/Locale.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::ui::MainWindow;
using namespace driver;
namespace colors = salvo::ui::colors;

namespace {

QColor textColour(QWidget* widget) {
    return widget->palette().color(QPalette::WindowText);
}
QColor windowColour(QWidget* widget) {
    return widget->palette().color(QPalette::Window);
}

// Parts Qt builds inside a composite widget (a spin box's line edit, a combo box's list, a tab
// bar's scroll arrows, a table's corner button, a menu bar's overflow button, a line edit's
// clear button): the composite
// carries the name.
bool isInternalPart(const QWidget* widget) {
    if (qobject_cast<const QHeaderView*>(widget)) return true;
    for (const QObject* up = widget->parent(); up; up = up->parent())
        if (qobject_cast<const QAbstractSpinBox*>(up) || qobject_cast<const QComboBox*>(up) ||
            qobject_cast<const QTabBar*>(up) || qobject_cast<const QAbstractItemView*>(up) ||
            qobject_cast<const QMenuBar*>(up) || qobject_cast<const QLineEdit*>(up))
            return true;
    return false;
}

bool needsAName(const QWidget* widget) {
    return qobject_cast<const QLineEdit*>(widget) || qobject_cast<const QComboBox*>(widget) ||
           qobject_cast<const QAbstractButton*>(widget) ||
           qobject_cast<const QPlainTextEdit*>(widget) ||
           qobject_cast<const QAbstractItemView*>(widget) ||
           qobject_cast<const QCustomPlot*>(widget) || qobject_cast<const QProgressBar*>(widget) ||
           qobject_cast<const QTabWidget*>(widget) ||
           (qobject_cast<const QLabel*>(widget) && widget->objectName().endsWith("Figure"));
}

// What a screen reader would say is missing, one line per widget.
QStringList unnamedWidgets(QWidget& root) {
    QStringList missing;
    for (QWidget* widget : root.findChildren<QWidget*>()) {
        if (!needsAName(widget) || isInternalPart(widget)) continue;
        QAccessibleInterface* face = QAccessible::queryAccessibleInterface(widget);
        const QString name = face ? face->text(QAccessible::Name).trimmed() : QString();
        const QString description =
            face ? face->text(QAccessible::Description).trimmed() : QString();
        if (name.isEmpty() || description.isEmpty())
            missing << QStringLiteral("%1 \"%2\" (%3)%4%5")
                           .arg(QString::fromLatin1(widget->metaObject()->className()),
                                widget->objectName(),
                                widget->parentWidget()
                                    ? QString::fromLatin1(
                                          widget->parentWidget()->metaObject()->className())
                                    : QString(),
                                name.isEmpty() ? QStringLiteral(" no name") : QString(),
                                description.isEmpty() ? QStringLiteral(" no description")
                                                      : QString());
    }
    return missing;
}

}  // namespace

// The window as a whole: its menus and keys, quitting during a run, the outcome line, the
// theme, export, its size on small screens and what assistive technology is told.
class WindowShellTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-shell-test");
        salvo::ui::installLocale();  // as main() does: "1,000" even in the C locale
    }

    void init() { QSettings().clear(); }  // each test starts from an empty form, System theme

    void menusOfferEveryCommandWithItsKeys() {
        MainWindow w;
        for (const char* menu : {"fileMenu", "runMenu", "viewMenu", "helpMenu", "themeMenu"})
            QVERIFY2(w.findChild<QMenu*>(menu), menu);
        const std::pair<const char*, QKeySequence> keys[] = {
            {"newPlanAction", QKeySequence("Ctrl+N")},
            {"openPlanAction", QKeySequence("Ctrl+O")},
            {"savePlanAction", QKeySequence("Ctrl+S")},
            {"savePlanAsAction", QKeySequence("Ctrl+Shift+S")},
            {"exportAction", QKeySequence("Ctrl+E")},
            {"quitAction", QKeySequence("Ctrl+Q")},
            {"submitAction", QKeySequence("Ctrl+Return")},
            {"cancelAction", QKeySequence(Qt::Key_Escape)},
            {"nextTabAction", QKeySequence("Ctrl+PgDown")},
            {"shortcutsAction", QKeySequence(Qt::Key_F1)},
        };
        for (const auto& [name, key] : keys) QCOMPARE(action(w, name)->shortcut(), key);
        QVERIFY(action(w, "applyRateAction"));
        QVERIFY(action(w, "aboutAction"));
        // Ctrl+S saves the plan, nothing else (Export moved to Ctrl+E for it).
        for (QAction* a : w.findChildren<QAction*>())
            if (a->objectName() != "savePlanAction")
                QVERIFY2(!a->shortcuts().contains(QKeySequence("Ctrl+S")), qPrintable(a->text()));
        QVERIFY(w.findChild<QMenu*>("recentPlansMenu"));
        // System, Light, Dark: one of them at a time.
        auto* system = action(w, "systemThemeAction");
        QVERIFY(system->actionGroup() && system->actionGroup()->isExclusive());
        QCOMPARE(system->actionGroup()->actions().size(), 3);
        QVERIFY(system->isChecked());
        // No export before a run; no cancel or rate change without one.
        QVERIFY(!action(w, "exportAction")->isEnabled());
        QVERIFY(!action(w, "cancelAction")->isEnabled());
        QVERIFY(!action(w, "applyRateAction")->isEnabled());
    }

    // The dialog lists every key of every menu item, and the keys that are not menu items.
    void theShortcutsDialogListsEveryShortcut() {
        MainWindow w;
        showActive(w);
        action(w, "shortcutsAction")->trigger();
        auto* table = w.findChild<QTableWidget*>("shortcutsTable");  // the dialog is the window's
        QVERIFY(table);
        QStringList listed;
        for (int row = 0; row < table->rowCount(); ++row) listed << table->item(row, 0)->text();
        const QString all = listed.join('\n');
        for (QAction* a : w.findChildren<QAction*>())
            for (const QKeySequence& key : a->shortcuts())
                QVERIFY2(all.contains(key.toString(QKeySequence::NativeText)),
                         qPrintable(key.toString()));
        for (const char* key : {"Ctrl+L", "Alt+R", "Alt+D", "Alt+Q", "Alt+Y", "Enter", "Esc", "Insert / Delete"})
            QVERIFY2(all.contains(key), key);
        QVERIFY(unnamedWidgets(*table->window()).isEmpty());
        table->window()->close();
    }

    // Ctrl+Return submits from any field, Esc cancels, Ctrl+PgDown and Ctrl+Tab move between
    // the result tabs, whose bar takes the keyboard focus.
    void runKeysAndTabKeysWork() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::keyClick(edit(w, Field::connections), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(w.controller().isRunning());
        QVERIFY(action(w, "cancelAction")->isEnabled());
        QVERIFY(!action(w, "submitAction")->isEnabled());
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 3000);
        QCOMPARE(w.controller().result().outcome, salvo::Outcome::cancelled);

        auto* tabs = find<QTabWidget>(w, "resultTabs");
        QVERIFY(tabs->tabBar()->focusPolicy() & Qt::TabFocus);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(&w, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        QTest::keyClick(&w, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        QTest::keyClick(&w, Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);
    }

    // Ctrl+Q during a run asks; No keeps the run going, Yes cancels it, joins and closes.
    void quittingDuringARunAsksFirst() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QString asked;
        whenModal<QMessageBox>([&asked](QMessageBox* box) {
            asked = box->text();
            box->button(QMessageBox::No)->click();
        });
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!asked.isEmpty());
        QVERIFY(asked.contains("run"));
        QVERIFY(w.controller().isRunning());
        QVERIFY(w.isVisible());

        whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
        showActive(w);  // the question took the focus; give it back as the person would
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!w.isVisible());
        QVERIFY(!w.controller().isRunning());  // cancelled and joined before the window closed
        QCOMPARE(w.controller().result().outcome, salvo::Outcome::cancelled);
    }

    void quittingWithoutARunClosesAtOnce() {
        MainWindow w;
        showActive(w);
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(!w.isVisible());
    }

    // Every request answered 500: the line says Failed, how many and why, in the bad colour.
    void aRunWhereEveryRequestFailsReadsFailed() {
        LocalTarget server;
        MainWindow w;
        submitAndWait(w, server.url("/status/500"), "20", "2");
        auto* status = find<salvo::ui::OutcomeLabel>(w, "statusLabel");
        QVERIFY2(status->text().startsWith("Failed: all 20 requests failed"),
                 qPrintable(status->text()));
        QVERIFY(status->text().contains("20 × status 500"));
        QCOMPARE(status->tone(), salvo::ui::OutcomeLabel::Tone::bad);
        QCOMPARE(status->accessibleDescription(), status->text());  // what a screen reader reads
        QVERIFY(!status->accessibleName().isEmpty());
    }

    // The outcome names the main failure kinds, with thousands separators in any locale.
    void theOutcomeNamesTheFailureKinds() {
        salvo::RunResult r;
        r.outcome = salvo::Outcome::finished;
        r.elapsedSeconds = 2;
        r.total.succeeded = 980;
        r.total.failed = 20;
        r.total.errors[static_cast<std::size_t>(salvo::ErrorKind::timeout)] = 20;
        QCOMPARE(salvo::ui::RunText::outcome(r),
                 QString("Finished: 1,000 requests in 2.00 s; 20 failed: timeout."));
        r.total.failed = 1520;
        r.total.errors[static_cast<std::size_t>(salvo::ErrorKind::connect)] = 1500;
        r.total.errorMessages[{"connect", "Connection refused"}] = 1500;
        QCOMPARE(salvo::ui::RunText::failureKinds(r.total),
                 QString("1,500 × connect (Connection refused), 20 × timeout"));
        r.total.succeeded = 0;
        QVERIFY(salvo::ui::RunText::outcome(r).startsWith("Failed: all 1,520 requests failed — "));
        QVERIFY(salvo::ui::RunText::outcomeIsBad(r));
    }

    // An HTTP/2 run says what it spoke, and retries and GOAWAYs in HTTP/2's words; an
    // --http2=auto run that fell back says where.
    void theOutcomeSaysTheProtocol() {
        salvo::RunResult r;
        r.outcome = salvo::Outcome::finished;
        r.elapsedSeconds = 2;
        r.total.succeeded = 3000;
        r.protocol = "h2c";
        r.streams = 10;
        r.total.retried = 12;
        r.total.goaways = 3;
        QCOMPARE(salvo::ui::RunText::outcome(r),
                 QString("Finished: 3,000 requests in 2.00 s; none failed. Spoke HTTP/2 over plain TCP (h2c) with 10 "
                         "streams per connection. 12 sent again: refused unprocessed by the server, or lost with a "
                         "connection. 3 connections ended by the server's GOAWAY."));
        r = {};
        r.outcome = salvo::Outcome::finished;
        r.elapsedSeconds = 1;
        r.total.succeeded = 30;
        r.protocolNote = "--http2=auto: the server chose HTTP/1.1 on 3 of 3 connections";
        QCOMPARE(salvo::ui::RunText::outcome(r),
                 QString("Finished: 30 requests in 1.00 s; none failed. --http2=auto: the server chose HTTP/1.1 on 3 "
                         "of 3 connections."));
    }

    // Light and Dark change the application palette; the outcome's colour follows, legible on
    // each, and so does the verdict's box. The choice is remembered; System goes back.
    void theThemeRecoloursTheStatusColours() {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "5", "1");
        auto* status = find<salvo::ui::OutcomeLabel>(w, "statusLabel");
        auto* verdict = w.findChild<salvo::ui::VerdictBanner*>();
        QVERIFY(verdict);
        QCOMPARE(status->tone(), salvo::ui::OutcomeLabel::Tone::good);

        action(w, "lightThemeAction")->trigger();
        QApplication::processEvents();  // widgets hear of the new palette from the event loop
        QVERIFY(!colors::isDark(QApplication::palette()));
        const QColor light = textColour(status);
        const QColor lightEdge = verdict->edge();
        QCOMPARE(light, colors::good(QApplication::palette()));
        QVERIFY(colors::contrast(light, windowColour(status)) >= 4.5);

        action(w, "darkThemeAction")->trigger();
        QApplication::processEvents();
        QVERIFY(colors::isDark(QApplication::palette()));
        QVERIFY(colors::isDark(w.palette()));
        const QColor dark = textColour(status);
        QVERIFY(dark != light);
        QCOMPARE(dark, colors::good(QApplication::palette()));
        QVERIFY(colors::contrast(dark, windowColour(status)) >= 4.5);
        QVERIFY(verdict->edge() != lightEdge);
        QVERIFY(colors::contrast(textColour(verdict), verdict->fill()) >= 4.5);
        QCOMPARE(QSettings().value("view/theme").toString(), QString("dark"));
        {
            MainWindow again;  // remembered
            QVERIFY(action(again, "darkThemeAction")->isChecked());
        }
        action(w, "systemThemeAction")->trigger();
        QApplication::processEvents();
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
        QCOMPARE(textColour(status), colors::good(QApplication::palette()));
    }

    // Every label's text reads at 4.5:1 on its background, in Light and in Dark.
    void labelsReadAtAAContrastInBothThemes() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        find<QToolButton>(w, "advancedToggle")->setChecked(true);
        fillDurationRun(w, server.url(), "1s", "20");
        QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QStringList faint;
        for (const char* theme : {"lightThemeAction", "darkThemeAction"}) {
            action(w, theme)->trigger();
            QApplication::processEvents();
            for (QLabel* label : w.findChildren<QLabel*>()) {
                if (!label->isVisible() || label->text().isEmpty() || !label->pixmap().isNull())
                    continue;
                const double ratio = colors::contrast(textColour(label), windowColour(label));
                if (ratio < 4.5)
                    faint << QStringLiteral("%1 %2 \"%3\" %4:1")
                                 .arg(theme, label->objectName(), label->text().left(30))
                                 .arg(ratio, 0, 'f', 2);
            }
        }
        action(w, "systemThemeAction")->trigger();
        QVERIFY2(faint.isEmpty(), qPrintable(faint.join("\n")));
    }

    // Export opens where the last one went; its message goes to the status bar, and the run's
    // outcome keeps its words and colour.
    void exportRemembersItsFolderAndLeavesTheOutcomeAlone() {
        LocalTarget server;
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "5", "1");
        auto* status = find<QLabel>(w, "statusLabel");
        const QString outcome = status->text();
        const QColor colour = textColour(status);
        const QString path = folder.filePath("salvo-report.json");  // the name offered
        bool asked = false;
        whenModal<QFileDialog>([&folder, &asked](QFileDialog* dialog) {
            asked = true;
            dialog->setDirectory(folder.path());
            static_cast<QDialog*>(dialog)->accept();  // as the Save button does
        });
        showActive(w);
        // From a field too: on X11 a line edit would take Ctrl+E as "end of line".
        edit(w, Field::url)->setFocus();
        QTest::keyClick(edit(w, Field::url), Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(asked);
        QTRY_VERIFY2(QFile::exists(path), qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(status->text(), outcome);
        QCOMPARE(textColour(status), colour);
        QVERIFY(w.statusBar()->currentMessage().contains(QDir::toNativeSeparators(path)));

        QString opened;
        whenModal<QFileDialog>([&opened](QFileDialog* dialog) {
            opened = dialog->directory().absolutePath();
            dialog->reject();
        });
        action(w, "exportAction")->trigger();
        QCOMPARE(opened, QDir(folder.path()).absolutePath());
        QCOMPARE(status->text(), outcome);
        // The message was about that result: the next run clears it.
        submitAndWait(w, server.url(), "2", "1");
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
    }

    // At 1366x768 with everything open nothing forces the window wider or taller, the content
    // needs no sideways scrolling, and a run with big numbers does not grow it.
    void theWindowFitsASmallScreenWithEverythingOpen() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        const QRect free = w.screen()->availableGeometry();
        QVERIFY2(free.contains(w.geometry()), "opens inside the screen's free area");
        find<QToolButton>(w, "advancedToggle")->setChecked(true);
        fillDurationRun(w, server.url(), "1s", "20");
        QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        w.findChild<salvo::ui::VerdictBanner*>()->setVerdict(
            salvo::ui::RunText::verdict(w.controller().result()) +
            QString("<b>Connection-limited</b> (connection_limited): requests waited because every "
                    "allowed connection was busy. ")
                .repeated(3));
        find<QTabWidget>(w, "resultTabs")->setCurrentIndex(1);
        const QSize screen(1366, 768 - 40);  // less a title bar
        w.resize(screen);
        QApplication::processEvents();
        QCOMPARE(w.size(), screen);
        auto* scroll = find<QScrollArea>(w, "centralScroll");
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
                 qPrintable(QString::number(scroll->widget()->minimumSizeHint().width())));

        salvo::RunResult big = w.controller().result();
        big.total.succeeded = 98'765'432'109ull;
        big.total.failed = 1'234'567'890ull;
        big.elapsedSeconds = 86'399.9;
        big.connectionsNow = 1'000'000;
        w.findChild<salvo::ui::LiveStats*>()->show(big);
        QApplication::processEvents();
        QCOMPARE(w.size(), screen);
        QVERIFY(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width());

        // At 2x scaling the same screen is 683 x 384 device-independent pixels: the window
        // still fits it, and no tab needs sideways scrolling (it scrolls down instead).
        const QSize half(683, 384 - 20);
        w.resize(half);
        QApplication::processEvents();
        QCOMPARE(w.size(), half);
        for (int tab = 0; tab < 3; ++tab) {
            find<QTabWidget>(w, "resultTabs")->setCurrentIndex(tab);
            QApplication::processEvents();
            QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
                     qPrintable(QString("tab %1: %2 > %3").arg(tab).arg(scroll->widget()->minimumSizeHint().width())
                                    .arg(scroll->viewport()->width())));
        }
    }

    // Every input, figure, chart, table and control is named and described for screen readers.
    void everyInputAndFigureHasAnAccessibleName() {
        MainWindow w;
        showActive(w);
        find<QToolButton>(w, "advancedToggle")->setChecked(true);
        const QStringList missing = unnamedWidgets(w);
        QVERIFY2(missing.isEmpty(), qPrintable("\n" + missing.join("\n")));
    }
};

QTEST_MAIN(WindowShellTest)
#include "WindowShellTest.moc"
