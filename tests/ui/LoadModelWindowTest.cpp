#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <chrono>

#include "FaultServer.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::ui::MainWindow;
using namespace driver;

// The window's load section (issue 8): Count or Duration, the rate and its live control, the
// advanced load options, duration runs whose bar follows time, live figures that move with time,
// and the verdict on the generator's own limits.
class LoadModelWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-load-test");
    }

    void init() { QSettings().clear(); }  // each test starts from an empty form

    // Alt+D picks Duration and puts the cursor in it; Alt+R goes back to the request count.
    // Arrow keys on the focused mode button switch too. The field of the other mode is greyed out.
    void countOrDurationSwitchesWithTheKeyboard() {
        MainWindow w;
        w.setUrl("http://127.0.0.1:9/");
        showActive(w);
        auto* count = edit(w, Field::count);
        auto* duration = edit(w, Field::duration);
        QVERIFY(count->isEnabled() && !duration->isEnabled());
        QTest::keyClick(&w, Qt::Key_D, Qt::AltModifier);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(duration));
        QVERIFY(duration->isEnabled() && !count->isEnabled());
        QTest::keyClick(&w, Qt::Key_R, Qt::AltModifier);  // Alt+R still reaches the request count
        QTRY_COMPARE(focused(), static_cast<QWidget*>(count));
        QVERIFY(count->isEnabled() && !duration->isEnabled());
        auto* countMode = find<QRadioButton>(w, "countMode");
        countMode->setFocus();
        QTest::keyClick(countMode, Qt::Key_Down);
        QTRY_VERIFY(find<QRadioButton>(w, "durationMode")->isChecked());
        QVERIFY(duration->isEnabled());
        QTest::keyClicks(duration, "3s");
        QCOMPARE(duration->text(), QString("3s"));
    }

    // A bad value in a new field is named beside it; one under Advanced opens the panel.
    void loadFieldMessagesShowBesideTheirFields() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url()), "10");
        auto* panel = find<QWidget>(w, "advancedPanel");
        auto* submit = find<QPushButton>(w, "submitButton");
        retype(edit(w, Field::rate), "fast");
        QVERIFY(error(w, Field::rate)->isVisible());
        QVERIFY(!error(w, Field::rate)->text().isEmpty());
        QVERIFY(!panel->isVisible());  // the rate is up front: nothing to open
        QVERIFY(!submit->isEnabled());
        retype(edit(w, Field::rate), "20");
        QVERIFY(!error(w, Field::rate)->isVisible());
        QVERIFY(submit->isEnabled());

        QTest::keyClick(&w, Qt::Key_D, Qt::AltModifier);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(edit(w, Field::duration)));
        QTest::keyClicks(focused(), "soon");
        QVERIFY(error(w, Field::duration)->isVisible());
        QTest::keyClick(focused(), Qt::Key_Return);  // refused: nothing starts
        QVERIFY(!w.controller().isRunning());
        retype(edit(w, Field::duration), "1s");
        QVERIFY(!error(w, Field::duration)->isVisible());

        auto* warmup = edit(w, Field::warmup);
        QTest::keyClicks(warmup, "a while");
        QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
        QVERIFY(!w.controller().isRunning());
        QVERIFY(panel->isVisible());  // opened to show the message
        QVERIFY(error(w, Field::warmup)->isVisible());
        QCOMPARE(focused(), static_cast<QWidget*>(warmup));  // the first bad field
        warmup->clear();
        QTest::keyClicks(warmup, "0.2s");

        auto* stages =
            find<QTableWidget>(w, (std::string(salvo::fieldName(Field::stages)) + "Edit").c_str());
        stages->setFocus();
        QTest::keyClick(stages, Qt::Key_Insert);  // a new stage, its duration cell open
        QCOMPARE(stages->rowCount(), 1);
        QTRY_VERIFY(focused() && focused() != stages && stages->isAncestorOf(focused()));
        QTest::keyClicks(focused(), "1s");
        QTest::keyClick(focused(), Qt::Key_Return);  // commits the cell, submits nothing
        QVERIFY(!w.controller().isRunning());
        QTRY_VERIFY(
            error(w, Field::stages)->isVisible());  // a stage without a rate (committed next loop)
        QVERIFY(error(w, Field::rate)->isVisible());  // stages set their own rates
        stages->item(0, 1)->setText("lots");
        QVERIFY(error(w, Field::stages)->isVisible());
        stages->item(0, 1)->setText("30");
        QVERIFY(!error(w, Field::stages)->isVisible());
        QTest::keyClick(stages, Qt::Key_Delete);
        QCOMPARE(stages->rowCount(), 0);
        QVERIFY(!error(w, Field::rate)->isVisible());

        QTest::keyClick(warmup, Qt::Key_Return);  // Enter in a new field submits
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QCOMPARE(w.controller().result().load.rate.value_or(0), 20.0);
    }

    // With only a duration, the bar can follow nothing but time; Cancel keeps what was measured.
    void durationRunFollowsTimeAndCancelKeepsTheFigures() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url("/delay/20"), "60s", "50");
        auto* bar = find<QProgressBar>(w, "progressBar");
        QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        QCOMPARE(w.controller().result().planned, 0u);  // no count: completions cannot move the bar
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() >= 2, 15000);  // 2 % of a minute: over a second
        const int before = bar->value();
        QVERIFY(bar->text().contains("of 60 s"));
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > before, 15000);
        QVERIFY(find<QLabel>(w, "targetRateFigure")->isVisible());
        QCOMPARE(find<QLabel>(w, "targetRateFigure")->text(), QString("50"));
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);  // Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        const auto& r = w.controller().result();
        QCOMPARE(r.outcome, salvo::Outcome::cancelled);
        QVERIFY(r.total.completed() > 0);
        QVERIFY(bar->value() >= before && bar->value() < 100);
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Cancelled after"));
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(),
                 QStringLiteral("%L1").arg(r.total.completed()));
        QVERIFY(edit(w, Field::duration)->isEnabled());  // the form is back
    }

    // The rate control moves a running open-model run: Enter in the rate field applies it.
    void changingTheRateMidRunChangesTheAchievedRate() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url(), "8s", "20");
        QTest::keyClick(edit(w, Field::duration), Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        auto* rate = edit(w, Field::rate);
        QVERIFY(rate->isEnabled());
        QVERIFY(find<QPushButton>(w, "applyRateButton")->isEnabled());
        QVERIFY(!edit(w, Field::duration)->isEnabled());  // everything else is locked
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().result().elapsedSeconds >= 3, 15000);
        const auto sentBefore = w.controller().result().sent();
        const double changedAt = w.controller().result().elapsedSeconds;
        QVERIFY(changedAt < 7);                           // room left for the new rate to show
        QTest::keyClick(&w, Qt::Key_Q, Qt::AltModifier);  // Alt+Q: the rate
        QTRY_COMPARE(focused(), static_cast<QWidget*>(rate));
        retype(rate, "fast");  // refused beside the field; the run goes on at its rate
        QTest::keyClick(rate, Qt::Key_Return);
        QVERIFY(error(w, Field::rate)->isVisible());
        retype(rate, "200");
        QTest::keyClick(rate, Qt::Key_Return);
        QVERIFY(!error(w, Field::rate)->isVisible());
        QVERIFY(find<QLabel>(w, "statusLabel")->text().contains("rate now 200 req/s"));
        QVERIFY(w.controller().isRunning());  // Enter during a run applies, it does not restart
        QTRY_COMPARE_WITH_TIMEOUT(w.controller().result().rateChanges.size(), std::size_t{1}, 5000);
        QCOMPARE(w.controller().result().rateChanges.front().targetRps, 200.0);
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>(w, "targetRateFigure")->text(), QString("200"),
                                  5000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const auto& r = w.controller().result();
        QCOMPARE(r.outcome, salvo::Outcome::finished);
        const double after = 8 - changedAt;  // seconds left at the change
        const auto sentAfter = r.sent() - sentBefore;
        // 20 req/s could not send more than 20 x `after` (+1); ask for three times that.
        QVERIFY2(static_cast<double>(sentAfter) > 3 * 20 * after + 3,
                 qPrintable(QString("%1 sent in the last %2 s").arg(sentAfter).arg(after)));
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Finished"));
    }

    // A run without a rate cannot switch models mid-run: the rate control is locked and says why.
    void aClosedModelRunLocksTheRateControl() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        auto* rate = edit(w, Field::rate);
        QVERIFY(!rate->isEnabled());
        QVERIFY(rate->toolTip().contains("without a rate"));
        QVERIFY(!find<QPushButton>(w, "applyRateButton")->isEnabled());
        QVERIFY(!w.controller().changeRate(100));
        QVERIFY(!find<QLabel>(w, "targetRateFigure")->isVisible());
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        QVERIFY(rate->isEnabled());
        QVERIFY(!find<QPushButton>(w, "applyRateButton")->isEnabled());
    }

    // Two connections at most against a server that takes half a second: the schedule cannot
    // be kept, the window says why in a warning of its own and counts what was never sent.
    void aConnectionLimitedRunWarnsAndCountsWhatWasDropped() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url("/delay/500"), "2s", "50");
        find<QToolButton>(w, "advancedToggle")->setChecked(true);
        retype(edit(w, Field::connections), "1");
        retype(edit(w, Field::maxConnections), "2");
        QTest::keyClick(edit(w, Field::maxConnections), Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        auto* banner = find<QWidget>(w, "verdictBanner");
        QVERIFY(!banner->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const auto& r = w.controller().result();
        QCOMPARE(r.limits.verdict, salvo::Verdict::connectionLimited);
        QVERIFY(banner->isVisible());
        QVERIFY(find<QLabel>(w, "verdictLabel")->text().contains("connection_limited"));
        QVERIFY(r.dropped > 0);
        QVERIFY(find<QLabel>(w, "statusLabel")
                    ->text()
                    .contains(QStringLiteral("%L1 were due but never sent").arg(r.dropped)));
    }

    void loadInputsAreRemembered() {
        LocalTarget server;
        {
            MainWindow w;
            showActive(w);
            fillDurationRun(w, server.url(), "1s", "10");
            edit(w, Field::warmup)->setText("200ms");
            QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
            QVERIFY(w.controller().isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        }
        MainWindow again;
        QVERIFY(find<QRadioButton>(again, "durationMode")->isChecked());
        QCOMPARE(edit(again, Field::duration)->text(), QString("1s"));
        QCOMPARE(edit(again, Field::rate)->text(), QString("10"));
        QCOMPARE(edit(again, Field::warmup)->text(), QString("200ms"));
        QVERIFY(!edit(again, Field::count)->isEnabled());
    }

    // Live figures move with time, not with completions: when the server stalls, requests/s
    // falls to 0 within a second or two while elapsed keeps counting.
    void liveFiguresFallToZeroWhileTheServerStalls() {
        salvo::test::FaultServer server(salvo::test::Fault::ok);
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url(), "60s", "100");
        QTest::keyClick(edit(w, Field::rate), Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        auto* rate = find<QLabel>(w, "rateFigure");
        auto* elapsed = find<QLabel>(w, "elapsedFigure");
        QTRY_VERIFY_WITH_TIMEOUT(rate->text() != "–" && rate->text() != "0", 15000);
        server.stall(std::chrono::seconds(8));
        QTRY_COMPARE_WITH_TIMEOUT(rate->text(), QString("0"), 6000);
        const QString stalledAt = elapsed->text();
        QTRY_VERIFY_WITH_TIMEOUT(elapsed->text() != stalledAt, 3000);
        QCOMPARE(rate->text(), QString("0"));  // still nothing completes
        QTest::keyClick(&w, Qt::Key_Q, Qt::AltModifier);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(edit(w, Field::rate)));
        QTest::keyClick(focused(), Qt::Key_Escape);  // Esc cancels from the live rate field too
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        QCOMPARE(w.controller().result().outcome, salvo::Outcome::cancelled);
        QVERIFY(w.controller().result().inFlightAtEnd > 0);
    }

    // Enter submits from the new choices too: the arrival list and the mode buttons.
    void enterOnAChoiceSubmits() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url()), "5", "1");
        auto* arrival =
            find<QComboBox>(w, (std::string(salvo::fieldName(Field::arrival)) + "Edit").c_str());
        QTest::keyClick(arrival, Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QTest::keyClick(find<QRadioButton>(w, "countMode"), Qt::Key_Return);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QCOMPARE(server.requestsServed(), 10u);
    }
};

QTEST_MAIN(LoadModelWindowTest)
#include "LoadModelWindowTest.moc"
