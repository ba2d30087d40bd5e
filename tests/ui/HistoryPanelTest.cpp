#include <QAbstractItemModel>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <functional>

#include "HistoryExport.hpp"
#include "HistoryModel.hpp"
#include "RunStore.hpp"
#include "RunsFolder.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/ui/CompareView.hpp"

using salvo::LocalTarget;
using salvo::ui::HistoryModel;
using salvo::ui::MainWindow;
using salvo::ui::RunStore;
using namespace driver;

namespace {

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

// The History table as the person sees it: sorted, newest first.
QTableView* openHistory(MainWindow& w) {
    QTest::keyClick(&w, Qt::Key_H, Qt::ControlModifier);
    auto* tabs = find<QTabWidget>(w, "resultTabs");
    if (tabs->currentWidget()->objectName() != "historyPanel") qFatal("Ctrl+H did not open History");
    return find<QTableView>(w, "historyTable");
}

// Makes `row` current and the only one selected, whatever modifier QTest left behind (the view
// reads the keyboard's modifiers when told to select without an event).
void selectOnly(QTableView* table, int row) {
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString cell(QTableView* table, int row, int column) {
    return table->model()->index(row, column).data().toString();
}

// Answers the next modal message box by clicking the button whose text starts with `answer`.
void answerNextBox(const QString& answer, QString* seenText) {
    QTimer::singleShot(0, [answer, seenText] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) qFatal("no message box came up");
        *seenText = box->text();
        for (QAbstractButton* button : box->buttons())
            if (button->text().startsWith(answer)) return button->click();
        qFatal("no button %s", qPrintable(answer));
    });
}

}  // namespace

