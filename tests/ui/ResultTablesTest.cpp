#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "Colors.hpp"
#include "FaultServer.hpp"
#include "StatusPhrases.hpp"
#include "TimingTable.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Report.hpp"
#include "salvo/ui/LiveStats.hpp"
#include "salvo/ui/Locale.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/ResultTables.hpp"

using salvo::LatencyHistogram;
using salvo::LocalTarget;
using salvo::RunResult;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

QString cell(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text() : QString();
}
QString text(MainWindow& w, const char* name) { return find<QLabel>(w, name)->text(); }
QString millis(std::uint64_t nanos) { return QString::fromStdString(salvo::formatMillis(nanos)); }
QString whole(double value) { return QStringLiteral("%L1").arg(value, 0, 'f', 0); }

// What each row of the percentile table must read, computed here from the histogram.
QStringList expectedPercentiles(const LatencyHistogram& h) {
    const auto rounded = [](double ns) { return millis(static_cast<std::uint64_t>(std::llround(ns))); };
    QStringList rows{millis(h.min()), rounded(h.mean()), rounded(h.stddev())};
    for (double p : {50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99}) rows << millis(h.percentile(p));
    rows << millis(h.max());
    return rows;
}

QPalette lightPalette() {
    QPalette p(QColor("#efefef"));
    p.setColor(QPalette::WindowText, Qt::black);
    return p;
}
QPalette darkPalette() {
    QPalette p(QColor("#3c3c3c"), QColor("#2b2b2b"));
    p.setColor(QPalette::WindowText, QColor("#e6e6e6"));
    p.setColor(QPalette::Text, QColor("#e6e6e6"));
    p.setColor(QPalette::Base, QColor("#1e1e1e"));
    return p;
}

void press(MainWindow& w) { QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton); }

void showTables(MainWindow& w) {
    auto* tables = w.findChild<salvo::ui::ResultTables*>();
    for (QTabWidget* tabs : w.findChildren<QTabWidget*>())
        if (tabs->indexOf(tables) >= 0) tabs->setCurrentWidget(tables);
}

}  // namespace

