#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <sstream>

#include "Colors.hpp"
#include "ThresholdBadges.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Plan.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::RunInput;
using salvo::ThresholdInput;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

// A plan with something in every part: headers with a secret named, not held, a body, a
// threshold that aborts and one that does not.
std::string checkoutPlan(const std::string& url) {
    return "name = \"Checkout\"\n"
           "description = \"The checkout path\"\n"
           "\n[request]\n"
           "url = \"" + url + "\"\n"
           "method = \"POST\"\n"
           "headers = [\"Authorization: Bearer ${SALVO_TEST_UNSET_TOKEN}\", \"X-Trace: plan-4711\"]\n"
           "body = \"{\\\"items\\\": 2}\"\n"
           "timeout = 5\n"
           "\n[load]\n"
           "requests = 40\n"
           "connections = 4\n"
           "\n[thresholds]\n"
           "require = [\"p(99)<250ms\", { threshold = \"error_rate<1%\", abort_on_fail = true, "
           "delay_abort_eval = \"10s\" }]\n";
}

std::string thresholdPlan(const std::string& url, const std::string& requests,
                          const std::string& thresholds) {
    return "[request]\nurl = \"" + url + "\"\n[load]\nrequests = " + requests +
           "\nconnections = 2\n[thresholds]\nrequire = [" + thresholds + "]\n";
}

// Every field of the input, side by side, so a difference names itself.
QStringList fields(const RunInput& in) {
    QStringList out{QString::fromStdString(in.url), QString::fromStdString(in.count),
                    QString::fromStdString(in.connections), QString::fromStdString(in.timeoutSeconds),
                    QString::fromStdString(in.threads), QString::fromStdString(in.method),
                    QString::fromStdString(in.body), QString::fromStdString(in.caFile),
                    QString::number(in.insecure), QString::fromStdString(in.maxHeaderSize),
                    QString::fromStdString(in.duration), QString::fromStdString(in.rate),
                    QString::fromStdString(in.startRate), QString::fromStdString(in.maxConnections),
                    QString::fromStdString(in.warmup), QString::fromStdString(in.grace),
                    QString::fromStdString(in.arrival), QString::fromStdString(in.seed),
                    QString::fromStdString(in.baseDir)};
    for (const auto& h : in.headers) out << "header " + QString::fromStdString(h);
    for (const auto& s : in.stages) out << "stage " + QString::fromStdString(s);
    for (const ThresholdInput& t : in.thresholds)
        out << QStringLiteral("threshold %1 abort=%2 after=%3")
                   .arg(QString::fromStdString(t.expression))
                   .arg(t.abortOnFail)
                   .arg(QString::fromStdString(t.abortDelay));
    return out;
}

// What the form shows, read from its widgets.
QStringList shown(MainWindow& w) {
    QStringList out;
    for (Field f : {Field::url, Field::count, Field::connections, Field::timeout})
        out << edit(w, f)->text();
    out << find<QComboBox>(w, "methodEdit")->currentText()
        << find<QPlainTextEdit>(w, "bodyEdit")->toPlainText();
    for (const char* table : {"headersEdit", "thresholdsEdit"}) {
        auto* t = find<QTableWidget>(w, table);
        for (int row = 0; row < t->rowCount(); ++row)
            for (int column = 0; column < t->columnCount(); ++column)
                out << (t->item(row, column) ? t->item(row, column)->text() + "/" +
                                                   QString::number(t->item(row, column)->checkState())
                                             : QString());
    }
    return out;
}

QList<QLabel*> badges(MainWindow& w) {
    return find<QWidget>(w, "thresholdBadges")->findChildren<QLabel*>("thresholdBadge");
}

}  // namespace

