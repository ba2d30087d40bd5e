#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTableWidget>
#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "FaultServer.hpp"
#include "MultiLineField.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::ui::MainWindow;
using namespace driver;

// The window's form, runs, cancel, keyboard, settings and export (LoadModelWindowTest: the
// load section, duration runs, the live rate control and the verdict).
class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-test");
        QSettings().clear();
    }

    void init() { QSettings().clear(); }  // each test starts from an empty form

    void submitRunsToCompletionAndButtonTogglesToCancel() {
        LocalTarget server;
        MainWindow w;
        w.show();
        fill(w, QString::fromStdString(server.url("/delay/2")), "300", "5");
        auto* button = find<QPushButton>(w, "submitButton");
        QCOMPARE(button->text(), QString("Submit"));
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QCOMPARE(button->text(), QString("Cancel"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QCOMPARE(find<QProgressBar>(w, "progressBar")->value(), 100);
        QCOMPARE(button->text(), QString("Submit"));
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("300 / 300"));
        QCOMPARE(find<QLabel>(w, "failedFigure")->text(), QString("0"));
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Finished: 300 requests"));
        QVERIFY(find<QPlainTextEdit>(w, "summaryText")->toPlainText().contains("p99"));
        QCOMPARE(server.requestsServed(), 300u);
    }

    void cancelMidRunStopsAndKeepsPartialFigures() {
        LocalTarget server;
        MainWindow w;
        w.show();
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "4");
        auto* button = find<QPushButton>(w, "submitButton");
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().result().total.completed() >= 8, 10000);
        QTest::mouseClick(button, Qt::LeftButton);  // now reads Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 2000);
        const auto& r = w.controller().result();
        QCOMPARE(r.outcome, salvo::Outcome::cancelled);
        QVERIFY(r.total.completed() >= 8 && r.total.completed() < 100000);
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Cancelled"));
        QVERIFY(find<QProgressBar>(w, "progressBar")->value() < 100);
        QCOMPARE(button->text(), QString("Submit"));
        QVERIFY(button->isEnabled());
    }

    void escapeCancelsARun() {
        LocalTarget server;
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::keyClick(find<QLineEdit>(w, "countEdit"), Qt::Key_Return);  // Enter submits
        QVERIFY(w.controller().isRunning());
        QTest::qWait(100);
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 2000);
        QCOMPARE(w.controller().result().outcome, salvo::Outcome::cancelled);
    }

    void cancelWhileEveryConnectionIsStalledStopsPromptly() {
        salvo::test::FaultServer server(salvo::test::Fault::noReply);
        MainWindow w;
        w.show();
        fill(w, QString::fromStdString(server.url()), "50", "5");
        auto* button = find<QPushButton>(w, "submitButton");
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(server.requestsSeen(), 5u, 5000);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 2000);
        QCOMPARE(w.controller().result().inFlightAtEnd, 5u);
        QVERIFY(find<QLabel>(w, "statusLabel")->text().contains("5 were in flight"));
    }

    void invalidInputShowsAMessageAndStartsNothing() {
        LocalTarget server;
        MainWindow w;
        w.show();
        fill(w, "ftp://example.com/", "-4");
        auto* urlError = find<QLabel>(w, "urlError");
        auto* countError = find<QLabel>(w, "countError");
        QTest::keyClick(find<QLineEdit>(w, "urlEdit"), Qt::Key_Return);
        QVERIFY(!w.controller().isRunning());
        QVERIFY(urlError->isVisible());
        QVERIFY(urlError->text().contains("unsupported scheme 'ftp'"));
        QVERIFY(countError->isVisible());
        QCOMPARE(countError->text(), QString("request count must be at least 1"));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        QCOMPARE(server.requestsServed(), 0u);

        fill(w, QString::fromStdString(server.url()), "3");  // fixing it clears the messages
        QVERIFY(!urlError->isVisible());
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());
    }

    void keyboardTabOrderAndCtrlL() {
        MainWindow w;
        w.setUrl("http://127.0.0.1:9/");
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        auto* url = find<QLineEdit>(w, "urlEdit");
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(url));  // focused at start
        // URL -> the mode (Requests) -> the count -> rate -> connections -> Submit; the duration
        // field of the mode not chosen and the Apply button (no run) are skipped.
        const QList<QWidget*> chain{find<QRadioButton>(w, "countMode"), edit(w, Field::count),
                                    edit(w, Field::rate), edit(w, Field::connections),
                                    find<QPushButton>(w, "submitButton")};
        for (QWidget* next : chain) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), next);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(url));
        QCOMPARE(url->selectedText(), url->text());
    }

    // Under Advanced options Tab goes down the groups in reading order: Each request, the load
    // model, connections, checks, thresholds; from the thresholds' Remove button it leaves the
    // form for what comes next (the result tabs), not back up to the request column.
    void tabFromTheThresholdsGoesOnToWhatFollows() {
        MainWindow w;
        w.setUrl("http://127.0.0.1:9/");
        showActive(w);
        find<QToolButton>(w, "advancedToggle")->setChecked(true);
        auto* remove = find<QToolButton>(w, "thresholdsRemoveButton");
        remove->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(remove));
        QTest::keyClick(remove, Qt::Key_Tab);
        QWidget* next = QApplication::focusWidget();
        QVERIFY(next);
        QVERIFY2(!find<QWidget>(w, "runForm")->isAncestorOf(next), qPrintable(next->objectName()));
        QVERIFY2(find<QWidget>(w, "resultTabs")->isAncestorOf(next), qPrintable(next->metaObject()->className()));
        // And the checks come before the thresholds, after the connections.
        edit(w, Field::clientKey)->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(edit(w, Field::clientKey)));
        for (int i = 0; i < 6 && QApplication::focusWidget() != edit(w, Field::expectStatus); ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(edit(w, Field::expectStatus)));
    }

    // The line under the progress bar names what keeps Submit off, not only the URL and count.
    void theStatusLineNamesWhatBlocksSubmit() {
        MainWindow w;
        w.show();
        auto* status = find<QLabel>(w, "statusLabel");
        QVERIFY(status->text().startsWith("Enter a URL"));
        auto* form = find<salvo::ui::RunForm>(w, "runForm");
        salvo::RunInput in = form->input();
        in.url = "http://127.0.0.1:9/";
        in.headers = {"X-Token: ${SALVO_TEST_NEVER_SET_VARIABLE}"};
        form->setInput(in);
        retype(edit(w, Field::count), "5");
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        QCOMPARE(status->text(), QString("Fix 1 problem (Headers) before running."));
        in.headers.clear();
        form->setInput(in);
        retype(edit(w, Field::count), "6");
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());
        QVERIFY(status->text().startsWith("Enter a URL"));
    }

    void closingMidRunCancelsAndJoins() {
        LocalTarget server;
        auto w = std::make_unique<MainWindow>();
        w->show();
        fill(*w, QString::fromStdString(server.url("/delay/50")), "100000", "8");
        QTest::mouseClick(find<QPushButton>(*w, "submitButton"), Qt::LeftButton);
        QTest::qWait(100);
        QVERIFY(w->close());
        w.reset();  // destroys the controller: joins the engine threads
        QVERIFY(server.requestsServed() < 100000);
    }

    void rapidSubmitCancelNeverLeavesTheButtonWrong() {
        LocalTarget server;
        MainWindow w;
        w.show();
        fill(w, QString::fromStdString(server.url("/delay/5")), "100000", "3");
        auto* button = find<QPushButton>(w, "submitButton");
        for (int i = 0; i < 20; ++i) {
            QTest::mouseClick(button, Qt::LeftButton);
            if (i % 3 == 0) QTest::qWait(1);
        }
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 3000);
        if (w.controller().isRunning()) QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 3000);
        QTRY_COMPARE(button->text(), QString("Submit"));
        QVERIFY(button->isEnabled());
    }

    // Header values and bodies may carry credentials: a run with both leaves neither (nor any
    // key about headers) in the settings, while the plain parameters are remembered.
    void lastInputsAreRememberedButNotHeaders() {
        LocalTarget server;
        {
            MainWindow w;
            w.show();
            auto* headers = find<QTableWidget>(w, "headersEdit");
            find<QToolButton>(w, "headersAddButton")->click();
            headers->item(0, 0)->setText("Authorization");
            headers->item(0, 1)->setText("Bearer secret-token-4711");
            find<QPlainTextEdit>(w, "bodyEdit")->setPlainText("password=secret-body-4711");
            submitAndWait(w, server.url(), "7", "2");
            QCOMPARE(w.controller().result().total.succeeded, 7u);
        }
        MainWindow again;
        QCOMPARE(find<QLineEdit>(again, "urlEdit")->text(), QString::fromStdString(server.url()));
        QCOMPARE(find<QLineEdit>(again, "countEdit")->text(), QString("7"));
        QCOMPARE(find<QLineEdit>(again, "connectionsEdit")->text(), QString("2"));
        QCOMPARE(find<QTableWidget>(again, "headersEdit")->rowCount(), 0);
        QVERIFY(find<QPlainTextEdit>(again, "bodyEdit")->toPlainText().isEmpty());
        QSettings settings;
        for (const QString& key : settings.allKeys()) {
            QVERIFY(!key.contains("header", Qt::CaseInsensitive));
            const QString value = settings.value(key).toStringList().join('\n') + settings.value(key).toString();
            QVERIFY2(!value.contains("4711"), qPrintable(key));
        }
    }

    // Input that used to crash the engine or hang the window is refused beside its field.
    void hostileInputIsRefusedBesideItsField() {
        MainWindow w;
        w.show();
        fill(w, "http://127.0.0.1:9/", "5");
        auto* headers = find<QTableWidget>(w, "headersEdit");
        find<QToolButton>(w, "headersAddButton")->click();
        find<QToolButton>(w, "headersAddButton")->click();
        headers->item(0, 0)->setText(QString(2000, 'n'));
        headers->item(0, 1)->setText("v");
        headers->item(1, 0)->setText("X-A");
        headers->item(1, 1)->setText("a\x01b");
        QVERIFY(find<QLabel>(w, "headersError")->isVisible());
        QVERIFY(find<QLabel>(w, "headersError")->text().contains("header name is too long"));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        headers->item(0, 0)->setText("");  // a wholly empty row is no header
        headers->item(0, 1)->setText("");
        QVERIFY(find<QLabel>(w, "headersError")->text().contains("control character"));
        headers->item(1, 1)->setText("ab");
        QVERIFY(!find<QLabel>(w, "headersError")->isVisible());
        // A FIFO as the CA file: refused by its type, never opened for reading (which would block).
        const QString fifo = QDir::temp().filePath("salvo-ui-fifo");
        QFile::remove(fifo);
        QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        auto* ca = find<QLineEdit>(w, "cacertEdit");
        QTest::keyClicks(ca, fifo);
        QVERIFY(find<QLabel>(w, "cacertError")->text().contains("not a regular file"));
        QFile::remove(fifo);
        ca->clear();
        auto* limit = find<QLineEdit>(w, "maxHeaderSizeEdit");
        QTest::keyClicks(limit, "lots");
        QVERIFY(find<QLabel>(w, "maxHeaderSizeError")->text().contains("from 1k to 64m"));
        limit->clear();
        QTest::keyClicks(limit, "1m");
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());
    }

    // The status line says when the server broke connections, not just how many requests failed.
    void retriesAndUnsolicitedBytesAreNamedInTheStatus() {
        salvo::test::FaultServer dropping(salvo::test::Fault::dropSecondRequest);
        MainWindow w;
        submitAndWait(w, dropping.url(), "4", "1");
        QVERIFY(find<QLabel>(w, "statusLabel")->text().contains("3 sent again"));
        salvo::test::FaultServer twice(salvo::test::Fault::answerTwice);
        submitAndWait(w, twice.url(), "3", "1");
        QVERIFY(find<QLabel>(w, "statusLabel")->text().contains("3 connections closed"));
        QVERIFY(find<QPlainTextEdit>(w, "summaryText")->toPlainText().contains("unsolicited"));
    }

    // Pasting an empty X11 clipboard hands the field a QMimeData without formats: nothing happens.
    void pastingNothingIntoTheBodyChangesNothing() {
        MainWindow w;
        auto* headers = find<QPlainTextEdit>(w, "bodyEdit");
        auto* field = dynamic_cast<salvo::ui::MultiLineField*>(headers);
        QVERIFY(field);
        headers->setPlainText("X-A: 1");
        const QMimeData empty;  // what X11 hands over when no program owns the clipboard
        QVERIFY(!field->canInsertFromMimeData(&empty));
        field->insertFromMimeData(&empty);
        field->insertFromMimeData(nullptr);
        QCOMPARE(headers->toPlainText(), QString("X-A: 1"));
        QMimeData text;
        text.setText("\nX-B: 2");
        field->moveCursor(QTextCursor::End);
        field->insertFromMimeData(&text);
        QCOMPARE(headers->toPlainText(), QString("X-A: 1\nX-B: 2"));
    }

    void anExportThatCannotBeWrittenSaysSo() {
        LocalTarget server;
        MainWindow w;
        submitAndWait(w, server.url(), "3", "1");
        QString error;
        QVERIFY(!w.exportReport("/dev/full", error));
        QVERIFY(error.contains("/dev/full"));
    }

    void exportWritesTheSameJsonAsTheCli() {
        LocalTarget server;
        MainWindow w;
        submitAndWait(w, server.url(), "25", "5");
        const QString path = QDir::temp().filePath("salvo-ui-export.json");
        QString error;
        QVERIFY(w.exportReport(path, error));
        std::ifstream in(path.toStdString());
        std::stringstream text;
        text << in.rdbuf();
        const auto json = boost::json::parse(text.str()).as_object();
        QCOMPARE(json.at("requests").at("succeeded").to_number<int>(), 25);
        QFile::remove(path);
    }

    // The HTML report and HdrHistogram's interval log of the run on screen, by the extension.
    void exportWritesAnHtmlReportAndAnIntervalLog() {
        LocalTarget server;
        MainWindow w;
        submitAndWait(w, server.url(), "25", "5");
        const auto read = [](const QString& path) {
            std::ifstream in(path.toStdString());
            std::stringstream text;
            text << in.rdbuf();
            return text.str();
        };
        const QString html = QDir::temp().filePath("salvo-ui-export.html");
        const QString hlog = QDir::temp().filePath("salvo-ui-export.hlog");
        QString error;
        QVERIFY(w.exportReport(html, error));
        QVERIFY(w.exportReport(hlog, error));
        const std::string page = read(html), log = read(hlog);
        QVERIFY(page.starts_with("<!doctype html>"));
        QVERIFY(page.find("<svg") != std::string::npos);
        QVERIFY(page.find("25 of 25") != std::string::npos);
        QVERIFY(log.find("#[Histogram log format version 1.3]") != std::string::npos);
        QVERIFY(log.find(",HISTF") != std::string::npos);
        QFile::remove(html);
        QFile::remove(hlog);
    }

};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
