#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <chrono>
#include <string>
#include <vector>

#include "HistoryModel.hpp"
#include "RunStore.hpp"
#include "RunsFolder.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RecordMerge.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"
#include "salvo/Shard.hpp"

using salvo::RunRecord;
using salvo::ui::HistoryModel;
using salvo::ui::MainWindow;
using salvo::ui::RunStore;
using namespace driver;

namespace {

constexpr std::uint32_t kShares = 4;
constexpr std::uint64_t kRequests = 42;  // 11, 11, 10, 10 a share

// The whole plan: kRequests over kShares connections (a share needs one of its own).
salvo::RunSpec wholePlan(const salvo::LocalTarget& server) {
    salvo::RunInput in;
    in.url = server.url();
    in.count = std::to_string(kRequests);
    in.connections = std::to_string(kShares);
    const salvo::Validation v = salvo::validate(in);
    if (!v.ok()) qFatal("invalid plan: %s", v.errors.front().message.c_str());
    return v.spec;
}

// Share `index` run by the engine as `salvo-cli --shard index/kShares --start-at …` runs it,
// on machine node1 or node2.
RunRecord shareRecord(const salvo::LocalTarget& server, std::uint32_t index,
                      std::chrono::system_clock::time_point start) {
    salvo::RunSpec spec = wholePlan(server);
    const std::string why = salvo::applyShard(spec, salvo::Shard{index, kShares, "--shard"});
    if (!why.empty()) qFatal("cannot split the plan: %s", why.c_str());
    RunRecord record = salvo::makeRecord(spec, salvo::runBlocking(spec), start, false);
    record.plannedStart = salvo::formatUtc(start);
    record.host = index % 2 ? "node2" : "node1";
    return record;
}

QString save(const RunRecord& record, const QString& name) {
    QDir().mkpath(folder());
    const QString path = QDir(folder()).filePath(name);
    const std::string failure = salvo::saveRecordFile(record, path.toStdString());
    if (!failure.empty()) qFatal("cannot save %s: %s", qPrintable(path), failure.c_str());
    return path;
}

QTableView* openHistory(MainWindow& w) {
    QTest::keyClick(&w, Qt::Key_H, Qt::ControlModifier);
    return find<QTableView>(w, "historyTable");
}

// Selects exactly the rows of these files, as Ctrl+clicks would.
void selectFiles(QTableView* table, const QStringList& paths) {
    table->clearSelection();
    QItemSelection selection;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const QModelIndex first = table->model()->index(r, 0);
        if (paths.contains(first.data(HistoryModel::kPathRole).toString()))
            selection.select(first, table->model()->index(r, HistoryModel::label));
    }
    table->selectionModel()->select(selection, QItemSelectionModel::Select);
}

QStringList selectedFiles(QTableView* table) {
    QStringList paths;
    for (const QModelIndex& index : table->selectionModel()->selectedRows())
        paths << index.data(HistoryModel::kPathRole).toString();
    return paths;
}

salvo::Tally sumOf(const std::vector<RunRecord>& records) {
    salvo::Tally sum;
    for (const RunRecord& record : records) sum.merge(record.result.total);
    return sum;
}

}  // namespace