// Test plans in the window (File > New, Open, Save, Save as, Recent; the title and the unsaved
// question) and the live threshold badges.
class PlanWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-plan-test");
        qunsetenv("SALVO_TEST_UNSET_TOKEN");
    }

    void init() { QSettings().clear(); }

    // File > Open plan (its file chosen beforehand) fills the form; the title names the plan;
    // what validate() says (an unset variable) stands beside its field and, placed in the file,
    // in the status line.
    void openingAPlanFillsTheFormAndNamesTheWindow() {
        QTemporaryDir dir;
        const QString path = write(dir, "checkout.toml", checkoutPlan("http://127.0.0.1:9/cart"));
        MainWindow w;
        QCOMPARE(w.windowTitle(), QString("Untitled[*] – Salvo"));
        w.setPlanFileChooser([path](bool forSaving) { return forSaving ? QString() : path; });
        action(w, "openPlanAction")->trigger();
        QCOMPARE(edit(w, Field::url)->text(), QString("http://127.0.0.1:9/cart"));
        QCOMPARE(edit(w, Field::count)->text(), QString("40"));
        QCOMPARE(edit(w, Field::connections)->text(), QString("4"));
        QCOMPARE(edit(w, Field::timeout)->text(), QString("5"));
        QCOMPARE(find<QComboBox>(w, "methodEdit")->currentText(), QString("POST"));
        QCOMPARE(find<QPlainTextEdit>(w, "bodyEdit")->toPlainText(), QString("{\"items\": 2}"));
        auto* thresholds = find<QTableWidget>(w, "thresholdsEdit");
        QCOMPARE(thresholds->rowCount(), 2);
        QCOMPARE(thresholds->item(0, 0)->text(), QString("p(99)<250ms"));
        QCOMPARE(thresholds->item(0, 1)->checkState(), Qt::Unchecked);
        QCOMPARE(thresholds->item(1, 0)->text(), QString("error_rate<1%"));
        QCOMPARE(thresholds->item(1, 1)->checkState(), Qt::Checked);
        QCOMPARE(thresholds->item(1, 2)->text(), QString("10s"));
        QCOMPARE(w.windowTitle(), QString("Checkout[*] – Salvo"));
        QVERIFY(!w.isWindowModified());
        QVERIFY(error(w, Field::headers)->text().contains("SALVO_TEST_UNSET_TOKEN"));
        const QString status = w.statusBar()->currentMessage();
        QVERIFY2(status.contains(path + ":7:"), qPrintable(status));  // the headers' line
        QVERIFY(status.contains("request.headers"));
    }

    // An edit marks the title; undoing it clears the mark; Save writes the form back, and the
    // file reads back as the same input, thresholds and the folder included. The name and
    // description the form does not show are carried through.
    void editingMarksThePlanAndSaveWritesItBack() {
        QTemporaryDir dir;
        const QString path = write(dir, "checkout.toml", checkoutPlan("http://127.0.0.1:9/cart"));
        MainWindow w;
        QVERIFY(w.openPlan(path));
        retype(edit(w, Field::count), "41");
        QVERIFY(w.isWindowModified());
        retype(edit(w, Field::count), "40");
        QVERIFY(!w.isWindowModified());
        retype(edit(w, Field::count), "75");
        auto* thresholds = find<QTableWidget>(w, "thresholdsEdit");
        thresholds->item(0, 1)->setCheckState(Qt::Checked);
        thresholds->item(0, 2)->setText("2s");
        QVERIFY(w.isWindowModified());
        action(w, "savePlanAction")->trigger();
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.windowTitle(), QString("Checkout[*] – Salvo"));

        const salvo::PlanRead read = salvo::readPlanFile(path.toStdString());
        QVERIFY(read.ok());
        QCOMPARE(read.plan.name, std::string("Checkout"));
        QCOMPARE(read.plan.description, std::string("The checkout path"));
        QCOMPARE(read.plan.input.count, std::string("75"));
        QCOMPARE(read.plan.input.thresholds.at(0), (ThresholdInput{"p(99)<250ms", true, "2s"}));
        QCOMPARE(read.plan.input.headers.at(0), std::string("Authorization: Bearer ${SALVO_TEST_UNSET_TOKEN}"));
        // The file holds what the form holds, field for field; reopened, the form shows it.
        QCOMPARE(fields(read.plan.input), fields(form(w).input()));
        MainWindow again;
        QVERIFY(again.openPlan(path));
        QCOMPARE(shown(again), shown(w));
    }

    // Save as of an untitled form asks for a file and names the plan after it; the saved
    // input reads back field for field, the plan's folder as its base.
    void saveAsOfANewPlanNamesItAfterItsFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("smoke.toml");
        MainWindow w;
        w.setPlanFileChooser([path](bool forSaving) { return forSaving ? path : QString(); });
        fill(w, "http://127.0.0.1:9/", "12", "3");
        find<QToolButton>(w, "thresholdsAddButton")->click();
        auto* thresholds = find<QTableWidget>(w, "thresholdsEdit");
        thresholds->item(0, 0)->setText("rps>=5");
        QVERIFY(!w.isWindowModified());  // an untitled form is never "unsaved": settings keep it
        action(w, "savePlanAction")->trigger();  // the first Save asks for a name
        QCOMPARE(w.windowTitle(), QString("smoke[*] – Salvo"));
        const salvo::PlanRead read = salvo::readPlanFile(path.toStdString());
        QVERIFY(read.ok());
        QCOMPARE(read.plan.name, std::string("smoke"));
        QCOMPARE(fields(read.plan.input), fields(form(w).input()));
        QCOMPARE(read.plan.input.thresholds, (std::vector<ThresholdInput>{{"rps>=5", false, ""}}));
        QCOMPARE(QString::fromStdString(read.plan.input.baseDir), QDir(dir.path()).absolutePath());
    }

    // A draft with problems is saved all the same, and the status bar says what is left to fix.
    void savingAPlanWithProblemsSaysWhatIsLeft() {
        QTemporaryDir dir;
        const QString path = dir.filePath("draft.toml");
        MainWindow w;
        fill(w, "http://127.0.0.1:9/", "12", "3");
        retype(edit(w, Field::timeout), "soon");
        retype(edit(w, Field::expectStatus), "abc");
        QVERIFY(w.savePlan(path));
        QVERIFY(QFileInfo::exists(path));
        const QString said = w.statusBar()->currentMessage();
        QVERIFY2(said.startsWith("Saved plan draft to ") &&
                     said.endsWith(" — 2 problems (Timeout (s), Expected statuses) to fix before it can run."),
                 qPrintable(said));
        retype(edit(w, Field::timeout), "5");
        retype(edit(w, Field::expectStatus), "2xx");
        QVERIFY(w.savePlan(path));
        QVERIFY2(!w.statusBar()->currentMessage().contains("problem"),
                 qPrintable(w.statusBar()->currentMessage()));
    }

    // A plan that cannot be read: a box lists every problem as file:line:col: key: message, and
    // the form and the title stay exactly as they were.
    void aBadPlanIsRefusedWithEveryProblemAndTheFormKept() {
        QTemporaryDir dir;
        const QString good = write(dir, "good.toml", checkoutPlan("http://127.0.0.1:9/cart"));
        const QString bad = write(dir, "bad.toml",
                                  "[request]\nurl = \"http://127.0.0.1:9/\"\ntimeout = true\n"
                                  "[load]\nrequests = 10\nbogus = 1\n");
        MainWindow w;
        QVERIFY(w.openPlan(good));
        retype(edit(w, Field::count), "41");  // unsaved, yet nothing is asked: nothing changes
        const QStringList before = shown(w);
        QString text;
        whenModal<QMessageBox>([&text](QMessageBox* box) {
            text = box->objectName() + "\n" + box->text() + "\n" + box->informativeText();
            box->button(QMessageBox::Ok)->click();
        });
        QVERIFY(!w.openPlan(bad));
        QVERIFY(text.startsWith("planError\n"));
        const salvo::PlanRead read = salvo::readPlanFile(bad.toStdString());
        QCOMPARE(read.errors.size(), std::size_t(2));
        for (const salvo::PlanProblem& p : read.errors)
            QVERIFY2(text.contains(QString::fromStdString(p.text())), qPrintable(text));
        QVERIFY(text.contains(bad + ":3:11: request.timeout"));
        QCOMPARE(shown(w), before);
        QCOMPARE(w.windowTitle(), QString("Checkout[*] – Salvo"));
        QVERIFY(w.isWindowModified());

        const QString broken = write(dir, "broken.toml", "[request\nurl = 1\n");
        whenModal<QMessageBox>([&text](QMessageBox* box) {
            text = box->informativeText();
            box->button(QMessageBox::Ok)->click();
        });
        QVERIFY(!w.openPlan(broken));
        QVERIFY2(text.startsWith(broken + ":1:"), qPrintable(text));  // a syntax error, placed
        QCOMPARE(shown(w), before);
    }

    // The form runs a count or a duration: a plan with both says which one it keeps.
    void aPlanWithACountAndADurationSaysWhichTheFormKeeps() {
        QTemporaryDir dir;
        const QString path = write(dir, "both.toml",
                                   "[request]\nurl = \"http://127.0.0.1:9/\"\n"
                                   "[load]\nrequests = 10\nduration = \"5s\"\n");
        MainWindow w;
        QVERIFY(w.openPlan(path));
        QCOMPARE(edit(w, Field::count)->text(), QString("10"));
        QVERIFY(w.statusBar()->currentMessage().contains("runs the count (10) and saves only that"));
    }

    // New with unsaved edits asks: Cancel keeps everything, Discard resets the form.
    void newWithUnsavedEditsAsksFirst() {
        QTemporaryDir dir;
        const QString path = write(dir, "checkout.toml", checkoutPlan("http://127.0.0.1:9/cart"));
        MainWindow w;
        QVERIFY(w.openPlan(path));
        QVERIFY(w.newPlan());  // nothing edited: nothing asked
        QCOMPARE(edit(w, Field::url)->text(), QString());
        QCOMPARE(w.windowTitle(), QString("Untitled[*] – Salvo"));
        QVERIFY(w.openPlan(path));
        retype(edit(w, Field::count), "41");
        const QStringList edited = shown(w);
        QString asked;
        QStringList buttons;
        whenModal<QMessageBox>([&asked, &buttons](QMessageBox* box) {
            asked = box->objectName() + ": " + box->text();
            for (auto b : {QMessageBox::Save, QMessageBox::Discard, QMessageBox::Cancel})
                buttons << box->button(b)->text();
            box->button(QMessageBox::Cancel)->click();
        });
        action(w, "newPlanAction")->trigger();
        QCOMPARE(asked, QString("unsavedPlanQuestion: Save changes to plan Checkout?"));
        QCOMPARE(buttons, (QStringList{"&Save", "&Discard", "Cancel"}));  // Alt+S, Alt+D; Esc
        QCOMPARE(shown(w), edited);
        QVERIFY(w.isWindowModified());

        whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Discard)->click(); });
        QVERIFY(w.newPlan());
        QCOMPARE(edit(w, Field::url)->text(), QString());
        QCOMPARE(edit(w, Field::count)->text(), QString());
        QCOMPARE(find<QTableWidget>(w, "thresholdsEdit")->rowCount(), 0);
        QVERIFY(!w.isWindowModified());
        QCOMPARE(salvo::readPlanFile(path.toStdString()).plan.input.count, std::string("40"));

        // Save answers by writing the edits first.
        QVERIFY(w.openPlan(path));
        retype(edit(w, Field::count), "42");
        whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Save)->click(); });
        QVERIFY(w.newPlan());
        QCOMPARE(salvo::readPlanFile(path.toStdString()).plan.input.count, std::string("42"));
    }

    // Closing the window with unsaved edits asks too; Cancel keeps it open.
    void closingWithUnsavedEditsAsks() {
        QTemporaryDir dir;
        const QString path = write(dir, "checkout.toml", checkoutPlan("http://127.0.0.1:9/cart"));
        MainWindow w;
        showActive(w);
        QVERIFY(w.openPlan(path));
        retype(edit(w, Field::count), "41");
        whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Cancel)->click(); });
        QVERIFY(!w.close());
        QVERIFY(w.isVisible());
        whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Discard)->click(); });
        action(w, "quitAction")->trigger();
        QVERIFY(!w.isVisible());
        QCOMPARE(salvo::readPlanFile(path.toStdString()).plan.input.count, std::string("40"));
    }

    // Recent plans: newest first, at most 8, files gone dropped, Clear empties; the settings
    // hold the paths and nothing the plans say (header values, bodies).
    void recentPlansGrowAndDropMissingFiles() {
        QTemporaryDir dir;
        MainWindow w;
        QStringList opened;
        for (int i = 0; i < 9; ++i) {
            const QString path = write(dir, QString("plan%1.toml").arg(i), checkoutPlan("http://127.0.0.1:9/"));
            QVERIFY(w.openPlan(path));
            opened.prepend(path);
        }
        QCOMPARE(w.recentPlans(), opened.mid(0, 8));
        QFile::remove(opened[1]);
        QCOMPARE(w.recentPlans(), QStringList{opened[0]} + opened.mid(2, 6));
        auto* menu = find<QMenu>(w, "recentPlansMenu");
        emit menu->aboutToShow();
        QCOMPARE(menu->findChildren<QAction*>("recentPlanAction").size(), 7);
        QSettings settings;
        for (const QString& key : settings.allKeys()) {
            const QString value = settings.value(key).toStringList().join('\n') + settings.value(key).toString();
            QVERIFY2(!value.contains("4711") && !value.contains("items"), qPrintable(key));
        }
        // Opening one from the menu makes it the newest.
        QAction* third = nullptr;
        for (QAction* a : menu->actions())
            if (a->data().toString() == opened[2]) third = a;
        QVERIFY(third);
        third->trigger();
        QCOMPARE(w.recentPlans().constFirst(), opened[2]);
        action(w, "clearRecentPlansAction")->trigger();
        QVERIFY(w.recentPlans().isEmpty());
    }

    // A threshold that must fail goes red while the run is going, and stays red at the end;
    // one that holds is green. Without thresholds there are no badges.
    void aFailingThresholdTurnsItsBadgeRed() {
        LocalTarget server;
        QTemporaryDir dir;
        const QString path = write(dir, "gate.toml",
                                   thresholdPlan(server.url("/delay/20"), "100000",
                                                 "\"p(99)<0.001ms\", \"error_rate<50%\""));
        MainWindow w;
        auto* box = find<QWidget>(w, "thresholdBadges");
        w.show();
        QVERIFY(w.openPlan(path));
        QVERIFY(!box->isVisible());
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QVERIFY(box->isVisible());
        QCOMPARE(badges(w).size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(badges(w)[0]->property("state").toString(), QString("failed"), 10000);
        QVERIFY(w.controller().isRunning());  // red during the run, not only after it
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);  // Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 10000);
        QLabel* failed = badges(w)[0];
        QLabel* passed = badges(w)[1];
        QCOMPARE(failed->property("state").toString(), QString("failed"));
        QCOMPARE(passed->property("state").toString(), QString("passed"));
        QVERIFY(failed->text().contains("p(99)<0.001ms"));
        QVERIFY(failed->text().contains("ms"));
        QVERIFY(failed->accessibleDescription().startsWith("failed: latency p(99)"));
        QVERIFY(passed->accessibleDescription().startsWith("passed: error_rate"));
        const QPalette palette = w.palette();
        QVERIFY(failed->styleSheet().contains(salvo::ui::colors::bad(palette).name()));
        QVERIFY(passed->styleSheet().contains(salvo::ui::colors::good(palette).name()));
        QVERIFY(find<QLabel>(w, "statusLabel")->text().contains("Thresholds: 1 of 2 failed (p(99)<0.001ms)"));

        // A saved run shows the thresholds it recorded.
        std::ostringstream text;
        salvo::writeRecord(salvo::makeRecord(w.controller().spec(), w.controller().result(),
                                             w.controller().startedAt(), false),
                           text);
        const salvo::RecordRead record = salvo::readRecord(text.str());
        QVERIFY(record.record);
        MainWindow other;
        other.show();
        other.showRecord(*record.record);
        QCOMPARE(badges(other).size(), 2);
        QCOMPARE(badges(other)[0]->property("state").toString(), QString("failed"));

        // A run without thresholds has none to show.
        QVERIFY(w.newPlan());
        submitAndWait(w, server.url(), "3", "1");
        QVERIFY(!box->isVisible());
    }

    // abort_on_fail ends the run early, as a cancel: the figures so far are kept, the message
    // and the status line name the threshold, and its badge says it ended the run.
    void anAbortingThresholdEndsTheRunEarly() {
        LocalTarget server;
        QTemporaryDir dir;
        const QString path = write(dir, "abort.toml",
                                   thresholdPlan(server.url("/delay/5"), "100000",
                                                 "{ threshold = \"p(99)<0.001ms\", abort_on_fail = true }"));
        MainWindow w;
        w.show();
        QVERIFY(w.openPlan(path));
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const salvo::RunResult& r = w.controller().result();
        QCOMPARE(r.outcome, salvo::Outcome::cancelled);
        QVERIFY2(r.message.find("threshold p(99)<0.001ms failed") != std::string::npos, r.message.c_str());
        QVERIFY(r.total.completed() < 100000);
        QCOMPARE(badges(w).size(), 1);
        QVERIFY(badges(w)[0]->text().contains("ended the run"));
        QVERIFY(badges(w)[0]->accessibleDescription().contains("ended the run"));
        auto* status = find<QLabel>(w, "statusLabel");
        QVERIFY2(status->text().startsWith("Ended early: threshold p(99)<0.001ms failed"), qPrintable(status->text()));
    }

    // A threshold that cannot be parsed is refused beside the table, like any other field.
    void aBadThresholdIsShownBesideTheTable() {
        MainWindow w;
        w.show();
        fill(w, "http://127.0.0.1:9/", "5");
        find<QToolButton>(w, "thresholdsAddButton")->click();
        find<QTableWidget>(w, "thresholdsEdit")->item(0, 0)->setText("p(99)<<fast");
        QVERIFY(error(w, Field::thresholds)->isVisible());
        QVERIFY(error(w, Field::thresholds)->text().contains("p(99)<<fast"));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        find<QTableWidget>(w, "thresholdsEdit")->item(0, 0)->setText("p(99)<250ms");
        QVERIFY(!error(w, Field::thresholds)->isVisible());
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());
    }
};

QTEST_MAIN(PlanWindowTest)
#include "PlanWindowTest.moc"