// The run's tables (status codes, errors by kind and message, latency percentiles), filled while
// the run goes on, and the live figures: the last second beside the whole run.
class ResultTablesTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-tables-test");
        salvo::ui::installLocale();  // as main() does: "1,000" even in the C locale
    }

    void init() { QSettings().clear(); }

    void statusPhrasesNameCommonCodes() {
        QCOMPARE(salvo::ui::statusWithPhrase(200), QString("200 OK"));
        QCOMPARE(salvo::ui::statusWithPhrase(503), QString("503 Service Unavailable"));
        QCOMPARE(salvo::ui::statusWithPhrase(599), QString("599"));  // unknown: the code alone
        QVERIFY(salvo::ui::statusPhrase(299).isEmpty());
    }

    // The status table fills while the run goes on, and the live figures read the last closed
    // second with the whole run beside them; at the end both equal the result.
    void statusTableAndLiveFiguresFillDuringARun() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        showTables(w);
        // 100,000 requests over 2 connections at 20 ms each cannot end before Cancel.
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        press(w);
        QVERIFY(w.controller().isRunning());
        auto* status = find<QTableWidget>(w, "statusTable");
        QTRY_COMPARE_WITH_TIMEOUT(status->rowCount(), 1, 10000);
        QVERIFY(w.controller().isRunning());
        QCOMPARE(cell(status, 0, 0), QString("200 OK"));
        QTRY_VERIFY_WITH_TIMEOUT(text(w, "rateFigureNote").startsWith("last second · run "), 10000);
        QVERIFY(w.controller().isRunning());
        QVERIFY(text(w, "p50FigureNote").startsWith("last second · run "));
        QVERIFY(text(w, "p99FigureNote").endsWith(" ms"));
        QVERIFY(text(w, "connectionsFigureNote").endsWith(" in flight"));
        press(w);  // Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        const RunResult& r = w.controller().result();
        QCOMPARE(status->rowCount(), static_cast<int>(r.total.statusCounts.size()));
        QCOMPARE(cell(status, 0, 1), QStringLiteral("%L1").arg(r.total.statusCounts.at(200)));
        QCOMPARE(cell(status, 0, 2), QStringLiteral("%L1 %").arg(100.0, 0, 'f', 1));
        QCOMPARE(text(w, "rateFigure"), whole(r.succeededPerSecond()));
        QCOMPARE(text(w, "rateFigureNote"), QString("whole run"));
        QCOMPARE(text(w, "p50Figure"), millis(r.total.latency.percentile(50)) + " ms");
        QCOMPARE(text(w, "p99Figure"), millis(r.total.latency.percentile(99)) + " ms");
    }

    // Every request fails with 503: no throughput, live or at the end, and the failures show
    // by kind while the run goes on.
    void anAllFailedRunShowsNoSuccessfulRequestsPerSecond() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url("/status/503"), "60s", "50");  // ended by Cancel
        press(w);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(text(w, "rateFigureNote").startsWith("last second"), 10000);
        QCOMPARE(text(w, "rateFigure"), QString("0"));
        QVERIFY(text(w, "failedFigureNote").endsWith(" × status 503"));
        press(w);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        const RunResult& r = w.controller().result();
        QVERIFY(r.total.failed > 0);
        QCOMPARE(text(w, "rateFigure"), QString("0"));
        QCOMPARE(text(w, "failedFigureNote"), QStringLiteral("%L1 × status 503").arg(r.total.failed));
        auto* status = find<QTableWidget>(w, "statusTable");
        QCOMPARE(cell(status, 0, 0), QString("503 Service Unavailable"));
        auto* errors = find<QTableWidget>(w, "errorTable");
        const std::pair<std::string, std::string> key{"status", "503"};
        QCOMPARE(errors->rowCount(), 1);
        QCOMPARE(cell(errors, 0, 0), QString("status"));
        QCOMPARE(cell(errors, 0, 1), QString("503 Service Unavailable"));  // the code's phrase
        QCOMPARE(cell(errors, 0, 2), QStringLiteral("%L1").arg(r.total.errorMessages.at(key)));
        QCOMPARE(cell(errors, 0, 3), QStringLiteral("%L1 s").arg(r.errorsSeen.at(key).firstSecond));
        QCOMPARE(cell(errors, 0, 4), QStringLiteral("%L1 s").arg(r.errorsSeen.at(key).lastSecond));
    }

    // Each (kind, message) of the result is a row, largest count first, with its exact count
    // and the seconds it was first and last seen.
    void errorTableListsKindAndMessageWithCountsAndSeconds() {
        salvo::test::FaultServer server(salvo::test::Fault::resetMidRequest);
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "30", "3");
        const RunResult& r = w.controller().result();
        salvo::Tally all = r.total;
        all.merge(r.warmup);
        QVERIFY(!all.errorMessages.empty());
        std::vector<std::pair<std::pair<std::string, std::string>, std::uint64_t>> expected(
            all.errorMessages.begin(), all.errorMessages.end());
        std::stable_sort(expected.begin(), expected.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        auto* errors = find<QTableWidget>(w, "errorTable");
        QCOMPARE(errors->rowCount(), static_cast<int>(expected.size()));
        for (int row = 0; row < errors->rowCount(); ++row) {
            const auto& [key, n] = expected[static_cast<std::size_t>(row)];
            const salvo::ErrorSeen seen = r.errorsSeen.at(key);
            QCOMPARE(cell(errors, row, 0), QString::fromStdString(key.first));
            QCOMPARE(cell(errors, row, 1), QString::fromStdString(key.second));
            QCOMPARE(cell(errors, row, 2), QStringLiteral("%L1").arg(n));
            QCOMPARE(cell(errors, row, 3), QStringLiteral("%L1 s").arg(seen.firstSecond));
            QCOMPARE(cell(errors, row, 4), QStringLiteral("%L1 s").arg(seen.lastSecond));
        }
        QVERIFY(!find<QLabel>(w, "connectionEventsNote")->isVisible());
        LocalTarget clean;
        submitAndWait(w, clean.url(), "5", "1");  // a clean run empties the table
        QCOMPARE(errors->rowCount(), 0);
    }

    // Bytes nobody asked for close the connection: a connection event, and the table says so.
    void connectionEventsAreMarkedAsNotFailedRequests() {
        salvo::test::FaultServer server(salvo::test::Fault::answerTwice);
        MainWindow w;
        showActive(w);
        showTables(w);
        submitAndWait(w, server.url(), "10", "1");
        const RunResult& r = w.controller().result();
        QVERIFY(r.total.unsolicited > 0);
        auto* errors = find<QTableWidget>(w, "errorTable");
        QVERIFY(errors->rowCount() >= 1);
        QCOMPARE(cell(errors, 0, 0), QString("unsolicited"));
        QVERIFY(errors->item(0, 0)->toolTip().contains("not a failed request"));
        QVERIFY(find<QLabel>(w, "connectionEventsNote")->isVisible());
        QCOMPARE(text(w, "failedFigure"), QString("0"));
    }

    // Eleven rows, each equal to the histogram's own figure; an open-model run adds the
    // service time beside the latency.
    void percentileTableMatchesTheHistograms() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "200", "4");
        auto* table = find<QTableWidget>(w, "percentileTable");
        QCOMPARE(table->rowCount(), 11);
        QCOMPARE(table->columnCount(), 1);  // closed model: service time is the latency
        QCOMPARE(table->verticalHeaderItem(0)->text(), QString("min"));
        QCOMPARE(table->verticalHeaderItem(9)->text(), QString("p99.99"));
        const QStringList closed = expectedPercentiles(w.controller().result().total.latency);
        for (int row = 0; row < 11; ++row) QCOMPARE(cell(table, row, 0), closed[row]);

        fillDurationRun(w, server.url(), "1s", "50");
        press(w);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const RunResult& r = w.controller().result();
        QCOMPARE(table->columnCount(), 2);
        QVERIFY(table->horizontalHeaderItem(1)->text().startsWith("Service time"));
        const QStringList latency = expectedPercentiles(r.total.latency);
        const QStringList service = expectedPercentiles(r.total.serviceTime);
        for (int row = 0; row < 11; ++row) {
            QCOMPARE(cell(table, row, 0), latency[row]);
            QCOMPARE(cell(table, row, 1), service[row]);
        }
        QCOMPARE(text(w, "percentileCount"),
                 QStringLiteral("of %L1 responses").arg(r.total.latency.count()));
    }

    // The timing breakdown: a row a phase, each cell the histogram's own figure; a phase that
    // never happened (TLS over http://) reads 0 and dashes; new numbers refill, clear empties.
    void timingTableShowsEachPhase() {
        salvo::ui::ResultTables tables;
        RunResult r;
        r.outcome = salvo::Outcome::finished;
        r.total.dns.record(200'000);
        r.total.connect.record(1'000'000);
        r.total.connect.record(3'000'000);
        for (std::uint64_t ms = 1; ms <= 10; ++ms) r.total.firstByte.record(ms * 1'000'000);
        tables.show(r);
        auto* timing = tables.findChild<QTableWidget*>("timingTable");
        QVERIFY(timing);
        QCOMPARE(timing->rowCount(), 4);
        QCOMPARE(timing->columnCount(), 6);
        QCOMPARE(timing->verticalHeaderItem(0)->text(), QString("DNS lookup"));
        QCOMPARE(timing->verticalHeaderItem(3)->text(), QString("First byte"));
        QCOMPARE(timing->horizontalHeaderItem(0)->text(), QString("count"));
        QCOMPARE(timing->horizontalHeaderItem(4)->text(), QString("p99"));
        QCOMPARE(cell(timing, 1, 0), QString("2"));
        QCOMPARE(cell(timing, 1, 1), millis(1'000'000));
        QCOMPARE(cell(timing, 1, 5), millis(r.total.connect.max()));
        QCOMPARE(cell(timing, 3, 0), QString("10"));
        QCOMPARE(cell(timing, 3, 2), millis(r.total.firstByte.percentile(50)));
        QCOMPARE(cell(timing, 3, 3), millis(r.total.firstByte.percentile(90)));
        QCOMPARE(cell(timing, 3, 4), millis(r.total.firstByte.percentile(99)));
        QCOMPARE(cell(timing, 2, 0), QString("0"));  // no TLS
        for (int column = 1; column < 6; ++column) QCOMPARE(cell(timing, 2, column), QString("–"));
        r.total.tlsHandshake.record(5'000'000);
        tables.show(r);
        QCOMPARE(cell(timing, 2, 0), QString("1"));
        QCOMPARE(cell(timing, 2, 3), millis(r.total.tlsHandshake.percentile(90)));
        tables.clear();
        QCOMPARE(cell(timing, 3, 0), QString("0"));
        QCOMPARE(cell(timing, 3, 2), QString("–"));
    }

    // A real run fills the timing table, and the same run opened from History shows the same.
    void timingTableFollowsARunAndItsRecord() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "20", "2");
        const RunResult& r = w.controller().result();
        auto* timing = find<QTableWidget>(w, "timingTable");
        QVERIFY(r.total.connect.count() > 0);
        QStringList live;
        for (int row = 0; row < 4; ++row)
            for (int column = 0; column < 6; ++column) {
                const auto& h = salvo::ui::TimingTable::phase(r.total, row);
                QCOMPARE(cell(timing, row, column), salvo::ui::TimingTable::value(h, column));
                live << cell(timing, row, column);
            }
        QCOMPARE(cell(timing, 1, 0), QLocale().toString(qulonglong(r.total.connect.count())));
        QCOMPARE(cell(timing, 2, 1), QString("–"));  // http://: no handshake

        std::ostringstream text;
        salvo::writeRecord(salvo::makeRecord(w.controller().spec(), r, w.controller().startedAt(), false),
                           text);
        const salvo::RecordRead record = salvo::readRecord(text.str());
        QVERIFY(record.record);
        MainWindow other;
        other.show();
        other.showRecord(*record.record);
        auto* opened = find<QTableWidget>(other, "timingTable");
        QStringList shown;
        for (int row = 0; row < 4; ++row)
            for (int column = 0; column < 6; ++column) shown << cell(opened, row, column);
        QCOMPARE(shown, live);
    }

    // Refreshing with the same numbers touches nothing; new numbers reuse the items.
    void unchangedNumbersLeaveTheTablesAlone() {
        salvo::ui::ResultTables tables;
        RunResult r;
        r.outcome = salvo::Outcome::finished;  // shown at once, no refresh interval
        r.total.recordResponse(200, 10, 1'000'000);
        r.total.recordResponse(404, 10, 2'000'000);
        tables.show(r);
        auto* status = tables.findChild<QTableWidget*>("statusTable");
        auto* percentiles = tables.findChild<QTableWidget*>("percentileTable");
        QCOMPARE(cell(status, 1, 0), QString("404 Not Found"));
        QCOMPARE(cell(status, 1, 2), QStringLiteral("%L1 %").arg(50.0, 0, 'f', 1));
        const QTableWidgetItem* count = status->item(0, 1);
        const QTableWidgetItem* p50 = percentiles->item(3, 0);
        QSignalSpy statusChanges(status->model(), &QAbstractItemModel::dataChanged);
        QSignalSpy percentileChanges(percentiles->model(), &QAbstractItemModel::dataChanged);
        tables.show(r);
        QCOMPARE(statusChanges.count(), 0);
        QCOMPARE(percentileChanges.count(), 0);
        for (int i = 0; i < 1233; ++i) r.total.recordResponse(200, 10, 3'000'000);
        tables.show(r);
        QCOMPARE(status->item(0, 1), count);  // the same item, new text
        QCOMPARE(cell(status, 0, 1), QLocale().toString(1234));
        QCOMPARE(QLocale().toString(1234).size(), 5);  // with a thousands separator
        QCOMPARE(percentiles->item(3, 0), p50);
        QCOMPARE(cell(percentiles, 3, 0), millis(r.total.latency.percentile(50)));
        tables.clear();
        QCOMPARE(status->rowCount(), 0);
        QCOMPARE(cell(percentiles, 3, 0), QString("–"));
    }

    // The figures from a result built by hand: the last second beside the whole run, throughput
    // counting successes only, the main failure kinds, requests in flight.
    void liveFiguresShowTheLastSecondBesideTheWholeRun() {
        salvo::ui::LiveStats stats;
        const QSize hint = stats.sizeHint();
        RunResult r;
        r.elapsedSeconds = 2.5;
        for (int i = 0; i < 1234; ++i) r.total.recordResponse(200, 10, 1'000'000 + i * 1000);
        for (int i = 0; i < 5; ++i) r.total.recordResponse(503, 10, 1'000'000);
        for (int i = 0; i < 20; ++i) r.total.recordError(salvo::ErrorKind::timeout, "timed out");
        salvo::SecondStats second;
        second.completed = 60;
        second.failed = 15;
        second.responses = 50;  // 10 of the failures were transport errors, without a latency
        second.latencyP50 = 2'000'000;
        second.latencyP99 = 9'500'000;
        r.timeline = {salvo::SecondStats{}, second};
        r.connectionsNow = 4;
        r.inFlightNow = 7;
        stats.show(r);
        const auto label = [&](const char* name) { return stats.findChild<QLabel*>(name)->text(); };
        const QString run = whole(r.succeededPerSecond());
        QCOMPARE(label("rateFigure"), QString("45"));  // 60 completed, 15 of them failed
        QCOMPARE(label("rateFigureNote"), "last second · run " + run);
        QCOMPARE(label("p50Figure"), QString("2.000 ms"));
        QCOMPARE(label("p50FigureNote"),
                 "last second · run " + millis(r.total.latency.percentile(50)) + " ms");
        QCOMPARE(label("p99Figure"), QString("9.500 ms"));
        QCOMPARE(label("succeededFigure"), QLocale().toString(1234));
        QCOMPARE(label("failedFigureNote"), QString("20 × timeout, 5 × status 503"));
        QCOMPARE(label("connectionsFigureNote"), QString("7 in flight"));
        QCOMPARE(stats.sizeHint(), hint);  // the texts never size the figures
        // A second of transport errors only has no latency: a dash, never "0.000 ms".
        salvo::ui::LiveStats errorsOnly;
        r.timeline.back().responses = 0;
        errorsOnly.show(r);
        QCOMPARE(errorsOnly.findChild<QLabel*>("p50Figure")->text(), QString("–"));
        QCOMPARE(errorsOnly.findChild<QLabel*>("p99Figure")->text(), QString("–"));
        r.timeline.back().responses = 50;
        r.outcome = salvo::Outcome::finished;
        r.limits.peakConnections = 5;
        stats.show(r);
        QCOMPARE(label("rateFigure"), run);
        QCOMPARE(label("rateFigureNote"), QString("whole run"));
        QCOMPARE(label("p50Figure"), millis(r.total.latency.percentile(50)) + " ms");
        QCOMPARE(label("connectionsFigureNote"), QString("peak 5"));
        auto* value = stats.findChild<QLabel*>("rateFigure");
        QCOMPARE(value->accessibleName(), QString("Successful req/s"));
        QVERIFY(value->accessibleDescription().contains("failed request never counts"));
    }

    // Four columns of figures where they fit, two where they do not (a narrow window, or 2x
    // scaling on a laptop screen), so the figures never force sideways scrolling.
    void figuresFoldIntoTwoColumnsWhenNarrow() {
        salvo::ui::LiveStats stats;
        const auto top = [&](const char* name) {
            return stats.findChild<QLabel*>(name)->parentWidget()->geometry().top();
        };
        stats.resize(2000, 400);
        stats.setVisible(true);
        QTRY_COMPARE(top("doneFigure"), top("elapsedFigure"));
        RunResult clean;  // nothing failed: the Failed note stays empty (it said "unknown")
        clean.total.recordResponse(200, 10, 1'000'000);
        clean.outcome = salvo::Outcome::finished;
        stats.show(clean);
        QCOMPARE(stats.findChild<QLabel*>("failedFigureNote")->text(), QString());
        const int minimum = stats.minimumWidth();
        QVERIFY(minimum < 2000);
        stats.resize(minimum, 400);
        QTRY_VERIFY(top("elapsedFigure") > top("doneFigure"));
        QCOMPARE(top("succeededFigure"), top("doneFigure"));
        QCOMPARE(top("failedFigure"), top("elapsedFigure"));
        for (auto* label : stats.findChildren<QLabel*>())
            if (label->isVisibleTo(&stats))
                QVERIFY2(label->parentWidget()->geometry().right() <= minimum,
                         qPrintable(label->objectName()));
        stats.resize(2000, 400);
        QTRY_COMPARE(top("doneFigure"), top("elapsedFigure"));
    }

    // The four tables sit side by side where they fit and stack where they do not.
    void tablesStackWhenNarrow() {
        salvo::ui::ResultTables tables;
        auto* splitter = tables.findChild<QSplitter*>();
        tables.resize(1600, 500);
        tables.setVisible(true);
        QTRY_COMPARE(splitter->orientation(), Qt::Horizontal);
        QVERIFY(tables.minimumWidth() < 1600);
        tables.resize(tables.minimumWidth(), 500);
        QTRY_COMPARE(splitter->orientation(), Qt::Vertical);
        tables.resize(1600, 500);
        QTRY_COMPARE(splitter->orientation(), Qt::Horizontal);
    }

    // Captions and notes read at 4.5:1 against the window in a light and a dark palette, and
    // follow a palette change (View → Theme); so does the failure colour.
    void captionsAreLegibleInLightAndDarkPalettes() {
        const QPalette before = QApplication::palette();
        MainWindow w;
        RunResult failing;
        failing.outcome = salvo::Outcome::finished;
        failing.total.recordError(salvo::ErrorKind::timeout, "timed out");
        auto* stats = w.findChild<salvo::ui::LiveStats*>();
        stats->show(failing);
        for (const QPalette& palette : {lightPalette(), darkPalette()}) {
            QApplication::setPalette(palette);
            QApplication::processEvents();
            const QColor window = w.palette().color(QPalette::Window);
            QCOMPARE(window, palette.color(QPalette::Window));
            int checked = 0;
            for (QLabel* label : stats->findChildren<QLabel*>()) {
                if (!label->objectName().endsWith("Caption") && !label->objectName().endsWith("Note"))
                    continue;
                const QColor color = label->palette().color(QPalette::WindowText);
                QVERIFY2(salvo::ui::colors::contrast(color, window) >= 4.5,
                         qPrintable(label->objectName() + " " + color.name()));
                ++checked;
            }
            QCOMPARE(checked, 24);  // 12 figures, a caption and a note each
            const QColor failed =
                find<QLabel>(w, "failedFigure")->palette().color(QPalette::WindowText);
            QCOMPARE(failed, salvo::ui::colors::bad(palette));
            const QColor note =
                find<QLabel>(w, "connectionEventsNote")->palette().color(QPalette::WindowText);
            QVERIFY(salvo::ui::colors::contrast(note, window) >= 4.5);
        }
        QApplication::setPalette(before);
    }

    // Tab reaches each table and leaves it again; arrows move inside; nothing is editable.
    void tablesAreReadOnlyAndReachableByKeyboard() {
        MainWindow w;
        showActive(w);
        showTables(w);
        auto* status = find<QTableWidget>(w, "statusTable");
        auto* percentiles = find<QTableWidget>(w, "percentileTable");
        auto* timing = find<QTableWidget>(w, "timingTable");
        auto* errors = find<QTableWidget>(w, "errorTable");
        for (auto [table, name] : {std::pair{status, "Status codes"},
                                   {percentiles, "Latency percentiles"},
                                   {timing, "Timing"},
                                   {errors, "Errors by kind and message"}}) {
            QCOMPARE(table->accessibleName(), QString(name));
            QVERIFY(!table->accessibleDescription().isEmpty());
            QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
            QVERIFY(table->horizontalHeader()->isVisible());
            QVERIFY(table->columnCount() > 0);
        }
        status->setFocus();
        QTRY_COMPARE(focused(), static_cast<QWidget*>(status));
        QTest::keyClick(focused(), Qt::Key_Tab);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(percentiles));
        percentiles->setCurrentCell(0, 0);
        QTest::keyClick(percentiles, Qt::Key_Down);
        QCOMPARE(percentiles->currentRow(), 1);
        QTest::keyClick(percentiles, Qt::Key_Tab);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(timing));
        QTest::keyClick(timing, Qt::Key_Tab);
        QTRY_COMPARE(focused(), static_cast<QWidget*>(errors));
    }

    // The tables and figures after a run with failures, drawn in a light and a dark palette:
    // the dark one is darker (the theme reaches them). With SALVO_SCREENSHOTS=dir the images
    // are kept there to look at; otherwise in a temporary folder.
    void tablesAndFiguresFollowTheTheme() {
        QTemporaryDir temporary;
        const QString kept = qEnvironmentVariable("SALVO_SCREENSHOTS");
        const QString dir = kept.isEmpty() ? temporary.path() : kept;
        const QPalette before = QApplication::palette();
        LocalTarget server;
        MainWindow w;
        w.resize(1366, 768);
        showActive(w);
        showTables(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        press(w);
        QTRY_VERIFY_WITH_TIMEOUT(text(w, "rateFigureNote").startsWith("last second · run "), 10000);
        QTest::qWait(300);  // the tables' next refresh
        w.grab().save(dir + "/tables-window-live.png");
        press(w);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        fillDurationRun(w, server.url("/status/503"), "2s", "40");
        press(w);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        w.findChild<salvo::ui::ResultTables*>()->show(w.controller().result());
        for (auto [palette, name] : {std::pair{lightPalette(), "light"}, {darkPalette(), "dark"}}) {
            QApplication::setPalette(palette);
            QApplication::processEvents();
            w.grab().save(dir + "/tables-window-" + name + ".png");
            w.findChild<salvo::ui::ResultTables*>()->grab().save(dir + "/tables-" + name + ".png");
            w.findChild<salvo::ui::LiveStats*>()->grab().save(dir + "/figures-" + name + ".png");
        }
        w.resize(860, 600);  // narrower and shorter than any screen the window must fit
        QApplication::processEvents();
        w.grab().save(dir + "/tables-window-small.png");
        QApplication::setPalette(before);
        const auto lightness = [&](const char* name) {
            const QImage image(dir + "/tables-" + name + ".png");
            double sum = 0;
            for (int y = 0; y < image.height(); y += 4)
                for (int x = 0; x < image.width(); x += 4) sum += QColor(image.pixel(x, y)).lightnessF();
            return sum / ((image.height() / 4 + 1) * (image.width() / 4 + 1));
        };
        QVERIFY(lightness("light") > 0.6);
        QVERIFY(lightness("dark") < 0.4);
    }
};

QTEST_MAIN(ResultTablesTest)
#include "ResultTablesTest.moc"