// History's Merge: the records of the shares of one run split over machines become one run,
// saved beside them, selected and opened; a set that is not every share once is refused by name
// and nothing is written. The shares are real runs of the engine against a local server.
class HistoryMergeTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        if (qEnvironmentVariableIsEmpty("XDG_DATA_HOME"))  // run by hand: never the person's data
            qputenv("XDG_DATA_HOME", QDir::temp().filePath("salvo-merge-test").toLocal8Bit());
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-merge-test");
        salvo::LocalTarget server;
        const auto start = std::chrono::system_clock::now();
        for (std::uint32_t i = 0; i < kShares; ++i) shares_.push_back(shareRecord(server, i, start));
        salvo::RunSpec whole = wholePlan(server);
        whole_ = salvo::makeRecord(whole, salvo::runBlocking(whole), start, false);
    }

    void init() {
        QSettings().clear();
        QDir(folder()).removeRecursively();
    }

    void mergingTheSharesSavesSelectsAndOpensTheMergedRun() {
        QStringList paths;
        for (std::uint32_t i = 0; i < kShares; ++i)
            paths << save(shares_[i], QStringLiteral("share-%1.json").arg(i));
        save(whole_, "whole.json");  // listed, not selected
        MainWindow w;
        showActive(w);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 5);
        selectFiles(table, paths);
        auto* merge = find<QToolButton>(w, "historyMergeButton");
        QVERIFY(merge->isEnabled());
        merge->click();
        QCOMPARE(recordFiles().size(), 6);
        QString mergedPath;
        for (const QString& path : recordFiles())
            if (path.endsWith("-merged.json")) mergedPath = path;
        QVERIFY2(!mergedPath.isEmpty(), qPrintable(recordFiles().join(", ")));
        const salvo::RecordRead read = salvo::readRecordFile(mergedPath.toStdString());
        QVERIFY2(read.record, read.error.c_str());
        const RunRecord& merged = *read.record;
        QCOMPARE(merged.mergedFrom.size(), std::size_t{kShares});
        const salvo::Tally sum = sumOf(shares_);
        QCOMPARE(merged.result.total.completed(), sum.completed());
        QCOMPARE(merged.result.total.completed(), kRequests);
        QCOMPARE(merged.result.total.succeeded, sum.succeeded);
        QCOMPARE(merged.result.total.failed, sum.failed);
        QCOMPARE(merged.result.total.latency.count(), sum.latency.count());
        // Selected, alone, in the list...
        QTRY_COMPARE(table->model()->rowCount(), 6);
        QCOMPARE(selectedFiles(table), QStringList{mergedPath});
        // ...and open in the window, its figures those of the whole run.
        QCOMPARE(find<QTabWidget>(w, "resultTabs")->currentIndex(), 0);  // Charts
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("42 / 42"));
        QVERIFY2(find<QLabel>(w, "savedRunNote")->text().contains("Merged from 4 shares on node1, node2"),
                 qPrintable(find<QLabel>(w, "savedRunNote")->text()));
        QVERIFY2(w.statusBar()->currentMessage().startsWith("Merged 4 shares into"),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(w.statusBar()->currentMessage().contains(QFileInfo(mergedPath).fileName()));
    }

    void mergeNeedsTwoReadableRuns() {
        const QString one = save(shares_[0], "share-0.json");
        MainWindow w;
        showActive(w);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        selectFiles(table, {one});
        QVERIFY(!find<QToolButton>(w, "historyMergeButton")->isEnabled());
        QVERIFY(!action(w, "historyMergeAction")->isEnabled());
    }

    // A share given twice, a share missing, a run that is no share: each is refused with the
    // engine's reason, which names the files, and nothing is written.
    void aShareGivenTwiceIsRefusedByName() {
        refuses({{0, "share-0.json"}, {1, "share-1.json"}, {1, "share-1-copy.json"},
                 {2, "share-2.json"}, {3, "share-3.json"}},
                "share-1-copy.json");
    }
    void aMissingShareIsRefused() {
        refuses({{0, "share-0.json"}, {1, "share-1.json"}, {3, "share-3.json"}}, "missing (index 2)");
    }
    void aRunThatIsNoShareIsRefusedByName() {
        refuses({{0, "share-0.json"}, {1, "share-1.json"}, {2, "share-2.json"}, {3, "share-3.json"},
                 {-1, "whole.json"}},
                "whole.json");
    }

    void theMergeButtonIsNamedAndReachedByKeyboard() {
        MainWindow w;
        auto* merge = find<QToolButton>(w, "historyMergeButton");
        QCOMPARE(merge->accessibleName(), QString("Merge"));
        QVERIFY(!merge->accessibleDescription().isEmpty());
        QVERIFY(merge->focusPolicy() & Qt::TabFocus);
        // The table's context menu (Shift+F10, the Menu key) offers it too.
        QVERIFY(find<QTableView>(w, "historyTable")->actions().contains(action(w, "historyMergeAction")));
    }

    void aMergedRunOpensSayingWhereItCameFrom() {
        const salvo::MergeOutcome merged = salvo::mergeRecords(shares_, {});
        QVERIFY2(merged.record, merged.error.c_str());
        save(*merged.record, "merged.json");
        MainWindow w;
        showActive(w);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QVERIFY(table->model()->index(0, HistoryModel::load).data().toString().startsWith("merged, 4 shares · "));
        QVERIFY2(find<QLabel>(w, "historyNote")->text().contains("merged from 4 shares on node1, node2"),
                 qPrintable(find<QLabel>(w, "historyNote")->text()));
        QTest::keyClick(table, Qt::Key_Return);
        QVERIFY(find<QLabel>(w, "savedRunNote")->text().contains("Merged from 4 shares on node1, node2"));
        const QString summary = find<QPlainTextEdit>(w, "summaryText")->toPlainText();
        QVERIFY2(summary.contains("Merged from 4 shares on node1, node2"), qPrintable(summary));
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("42 / 42"));
    }

    void aShareOpensSayingWhichShareItIs() {
        save(shares_[1], "share-1.json");
        MainWindow w;
        showActive(w);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QVERIFY(table->model()->index(0, HistoryModel::load).data().toString().startsWith("share 2 of 4 · "));
        QVERIFY(find<QLabel>(w, "historyNote")->text().contains("share 2 of 4 (index 1)"));
        QTest::keyClick(table, Qt::Key_Return);
        const QString note = find<QLabel>(w, "savedRunNote")->text();
        QVERIFY2(note.contains("Share 2 of 4 (index 1)"), qPrintable(note));
        QCOMPARE(find<QLabel>(w, "doneFigure")->text(), QString("11 / 11"));
    }

  private:
    // Saves each share (-1: the whole run) under its name, selects them all and merges: the
    // window says the engine's reason (`named` is part of it) in a message box and the status
    // bar; no file is added.
    void refuses(const std::vector<std::pair<int, QString>>& files, const std::string& named) {
        std::vector<RunRecord> records;
        std::vector<std::string> names;
        for (const auto& [share, name] : files) {
            records.push_back(share < 0 ? whole_ : shares_[static_cast<std::size_t>(share)]);
            names.push_back(name.toStdString());
            save(records.back(), name);
        }
        const std::string why = salvo::mergeRecords(records, names).error;
        QVERIFY2(why.find(named) != std::string::npos, why.c_str());
        MainWindow w;
        showActive(w);
        QTableView* table = openHistory(w);
        QTRY_COMPARE(table->model()->rowCount(), static_cast<int>(files.size()));
        table->selectAll();
        QString shown;
        whenModal<QMessageBox>([&shown](QMessageBox* box) {
            shown = box->text();
            box->accept();
        });
        find<QToolButton>(w, "historyMergeButton")->click();
        // The files are named in the order of the list, which need not be the order above.
        QVERIFY2(shown.startsWith("Not merged: ") && shown.contains(QString::fromStdString(named)),
                 qPrintable(shown));
        QCOMPARE(w.statusBar()->currentMessage(), shown);
        QCOMPARE(recordFiles().size(), static_cast<qsizetype>(files.size()));
        QVERIFY(find<QLabel>(w, "savedRunNote")->isHidden());
    }

    std::vector<RunRecord> shares_;
    RunRecord whole_;
};

QTEST_MAIN(HistoryMergeTest)
#include "HistoryMergeTest.moc"