// Saving each run as a record, the History tab, opening, labels, deleting, and files in the
// folder that are not records. The folder is XDG_DATA_HOME's (set per test by CTest), emptied
// before each test.
class HistoryPanelTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        // Run by hand, outside CTest: never the person's own data folder.
        if (qEnvironmentVariableIsEmpty("XDG_DATA_HOME"))
            qputenv("XDG_DATA_HOME", QDir::temp().filePath("salvo-history-test").toLocal8Bit());
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-history-test");
    }

    void init() {
        QSettings().clear();
        QDir(folder()).removeRecursively();
        QFile::remove(folder());  // a test below puts a file where the folder goes
    }

    void aFinishedRunIsSavedAndListedNewestFirst() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url("/delay/1"), "5", "1");
        QCOMPARE(recordFiles().size(), 1);
        const QString name = QFileInfo(recordFiles().front()).fileName();
        QVERIFY2(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$)").match(name).hasMatch(),
                 qPrintable(name));
        QTest::qWait(5);  // a later start, so the second name sorts after the first
        submitAndWait(w, server.url("/delay/2"), "3", "1");
        QCOMPARE(recordFiles().size(), 2);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(cell(table, 0, HistoryModel::target), QString::fromStdString(server.url("/delay/2")));
        QCOMPARE(cell(table, 1, HistoryModel::target), QString::fromStdString(server.url("/delay/1")));
        QCOMPARE(cell(table, 0, HistoryModel::outcome), QString("finished"));
        QCOMPARE(cell(table, 0, HistoryModel::errors), QString("0"));
        QVERIFY(cell(table, 0, HistoryModel::load).contains("at most 3 requests"));
        // A run made from History shows its charts while it goes; back in History, it is on top.
        submitAndWait(w, server.url("/delay/3"), "2", "1");
        QCOMPARE(find<QTabWidget>(w, "resultTabs")->currentIndex(), 0);
        openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QCOMPARE(cell(table, 0, HistoryModel::target), QString::fromStdString(server.url("/delay/3")));
    }

    // Closing the window with its close button during a run cancels it, waits, and keeps it.
    void aRunCutShortByClosingTheWindowIsSaved() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().result().total.completed() >= 2, 10000);
        w.close();
        QVERIFY(!w.controller().isRunning());
        QCOMPARE(recordFiles().size(), 1);
        const salvo::RecordRead read = salvo::readRecordFile(recordFiles().front().toStdString());
        QVERIFY2(read.record, read.error.c_str());
        QCOMPARE(read.record->result.outcome, salvo::Outcome::cancelled);
    }

    void runsAreNotKeptWhenSwitchedOff() {  // salvo --bench
        LocalTarget server;
        MainWindow w;
        w.setKeepRuns(false);
        submitAndWait(w, server.url(), "3", "1");
        QCOMPARE(recordFiles().size(), 0);
    }

    void aCancelledRunIsSavedToo() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fill(w, QString::fromStdString(server.url("/delay/20")), "100000", "2");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().result().total.completed() >= 4, 10000);
        QTest::keyClick(&w, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);  // a bound, not a timing
        QCOMPARE(recordFiles().size(), 1);
        const salvo::RecordRead read = salvo::readRecordFile(recordFiles().front().toStdString());
        QVERIFY2(read.record, read.error.c_str());
        QCOMPARE(read.record->result.outcome, salvo::Outcome::cancelled);
    }

    void invalidInputSavesNothing() {
        MainWindow w;
        showActive(w);
        fill(w, "ftp://example.com/", "5");
        QTest::keyClick(find<QLineEdit>(w, "countEdit"), Qt::Key_Return);
        QVERIFY(!w.controller().isRunning());
        QVERIFY(recordFiles().isEmpty());
    }

    void openingARecordShowsItsFiguresAndSaysItIsSaved() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "7", "2");
        QTest::qWait(5);
        submitAndWait(w, server.url("/status/503"), "3", "1");
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("3 / 3"));
        auto* note = find<QLabel>(w, "savedRunNote");
        QVERIFY(note->isHidden());
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(cell(table, 0, HistoryModel::errors), QString("3 (100 %)"));
        selectOnly(table, 1);  // the older run: 7 × 200
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(find<QTabWidget>(w, "resultTabs")->currentIndex(), 0);  // Charts
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("7 / 7"));
        QCOMPARE(find<QLabel>(w, "failedFigure")->text(), QString("0"));
        auto* status = find<QTableWidget>(w, "statusTable");
        QCOMPARE(status->rowCount(), 1);
        QVERIFY(status->item(0, 0)->text().startsWith("200"));
        QCOMPARE(status->item(0, 1)->text(), QString("7"));
        QVERIFY(find<QTableWidget>(w, "percentileTable")->rowCount() > 0);
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Finished: 7 requests"));
        QVERIFY(!note->isHidden());
        QVERIFY(note->text().contains("Saved run"));
        QVERIFY(find<QPlainTextEdit>(w, "summaryText")->toPlainText().startsWith("Saved run:"));
        QVERIFY(find<QPushButton>(w, "exportButton")->isEnabled());
        // Export writes the run on screen, not the last one made.
        QString error;
        const QString exported = QDir(folder()).filePath("../opened.txt");
        QVERIFY(w.exportReport(exported, error));
        QVERIFY(contents(exported).contains("7 completed"));
        // A new run takes the window back.
        submitAndWait(w, server.url(), "4", "1");
        QVERIFY(note->isHidden());
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("4 / 4"));
    }

    void editingALabelWritesItToTheFile() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "3", "1");
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->currentIndex().column(), 0);  // as Ctrl+H leaves it: F2 still edits the label
        QTest::keyClick(table, Qt::Key_F2);
        QWidget* editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit*>(editor));
        QTest::keyClicks(editor, "before the cache");
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(cell(table, 0, HistoryModel::label), QString("before the cache"));
        const salvo::RecordRead read = salvo::readRecordFile(recordFiles().front().toStdString());
        QVERIFY2(read.record, read.error.c_str());
        QCOMPARE(read.record->label, std::string("before the cache"));
        QCOMPARE(read.record->result.total.completed(), 3u);  // the rest of the record is intact
        // A later refresh (a new run) keeps the label: it comes from the file.
        submitAndWait(w, server.url(), "2", "1");
        openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(cell(table, 1, HistoryModel::label), QString("before the cache"));
    }

    void deleteAsksThenRemovesTheFile() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "2", "1");
        QTest::qWait(5);
        submitAndWait(w, server.url(), "2", "1");
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        table->selectAll();
        QString asked;
        answerNextBox("Keep", &asked);
        QTest::keyClick(table, Qt::Key_Delete);
        QVERIFY2(asked.contains("Delete 2 saved runs"), qPrintable(asked));
        QCOMPARE(recordFiles().size(), 2);
        selectOnly(table, 0);  // selects that row only
        const QString newest = recordFiles().back();
        answerNextBox("Delete", &asked);
        find<QToolButton>(w, "historyDeleteButton")->click();
        QVERIFY2(asked.contains("Delete 1 saved run?"), qPrintable(asked));
        QCOMPARE(recordFiles().size(), 1);
        QVERIFY(!QFile::exists(newest));
        QTRY_COMPARE(table->model()->rowCount(), 1);
    }

    void filesThatAreNotRecordsAreListedAsUnreadable() {
        const QString corrupt = QDir(folder()).filePath("corrupt.json");
        const QString foreign = QDir(folder()).filePath("foreign.json");
        writeFile(corrupt, "{not json");
        writeFile(foreign, R"({"format":"other/1"})");
        const std::string corruptWhy = salvo::readRecordFile(corrupt.toStdString()).error;
        const std::string foreignWhy = salvo::readRecordFile(foreign.toStdString()).error;
        QVERIFY(!corruptWhy.empty() && !foreignWhy.empty());
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "2", "1");
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        // A file that arrives while History is showing is listed without asking (the folder is
        // watched), and one that goes is unlisted.
        const QString late = QDir(folder()).filePath("late.json");
        writeFile(late, "[]");
        QTRY_COMPARE(table->model()->rowCount(), 4);
        QFile::remove(late);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        int unreadable = 0;
        for (int row = 0; row < 3; ++row) {
            const QString target = cell(table, row, HistoryModel::target);
            if (!target.endsWith(".json")) continue;
            ++unreadable;
            const std::string& why = target == "corrupt.json" ? corruptWhy : foreignWhy;
            QCOMPARE(cell(table, row, HistoryModel::outcome), QString("unreadable"));
            // The reader's reason, without the path it starts with (the row names the file).
            const QString reason = cell(table, row, HistoryModel::load);
            QVERIFY2(!reason.isEmpty() && QString::fromStdString(why).endsWith(reason), qPrintable(reason));
            const QString tip = table->model()->index(row, HistoryModel::when).data(Qt::ToolTipRole).toString();
            QVERIFY(tip.contains(reason) && tip.contains(target));
            // Not opened: Open is off, and Enter only says why.
            showActive(w);  // the offscreen platform does not give focus back after a message box
            table->setFocus();
            selectOnly(table, row);
            QVERIFY(!find<QToolButton>(w, "historyOpenButton")->isEnabled());
            QVERIFY(find<QLabel>(w, "historyNote")->text().contains(reason));
            QTest::keyClick(table, Qt::Key_Return);
            QVERIFY(find<QLabel>(w, "savedRunNote")->isHidden());
            QVERIFY(w.statusBar()->currentMessage().contains("cannot be opened"));
            // ...but deleted like any other file.
            QString asked;
            answerNextBox("Delete", &asked);
            QTest::keyClick(table, Qt::Key_Delete);
            QVERIFY(!QFile::exists(target == "corrupt.json" ? corrupt : foreign));
            QTRY_COMPARE(table->model()->rowCount(), 3 - unreadable);
            row = -1;  // the rows moved: look again from the top
        }
        QCOMPARE(unreadable, 2);
    }

    void secretsStayOutOfRecordsUnlessKept() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        auto* headers = find<QTableWidget>(w, "headersEdit");
        find<QToolButton>(w, "headersAddButton")->click();
        headers->item(0, 0)->setText("Authorization");
        headers->item(0, 1)->setText("Bearer s3cret");
        find<QPlainTextEdit>(w, "bodyEdit")->setPlainText("password=hunter2body");
        auto* keep = find<QCheckBox>(w, "keepSecretsCheck");
        QVERIFY(!keep->isChecked());  // off unless asked
        submitAndWait(w, server.url(), "2", "1");
        QByteArray saved = contents(recordFiles().back());
        QVERIFY(saved.contains("Authorization"));
        QVERIFY(!saved.contains("s3cret"));
        QVERIFY(!saved.contains("hunter2body"));
        QVERIFY(saved.contains(salvo::kRedacted));
        keep->setChecked(true);
        QTest::qWait(5);
        submitAndWait(w, server.url(), "2", "1");
        saved = contents(recordFiles().back());
        QVERIFY(saved.contains("Bearer s3cret"));
        QVERIFY(saved.contains("hunter2body"));
        // The choice is remembered, as a preference.
        QVERIFY(QSettings().value("run/keepSecretsInRecords").toBool());
    }

    void aRunThatCannotBeSavedSaysSoAndKeepsItsResult() {
        writeFile(folder(), "a file where the folder should be");
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "6", "2");
        QVERIFY2(w.statusBar()->currentMessage().startsWith("This run was not saved to History"),
                 qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("6 / 6"));
        QVERIFY(find<QLabel>(w, "statusLabel")->text().startsWith("Finished: 6 requests"));
        QVERIFY(find<QPushButton>(w, "exportButton")->isEnabled());
    }

    void compareShowsTheSelectedRunsOldestFirst() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url("/delay/1"), "3", "1");
        QTest::qWait(5);
        submitAndWait(w, server.url("/delay/2"), "3", "1");
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 2);
        auto* compare = find<QToolButton>(w, "historyCompareButton");
        selectOnly(table, 0);
        QVERIFY(!compare->isEnabled());  // one run: nothing to compare
        table->selectAll();
        QVERIFY(compare->isEnabled());
        compare->click();
        auto* view = w.findChild<salvo::ui::CompareView*>("compareWindow");
        QVERIFY(view);
        QTRY_VERIFY(view->isVisible());
        QCOMPARE(view->runs().size(), 2u);
        QCOMPARE(view->runs()[0].result.url, server.url("/delay/1"));  // the baseline
        auto* close = view->findChild<QAction*>("compareCloseAction");
        QVERIFY(close);
        QVERIFY(close->shortcuts().contains(QKeySequence(Qt::Key_Escape)));
        close->trigger();  // Esc, Ctrl+W
        QTRY_VERIFY(!view->isVisible());
    }

    void exportWritesHtmlForSeveralAndALogForOne() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        submitAndWait(w, server.url(), "3", "1");
        QTest::qWait(5);
        submitAndWait(w, server.url(), "4", "1");
        std::vector<salvo::RunRecord> runs;
        for (const QString& path : recordFiles())
            runs.push_back(*salvo::readRecordFile(path.toStdString()).record);
        const QDir out(QDir(folder()).filePath(".."));
        QCOMPARE(salvo::ui::HistoryExport::write(runs, out.filePath("two.html")), QString());
        QVERIFY(contents(out.filePath("two.html")).toLower().startsWith("<!doctype html>"));
        QVERIFY(!salvo::ui::HistoryExport::write(runs, out.filePath("two.hlog")).isEmpty());
        runs.pop_back();
        QCOMPARE(salvo::ui::HistoryExport::write(runs, out.filePath("one.hlog")), QString());
        QVERIFY(contents(out.filePath("one.hlog")).contains("#[StartTime:"));
    }

    void historyIsInTheShortcutList() {
        MainWindow w;
        bool listed = false;
        for (const auto& [keys, what] : w.shortcutList())
            listed = listed || (keys == "Ctrl+H" && what == "History");
        QVERIFY(listed);
    }
};

QTEST_MAIN(HistoryPanelTest)
#include "HistoryPanelTest.moc"
