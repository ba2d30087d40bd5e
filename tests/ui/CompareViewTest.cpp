#include <qcustomplot.h>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QTest>
#include <cmath>

#include "Colors.hpp"
#include "CompareLatencyChart.hpp"
#include "CompareSpectrumChart.hpp"
#include "CompareTable.hpp"
#include "Theme.hpp"
#include "salvo/ui/CompareView.hpp"
#include "salvo/ui/Locale.hpp"

using salvo::RunRecord;
using salvo::ui::CompareLatencyChart;
using salvo::ui::CompareSpectrumChart;
using salvo::ui::CompareTable;
using salvo::ui::CompareView;

namespace {

constexpr std::uint64_t kMs = 1'000'000;  // ns

// A finished closed-model run of `completed` requests (`failed` of them failures) in 10 s, so
// its rate is completed / 10; 100 latencies, 98 of 4 ms and 2 of `slowMs`, so its p99 and max
// are exactly `slowMs` (a percentile is clamped to the largest value recorded). `seconds`
// seconds of timeline, second i with p99 = i + 1 ms.
RunRecord run(const std::string& label, double slowMs, std::uint64_t completed,
              std::uint64_t failed, std::size_t seconds) {
    RunRecord record;
    record.label = label;
    record.startedAt = "2026-11-26T09:30:00.123Z";
    record.host = "bench-1";
    salvo::RunResult& r = record.result;
    r.url = "http://127.0.0.1:8080/";
    r.outcome = salvo::Outcome::finished;
    r.elapsedSeconds = 10;
    r.total.succeeded = completed - failed;
    r.total.failed = failed;
    for (int i = 0; i < 98; ++i) r.total.latency.record(4 * kMs);
    for (int i = 0; i < 2; ++i) r.total.latency.record(std::llround(slowMs * kMs));
    for (std::size_t i = 0; i < seconds; ++i) {
        salvo::SecondStats s;
        s.completed = s.responses = completed / seconds;
        s.latencyP50 = (i + 1) * kMs / 2;
        s.latencyP90 = s.latencyP99 = (i + 1) * kMs;
        s.latencyMax = 2 * (i + 1) * kMs;
        r.timeline.push_back(s);
    }
    return record;
}

CompareTable* table(CompareView& v) { return v.findChild<CompareTable*>("compareTable"); }
CompareLatencyChart* latency(CompareView& v) {
    return v.findChild<CompareLatencyChart*>("compareLatencyChart");
}
CompareSpectrumChart* spectrum(CompareView& v) {
    return v.findChild<CompareSpectrumChart*>("compareSpectrumChart");
}
QString cell(CompareView& v, const char* key, int column) {
    CompareTable* t = table(v);
    const int row = t->rowOf(QString::fromLatin1(key));
    if (row < 0) qFatal("no figure %s", key);
    return t->cellText(row, column);
}
int visibleGraphs(QCustomPlot* plot) {
    int n = 0;
    for (int i = 0; i < plot->graphCount(); ++i) n += plot->graph(i)->visible();
    return n;
}
bool bold(CompareView& v, const char* key, int column) {
    CompareTable* t = table(v);
    return t->item(t->rowOf(QString::fromLatin1(key)), column)->font().bold();
}

// The runs of the screenshots: a baseline and two later runs, one slower in its tail.
RunRecord realistic(const std::string& label, double scale, double tail, std::uint64_t rps) {
    RunRecord record = run(label, 0, rps * 30, rps / 200, 0);
    salvo::RunResult& r = record.result;
    r.elapsedSeconds = 30;
    r.load.rate = static_cast<double>(rps);
    r.total.latency.clear();
    for (int i = 0; i < 20000; ++i) {  // a long-tailed spread, the same for every run
        const double u = (i + 0.5) / 20000.0;
        const double ms = scale * (2 + 3 * u + (u > 0.97 ? tail * (u - 0.97) / 0.03 : 0));
        r.total.latency.record(static_cast<std::uint64_t>(ms * kMs));
    }
    for (std::size_t i = 0; i < 30; ++i) {
        salvo::SecondStats s;
        s.completed = s.responses = rps;
        const double wobble = 1 + 0.15 * std::sin(static_cast<double>(i) * scale);
        s.latencyP50 = static_cast<std::uint64_t>(scale * 3.5 * wobble * kMs);
        s.latencyP90 = static_cast<std::uint64_t>(scale * 4.7 * wobble * kMs);
        s.latencyP99 = static_cast<std::uint64_t>(scale * (5 + tail * 0.7) * wobble * kMs);
        s.latencyMax = static_cast<std::uint64_t>(scale * (5 + tail) * wobble * kMs);
        r.timeline.push_back(s);
    }
    return record;
}

}  // namespace

// The compare view: two or more kept runs side by side, the first the baseline.
class CompareViewTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { salvo::ui::installLocale(); }  // as main() does: "1,000"

    // p99 10 ms against 12 ms is 2 ms and 20 % worse: a regression, said in words and bold;
    // 1,000 against 1,100 req/s is 10 % better, marked as an improvement and not a regression.
    void twoRunsGiveDifferencesPercentagesAndVerdicts() {
        CompareView view;
        view.show({run("before", 10, 10'000, 0, 10), run("after", 12, 11'000, 110, 12)});
        QCOMPARE(view.comparison().runs.size(), std::size_t{2});
        const int base = CompareTable::valueColumn(0), other = CompareTable::valueColumn(1);
        const int difference = CompareTable::differenceColumn(1), change = CompareTable::changeColumn(1);
        QCOMPARE(table(view)->columnCount(), 5);
        QCOMPARE(cell(view, "latency_p99_ms", 0), QString("Latency p99 (ms)"));
        QCOMPARE(cell(view, "latency_p99_ms", base), QString("10.000"));
        QCOMPARE(cell(view, "latency_p99_ms", other), QString("12.000"));
        QCOMPARE(cell(view, "latency_p99_ms", difference), QString("+2.000"));
        QCOMPARE(cell(view, "latency_p99_ms", change), QString("▲ 20.0 % worse"));
        QVERIFY(bold(view, "latency_p99_ms", change));
        QCOMPARE(cell(view, "rps", base), QString("1,000.0"));
        QCOMPARE(cell(view, "rps", other), QString("1,100.0"));
        QCOMPARE(cell(view, "rps", difference), QString("+100.0"));
        QCOMPARE(cell(view, "rps", change), QString("▲ 10.0 % better"));
        QVERIFY(!bold(view, "rps", change));
        // From no errors to 1 %: no percentage of a zero baseline, but worse all the same.
        QCOMPARE(cell(view, "error_rate_percent", other), QString("1.000"));
        QCOMPARE(cell(view, "error_rate_percent", change), QString("▲ worse"));
        QCOMPARE(cell(view, "dropped", change), QString("no change"));
        const auto& p99 = view.comparison().figures[table(view)->rowOf("latency_p99_ms")];
        QCOMPARE(CompareTable::verdict(p99, 1), CompareTable::Verdict::regression);
        const auto& rps = view.comparison().figures[table(view)->rowOf("rps")];
        QCOMPARE(CompareTable::verdict(rps, 1), CompareTable::Verdict::better);
    }

    // An open-model run's latency counts from the due time, a closed one's from the write: the
    // view says so above the figures instead of letting the difference pass for a regression.
    void runsOfDifferentModelsAreNoted() {
        CompareView view;
        RunRecord open = run("open", 10, 1'000, 0, 3);
        open.result.load.rate = 100;
        view.show({run("closed", 10, 1'000, 0, 3), open});
        auto* notes = view.findChild<QLabel*>("compareNotes");
        QVERIFY(notes);
        QVERIFY(!notes->isHidden());
        QVERIFY(notes->text().contains("mix load models"));
        view.show({run("a", 10, 1'000, 0, 3), run("b", 12, 1'000, 0, 3)});
        QVERIFY(notes->isHidden());
    }

    // Colour repeats the words: regressions in the palette's bad colour, improvements in its good.
    void verdictsAreColouredFromThePalette() {
        CompareView view;
        view.show({run("before", 10, 10'000, 0, 10), run("after", 12, 11'000, 110, 12)});
        CompareTable* t = table(view);
        const int change = CompareTable::changeColumn(1);
        QCOMPARE(t->item(t->rowOf("latency_p99_ms"), change)->foreground().color(),
                 salvo::ui::colors::bad(t->palette()));
        QCOMPARE(t->item(t->rowOf("rps"), change)->foreground().color(),
                 salvo::ui::colors::good(t->palette()));
        QVERIFY(!t->item(t->rowOf("dropped"), change)->data(Qt::ForegroundRole).isValid());
        QPalette dark(QColor("#3c3c3c"), QColor("#2b2b2b"));
        dark.setColor(QPalette::WindowText, QColor("#e6e6e6"));
        view.setPalette(dark);
        QCOMPARE(t->item(t->rowOf("latency_p99_ms"), change)->foreground().color(),
                 salvo::ui::colors::bad(dark));
        QCOMPARE(t->item(t->rowOf("rps"), change)->foreground().color(),
                 salvo::ui::colors::good(dark));
    }

    // A change within the tolerance either way is "similar", with its direction and size.
    void smallChangesAreSimilar() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 10), run("b", 10.2, 9'600, 0, 10)});
        const int change = CompareTable::changeColumn(1);
        QCOMPARE(cell(view, "latency_p99_ms", change), QString("▲ 2.0 % similar"));
        QCOMPARE(cell(view, "rps", change), QString("▼ 4.0 % similar"));
        QCOMPARE(cell(view, "rps", CompareTable::differenceColumn(1)), QString("-40.0"));
    }

    // Three runs: three columns of values, each later run measured against the first.
    void threeRunsGiveThreeColumnsOfValues() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 10), run("b", 12, 11'000, 0, 12),
                   run("c", 8, 10'000, 0, 8)});
        CompareTable* t = table(view);
        QCOMPARE(t->columnCount(), 1 + 1 + 2 * CompareTable::kColumnsPerRun);
        QCOMPARE(t->horizontalHeaderItem(CompareTable::valueColumn(2))->text(), QString("Run 3"));
        QCOMPARE(t->horizontalHeaderItem(CompareTable::valueColumn(2))->toolTip(), QString("c"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::valueColumn(0)), QString("10.000"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::valueColumn(1)), QString("12.000"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::valueColumn(2)), QString("8.000"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::differenceColumn(2)), QString("-2.000"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::changeColumn(2)), QString("▼ 20.0 % better"));
        QCOMPARE(view.findChild<QWidget*>("compareLegend")->findChildren<QLabel*>().size(), 3 * 3);
    }

    // A line per run on both charts, each with a point per second of its own timeline (or per
    // step of its spectrum); a later show of fewer runs hides the extra line.
    void chartsDrawALinePerRun() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 10), run("b", 12, 11'000, 0, 12),
                   run("c", 8, 10'000, 0, 8)});
        QCOMPARE(visibleGraphs(latency(view)), 3);
        QCOMPARE(visibleGraphs(spectrum(view)), 3);
        QCOMPARE(latency(view)->line(0)->dataCount(), 10);
        QCOMPARE(latency(view)->line(1)->dataCount(), 12);
        QCOMPARE(latency(view)->line(2)->dataCount(), 8);
        QCOMPARE(latency(view)->line(1)->data()->at(11)->value, 12.0);  // p99 of its last second
        QCOMPARE(latency(view)->xAxis->range().upper, 12.0);
        for (std::size_t i = 0; i < 3; ++i) QVERIFY(spectrum(view)->line(i)->dataCount() > 1);
        QCOMPARE(spectrum(view)->line(1)->data()->at(spectrum(view)->line(1)->dataCount() - 1)->value,
                 12.0);  // its max
        view.show({run("a", 10, 10'000, 0, 10), run("b", 12, 11'000, 0, 12)});
        QCOMPARE(visibleGraphs(latency(view)), 2);
        QCOMPARE(visibleGraphs(spectrum(view)), 2);
        QCOMPARE(latency(view)->legend->itemCount(), 2);
        // Hovering either chart names every run's value there.
        QCOMPARE(spectrum(view)->hoverText(2),  // 2 nines: p99
                 QString("99 %\nRun 1 (baseline): 10 ms\nRun 2: 12 ms"));
        QCOMPARE(latency(view)->hoverText(11.8),  // the 12th second: past the first run's end
                 QString("12 s, p99 latency\nRun 1 (baseline): over (the run was shorter)\n"
                         "Run 2: 12 ms"));
    }

    // Too narrow for two charts side by side, they stack (and go back side by side when wide).
    void narrowViewsStackTheCharts() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 10), run("b", 12, 11'000, 0, 12)});
        view.resize(600, 1100);
        view.QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto top = [&](QWidget* w) { return w->mapTo(&view, QPoint(0, 0)).y(); };
        QTRY_VERIFY(top(spectrum(view)) > top(latency(view)) + latency(view)->height());
        view.resize(1100, 900);
        QTRY_COMPARE(top(spectrum(view)), top(latency(view)));
    }

    // The switch above the latency chart picks the figure of each second the lines show.
    void theFigureSwitchRedrawsTheLines() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 4), run("b", 12, 11'000, 0, 4)});
        auto* figure = view.findChild<QComboBox*>("compareFigureSwitch");
        QCOMPARE(figure->currentText(), QString("p99"));
        figure->setCurrentIndex(figure->findText("max"));
        QCOMPARE(latency(view)->line(0)->data()->at(3)->value, 8.0);
        QCOMPARE(latency(view)->yAxis->label(), QString("max latency (ms)"));
        QVERIFY(latency(view)->hoverText(4).contains("Run 2: 8 ms"));
    }

    // Runs with no responses (or none at all) compare without a crash, a NaN or an "inf".
    void emptyRunsShowDashes() {
        CompareView view;
        view.show({RunRecord{}, RunRecord{}});
        CompareTable* t = table(view);
        QVERIFY(t->rowCount() > 0);
        for (int row = 0; row < t->rowCount(); ++row)
            for (int column = 0; column < t->columnCount(); ++column) {
                const QString text = t->cellText(row, column).toLower();
                QVERIFY2(!text.contains("nan") && !text.contains("inf"), qPrintable(text));
            }
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::valueColumn(0)), QString("–"));
        QCOMPARE(latency(view)->line(0)->dataCount(), 0);
        QCOMPARE(spectrum(view)->line(0)->dataCount(), 0);
        QVERIFY(latency(view)->hoverText(1).isEmpty());
        QVERIFY(spectrum(view)->hoverText(2).contains("no responses"));
        QVERIFY(!std::isnan(latency(view)->yAxis->range().upper));
        for (QWidget* chart : {static_cast<QWidget*>(latency(view)), static_cast<QWidget*>(spectrum(view))})
            QVERIFY(!chart->accessibleDescription().contains("nan"));
        // An empty baseline: nothing to measure the other run against.
        view.show({RunRecord{}, run("b", 12, 11'000, 0, 12)});
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::valueColumn(1)), QString("12.000"));
        QCOMPARE(cell(view, "latency_p99_ms", CompareTable::changeColumn(1)), QString("–"));
        view.show({});  // nothing at all
        QCOMPARE(t->rowCount(), 0);
        QVERIFY(view.findChild<QLabel*>("compareHeading")->text().contains("two or more"));
    }

    // Every chart and the table has a name for screen readers, a description of what it shows,
    // and is reached with Tab.
    void chartsAndTableAreNamedAndReachedWithTab() {
        CompareView view;
        view.show({run("a", 10, 10'000, 0, 10), run("b", 12, 11'000, 0, 12)});
        view.QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* figure = view.findChild<QComboBox*>("compareFigureSwitch");
        QList<QWidget*> wanted{latency(view), spectrum(view), table(view)};
        for (QWidget* w : wanted) {
            QVERIFY(!w->accessibleName().isEmpty());
            QVERIFY(!w->accessibleDescription().isEmpty());
        }
        QVERIFY(spectrum(view)->accessibleDescription().contains("Run 2: p50 4.00 ms, p99 12 ms, p99.9 12 ms, max 12 ms"));
        figure->setFocus();
        for (QWidget* w : wanted) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), w);
        }
    }

    // The view for 2 and 3 runs, light and dark, wide and narrow, saved as PNGs for a person.
    void screenshots() {
        // Kept in the build folder (or SALVO_COMPARE_SHOTS) for a person to look at; the test
        // checks that every theme and size renders and saves.
        QString dir = qEnvironmentVariable("SALVO_COMPARE_SHOTS");
        if (dir.isEmpty()) dir = QDir::current().filePath("compare-shots");
        QVERIFY(QDir().mkpath(dir));
        for (auto theme : {salvo::ui::Theme::light, salvo::ui::Theme::dark}) {
            salvo::ui::applyTheme(theme);
            for (int runs : {2, 3}) {
                std::vector<RunRecord> records{realistic("baseline, before the cache", 1, 10, 2000),
                                               realistic("", 1.2, 30, 1900)};
                if (runs == 3) records.push_back(realistic("with the cache", 0.7, 4, 2400));
                CompareView view;
                view.show(std::move(records));
                view.resize(1000, 720);  // as MainWindow opens it
                view.QWidget::show();
                QVERIFY(QTest::qWaitForWindowExposed(&view));
                QTest::qWait(100);  // the queued replots
                QVERIFY(view.grab().save(QStringLiteral("%1/compare-%2-%3.png")
                                             .arg(dir, salvo::ui::themeKey(theme)).arg(runs)));
                if (runs == 2) continue;
                // A laptop screen at 2x scaling (683 x 768, less the title bar and the panel),
                // the latency chart focused.
                view.resize(683, 720);
                latency(view)->setFocus(Qt::TabFocusReason);
                QTest::qWait(100);
                QVERIFY(view.grab().save(QStringLiteral("%1/compare-%2-narrow.png")
                                             .arg(dir, salvo::ui::themeKey(theme))));
            }
        }
    }
};

QTEST_MAIN(CompareViewTest)
#include "CompareViewTest.moc"
