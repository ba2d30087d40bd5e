#include <qcustomplot.h>
#include <QApplication>
#include <QCheckBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QWheelEvent>
#include <QSettings>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <cmath>

#include "ChartAxes.hpp"
#include "Colors.hpp"
#include "DashboardChart.hpp"
#include "DistributionChart.hpp"
#include "LatencyChart.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/ui/Dashboard.hpp"
#include "salvo/ui/Locale.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/ResultTables.hpp"
#include "salvo/ui/RunController.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::ui::DashboardChart;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

const char* const kCharts[] = {"throughputChart", "latencyChart", "distributionChart",
                               "connectionsChart"};

DashboardChart* chartView(MainWindow& w, const char* name) {
    return find<DashboardChart>(w, name);
}

QCPGraph* series(MainWindow& w, const char* chart, const QString& name) {
    DashboardChart* plot = chartView(w, chart);
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name) return plot->graph(i);
    qFatal("no series %s in %s", qPrintable(name), chart);
}

QCPBars* bars(MainWindow& w, const char* chart, const QString& name) {
    DashboardChart* plot = chartView(w, chart);
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i)); b && b->name() == name) return b;
    qFatal("no bars %s in %s", qPrintable(name), chart);
}

QPointF at(const QCPGraph* line, int i) {
    const auto point = line->data()->at(i);
    return {point->key, point->value};
}

QList<QPointF> points(const QCPGraph* line) {
    QList<QPointF> all;
    for (int i = 0; i < line->dataCount(); ++i) all.append(at(line, i));
    return all;
}

bool markersShown(const QCPGraph* line) {
    return line->scatterStyle().shape() != QCPScatterStyle::ssNone;
}

QCPAxis* timeAxis(MainWindow& w, const char* chart) {
    return chartView(w, chart)->xAxis;
}

// Every visible line on the three time charts (not the rate-change markers).
QList<QCPGraph*> timeLines(MainWindow& w) {
    QList<QCPGraph*> lines;
    for (const char* chart : {"throughputChart", "latencyChart", "connectionsChart"}) {
        DashboardChart* plot = chartView(w, chart);
        for (int i = 0; i < plot->graphCount(); ++i)
            if (QCPGraph* line = plot->graph(i);
                line->visible() && line->lineStyle() != QCPGraph::lsNone)
                lines.append(line);
    }
    return lines;
}

// The Charts tab in front, laid out and drawn.
void showCharts(MainWindow& w) {
    auto* dashboard = w.findChild<salvo::ui::Dashboard*>();
    for (auto* tabs : w.findChildren<QTabWidget*>())
        if (tabs->indexOf(dashboard) >= 0) tabs->setCurrentWidget(dashboard);
    QTRY_VERIFY(dashboard->isVisible());
    QTest::qWait(50);  // the queued replots lay the plots out
}

// Moves the mouse over `key, value` of the chart's axes, as hovering would.
void hover(DashboardChart* chart, double key, double value) {
    QTest::mouseMove(chart, QPoint(qRound(chart->xAxis->coordToPixel(key)),
                                   qRound(chart->yAxis->coordToPixel(value))));
}

void startCountRun(MainWindow& w, const std::string& url, const QString& count) {
    fill(w, QString::fromStdString(url), count, "2");
    QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
    QVERIFY(w.controller().isRunning());
}

void saveShot(MainWindow& w, const QString& name) {
    const QString dir = qEnvironmentVariable("SALVO_DASHBOARD_SHOTS");
    if (dir.isEmpty()) return;
    auto* dashboard = w.findChild<salvo::ui::Dashboard*>();
    w.resize(1366, 768);
    QTest::qWait(50);
    dashboard->grab().save(dir + "/charts-" + name + ".png");
    w.grab().save(dir + "/window-" + name + ".png");
    w.resize(w.minimumSizeHint());  // the smallest the window gets
    QTest::qWait(50);
    dashboard->grab().save(dir + "/charts-" + name + "-smallest.png");
    w.resize(1366, 768);
}

}  // namespace

// The dashboard's four charts (issue: live dashboard): throughput, latency over time, the
// latency distribution, connections. Asserts on graphs, axes and colours, never on pixels.
// SALVO_DASHBOARD_SHOTS=dir also saves what a run looks like, light and dark, as PNGs.
class DashboardTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-dashboard-test");
        salvo::ui::installLocale();  // as main() does: "1,000" even in the C locale
    }

    // A second without responses (only transport errors) has no latency: a gap in the lines,
    // and its hover text says why, never a fall to 0 ms.
    void aSecondWithoutResponsesIsAGapInTheLatencyLines() {
        salvo::ui::LatencyChart chart;
        salvo::RunResult r;
        salvo::SecondStats answered;
        answered.completed = answered.responses = 10;
        answered.latencyP50 = answered.latencyP90 = answered.latencyP99 = answered.latencyMax = 5'000'000;
        salvo::SecondStats errorsOnly;
        errorsOnly.completed = errorsOnly.failed = 10;  // timeouts: no latency recorded
        r.timeline = {answered, errorsOnly, answered};
        chart.show(r);
        QCPGraph* p50 = chart.graph(0);
        QCOMPARE(p50->dataCount(), 3);
        QCOMPARE(p50->data()->at(0)->value, 5.0);
        QVERIFY(std::isnan(p50->data()->at(1)->value));
        QCOMPARE(p50->data()->at(2)->value, 5.0);
        QVERIFY(chart.hoverText(2).contains("no responses"));
    }

    // The mouse wheel over a chart scrolls the window: the charts take no wheel events.
    void theWheelOverAChartScrollsTheWindow() {
        salvo::ui::MainWindow w;
        w.resize(900, 500);
        showActive(w);
        auto* chart = w.findChild<salvo::ui::DashboardChart*>();
        QVERIFY(chart);
        auto* scroll = w.findChild<QScrollArea*>("centralScroll");
        QVERIFY(scroll && scroll->verticalScrollBar()->maximum() > 0);
        const QPointF at(chart->width() / 2.0, chart->height() / 2.0);
        QWheelEvent wheel(at, chart->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        // Qt passes an ignored wheel event on to the parents (the scroll area) only when it
        // came from the system, so the check is that the chart leaves it unaccepted; a
        // scroll area that sees it scrolls (checked by hand under Xvfb).
        QApplication::sendEvent(chart, &wheel);
        QVERIFY(!wheel.isAccepted());
        QVERIFY(!chart->testAttribute(Qt::WA_NoMousePropagation));  // QCustomPlot sets it
    }

    void init() { QSettings().clear(); }

    void timeTicksLeaveAtMostTenIntervals() {
        using salvo::ui::axes::timeTickInterval;
        QCOMPARE(timeTickInterval(1), 1);
        QCOMPARE(timeTickInterval(10), 1);
        QCOMPARE(timeTickInterval(11), 2);
        QCOMPARE(timeTickInterval(21), 5);
        QCOMPARE(timeTickInterval(100), 10);
        QCOMPARE(timeTickInterval(101), 15);
        QCOMPARE(timeTickInterval(299), 30);
        QCOMPARE(timeTickInterval(600), 60);
        QCOMPARE(timeTickInterval(601), 120);
        QCOMPARE(timeTickInterval(3600), 600);
        QCOMPARE(timeTickInterval(36000), 3600);
        const int allowed[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
        for (int seconds = 1; seconds <= 36000; seconds += seconds < 200 ? 1 : 37) {
            const int step = timeTickInterval(seconds);
            QVERIFY2(seconds <= 10 * step, qPrintable(QString("%1 s: %2").arg(seconds).arg(step)));
            QVERIFY(std::find(std::begin(allowed), std::end(allowed), step) != std::end(allowed));
            if (step > 1) QVERIFY(seconds > 10 * timeTickInterval(seconds) / 3);  // not too sparse
        }
        QVERIFY(timeTickInterval(100000) % 3600 == 0);
    }

    // While a run goes on each closed second appears on the three time charts and the
    // distribution fills; at the end every second is drawn, the last one too, at whole seconds.
    void allFourChartsFillWhileRunningAndAfter() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url("/delay/5"), "3s", "");
        retype(edit(w, Field::connections), "2");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(series(w, "throughputChart", "succeeded/s")->dataCount() >= 1,
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            series(w, "distributionChart", "latency at percentile")->dataCount() > 0, 5000);
        QVERIFY(w.controller().isRunning());
        for (QCPGraph* line : timeLines(w))
            QVERIFY2(line->dataCount() >= 1, qPrintable(line->name()));
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);

        const auto& r = w.controller().result();
        const auto seconds = static_cast<int>(r.timeline.size());
        QVERIFY(seconds >= 3);
        for (QCPGraph* line : timeLines(w)) {
            QCOMPARE(line->dataCount(), seconds);  // the last second is drawn
            for (int i = 0; i < line->dataCount(); ++i) QCOMPARE(at(line, i).x(), double(i + 1));
            QVERIFY(markersShown(line));  // few points: markers show them
        }
        for (const char* chart : {"throughputChart", "latencyChart", "connectionsChart"}) {
            QCPAxis* axis = timeAxis(w, chart);
            auto ticker = qSharedPointerDynamicCast<QCPAxisTickerFixed>(axis->ticker());
            QVERIFY(ticker);  // ticks at exactly the step chosen, from 0
            QCOMPARE(ticker->scaleStrategy(), QCPAxisTickerFixed::ssNone);
            QCOMPARE(ticker->tickOrigin(), 0.0);
            QCOMPARE(ticker->tickStep(), std::round(ticker->tickStep()));
            QVERIFY(ticker->tickStep() >= 1);
            QCOMPARE(ticker->tickStep(), double(salvo::ui::axes::timeTickInterval(seconds)));
            QCOMPARE(axis->range().lower, 0.0);
            QCOMPARE(axis->range().upper, double(seconds));
            // Labels as QCPAxisTicker::getTickLabel makes them: the locale's group separators.
            QCOMPARE(chartView(w, chart)->locale().toString(
                         3600.0, axis->numberFormat().at(0).toLatin1(), axis->numberPrecision()),
                     QString("3,600"));
            QVERIFY(!axis->label().isEmpty() && !chartView(w, chart)->yAxis->label().isEmpty());
        }
        QCOMPARE(at(series(w, "connectionsChart", "connections"), 0).y(), 2.0);
        QCOMPARE(at(series(w, "latencyChart", "p99"), 0).y(), r.timeline[0].latencyP99 / 1e6);
        QVERIFY(at(series(w, "throughputChart", "succeeded/s"), 1).y() > 0);
        auto* spectrum = series(w, "distributionChart", "latency at percentile");
        QCOMPARE(at(spectrum, spectrum->dataCount() - 1).x(), 5.0);  // 99.999 %
        QCOMPARE(at(spectrum, spectrum->dataCount() - 1).y(), r.total.latency.max() / 1e6);
        for (const char* chart : kCharts) {
            QVERIFY(!chartView(w, chart)->accessibleName().isEmpty());
            QVERIFY2(!chartView(w, chart)->accessibleDescription().isEmpty(), chart);
        }
        QVERIFY(chartView(w, "throughputChart")->accessibleDescription().contains("succeeded/s"));

        // The second after the planned 3 s holds only the requests in flight at the end: drawn as
        // their count, not scaled up by the few ms it covered (a spike), and its hover text says so.
        QVERIFY(r.elapsedSeconds > 3);
        QCOMPARE(seconds, 4);
        const auto& after = r.timeline.back();
        QVERIFY(after.completed > 0);
        QCOMPARE(at(series(w, "throughputChart", "succeeded/s"), 3).y(), double(after.completed - after.failed));
        const QString tip = chartView(w, "throughputChart")->hoverText(4);
        QVERIFY2(tip.contains("after the planned 3 s") && !tip.contains("scaled"), qPrintable(tip));
        QVERIFY(chartView(w, "throughputChart")->accessibleDescription().contains("after the planned 3 s"));
    }

    // A tab out of sight is not redrawn while a run goes on (what `salvo --bench` in a CPU quota
    // showed the GUI thread taking from the engine); shown, it catches up at once, and at the end
    // every tab holds the whole run.
    void hiddenTabsWaitUntilShownOrTheEnd() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        fillDurationRun(w, server.url("/delay/5"), "30s", "");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        auto* line = series(w, "throughputChart", "succeeded/s");
        QTRY_VERIFY_WITH_TIMEOUT(line->dataCount() >= 1, 5000);  // Charts in front: drawn live
        auto* status = find<QTableWidget>(w, "statusTable");
        QCOMPARE(status->rowCount(), 0);  // Tables out of sight: not filled

        QTabWidget* tabs = nullptr;
        for (auto* t : w.findChildren<QTabWidget*>())
            if (t->indexOf(w.findChild<salvo::ui::ResultTables*>()) >= 0) tabs = t;
        QVERIFY(tabs);
        tabs->setCurrentWidget(w.findChild<salvo::ui::ResultTables*>());
        QCOMPARE(status->rowCount(), 1);  // caught up as it came into view
        const int drawn = line->dataCount();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller().result().timeline.size() >= static_cast<std::size_t>(drawn) + 2, 5000);
        QCOMPARE(line->dataCount(), drawn);  // Charts out of sight: not redrawn
        showCharts(w);
        QVERIFY(line->dataCount() >= drawn + 2);
        QVERIFY(w.controller().isRunning());

        tabs->setCurrentIndex(tabs->count() - 1);  // History: neither tab in sight at the end
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);  // Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 5000);
        const auto& r = w.controller().result();
        QCOMPARE(line->dataCount(), static_cast<int>(r.timeline.size()));
        QCOMPARE(status->item(0, 1)->text(), QStringLiteral("%L1").arg(r.total.statusCounts.at(200)));
    }

    // A run of well under a second still shows its one second, scaled by the part it covered.
    void aShortRunShowsItsPointsAndScalesItsLastSecond() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        startCountRun(w, server.url(), "40");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const auto& r = w.controller().result();
        QCOMPARE(r.total.succeeded, 40u);
        const auto seconds = static_cast<int>(r.timeline.size());
        QVERIFY(seconds >= 1);
        auto* ok = series(w, "throughputChart", "succeeded/s");
        QCOMPARE(ok->dataCount(), seconds);
        QVERIFY(markersShown(ok));
        const auto& last = r.timeline.back();
        const double part = r.elapsedSeconds - (seconds - 1);
        const double rate = double(last.completed - last.failed) / part;
        if (part > 0.01 && part < 1)
            QVERIFY(std::abs(at(ok, seconds - 1).y() - rate) <= 1e-6 * rate);
        // Hovering a point names its second and value; the scaled last second says so.
        DashboardChart* chart = chartView(w, "throughputChart");
        showCharts(w);
        const QString tip = chart->hoverText(at(ok, seconds - 1).x());
        QVERIFY2(tip.startsWith(QString("%1 s: ").arg(seconds)), qPrintable(tip));
        QVERIFY(tip.contains("succeeded/s"));
        if (part > 0.01 && part < 1) QVERIFY(tip.contains("last"));
        QCOMPARE(chart->hoverText(at(ok, seconds - 1).x() + 0.4), tip);  // the nearest second
        hover(chart, at(ok, seconds - 1).x(), at(ok, seconds - 1).y());
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), tip);
        QTest::mouseMove(chart, QPoint(1, 1));  // off the plot: the tip goes
        QTRY_VERIFY(!QToolTip::isVisible());
        for (QCPGraph* line : timeLines(w)) QCOMPARE(line->dataCount(), seconds);
    }

    // A failed request is never throughput: /status/500 shows on the failed line only.
    void failuresShowOnTheFailedLine() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        startCountRun(w, server.url("/status/500"), "30");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        auto* failed = series(w, "throughputChart", "failed/s");
        auto* ok = series(w, "throughputChart", "succeeded/s");
        QVERIFY(failed->dataCount() >= 1);
        double failedSum = 0, okSum = 0;
        for (int i = 0; i < failed->dataCount(); ++i) failedSum += at(failed, i).y();
        for (int i = 0; i < ok->dataCount(); ++i) okSum += at(ok, i).y();
        QVERIFY(failedSum > 0);
        QCOMPARE(okSum, 0.0);
        QVERIFY(chartView(w, "throughputChart")->accessibleDescription().contains("failed/s"));
    }

    // In the open model service time differs from latency (counted from the due time); in the
    // closed model they are the same, so the switch is off and its tooltip says why.
    void serviceTimeSwitchChangesTheLatencyLines() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        auto* toggle = find<QCheckBox>(w, "serviceTimeSwitch");
        QVERIFY(!toggle->isEnabled());
        QVERIFY(!toggle->toolTip().isEmpty());
        QVERIFY(!toggle->accessibleName().isEmpty());
        QVERIFY(toggle->focusPolicy() & Qt::TabFocus);
        fillDurationRun(w, server.url("/delay/5"), "2s", "200");
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QVERIFY(toggle->isEnabled());
        auto* target = series(w, "throughputChart", "target rate");  // open model: dashed target
        QVERIFY(target->visible() && target->dataCount() >= 1);
        QCOMPARE(target->pen().style(), Qt::DashLine);
        QCOMPARE(at(target, 0).y(), 200.0);
        auto values = [&] {
            QList<QPointF> all;
            for (const char* name : {"p50", "p90", "p99", "max"})
                all += points(series(w, "latencyChart", name));
            return all;
        };
        const auto latency = values();
        const auto spectrum = points(series(w, "distributionChart", "latency at percentile"));
        QVERIFY(!latency.isEmpty());
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(toggle->isChecked());
        const auto service = values();
        QCOMPARE(service.size(), latency.size());
        QVERIFY(service != latency);
        QCOMPARE(service.front().y(), w.controller().result().timeline[0].serviceP50 / 1e6);
        QVERIFY(points(series(w, "distributionChart", "latency at percentile")) != spectrum);
        QVERIFY(chartView(w, "latencyChart")->yAxis->label().startsWith("service time"));
        QVERIFY(chartView(w, "latencyChart")->hoverText(1).contains("service time p50"));
        QTest::keyClick(toggle, Qt::Key_Space);
        QCOMPARE(values(), latency);

        QTest::keyClick(&w, Qt::Key_R, Qt::AltModifier);  // closed model: the switch turns off
        retype(edit(w, Field::rate), "");
        startCountRun(w, server.url(), "20");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QVERIFY(!toggle->isEnabled());
        QVERIFY(toggle->toolTip().contains("equals latency"));
        QVERIFY(!series(w, "throughputChart", "target rate")->visible());
    }

    // The distribution's switch swaps the percentile spectrum for a plain histogram and back.
    void distributionSwitchSwapsSpectrumAndHistogram() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        startCountRun(w, server.url(), "200");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        auto* spectrum = series(w, "distributionChart", "latency at percentile");
        auto* bins = bars(w, "distributionChart", "requests");
        auto* chart = find<salvo::ui::DistributionChart>(w, "distributionChart");
        auto* toggle = find<QCheckBox>(w, "histogramSwitch");
        QVERIFY(!toggle->accessibleName().isEmpty() && !toggle->toolTip().isEmpty());
        QVERIFY(toggle->focusPolicy() & Qt::TabFocus);
        QVERIFY(spectrum->visible() && !bins->visible());
        QVERIFY(spectrum->dataCount() > 10);
        const auto nines = chart->ninesTicker();
        QVERIFY(chart->xAxis->ticker() == nines && chart->xAxis->visible());
        QCOMPARE(nines->ticks().lastKey(), 5.0);
        QVERIFY(nines->ticks().last().startsWith("99.999"));  // percent
        QCOMPARE(nines->ticks().value(2.0).left(2), QString("99"));
        QVERIFY(chart->hoverText(5).endsWith(" ms"));
        QVERIFY2(chart->hoverText(5).startsWith("99.999%: "), qPrintable(chart->hoverText(5)));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!spectrum->visible() && bins->visible());
        saveShot(w, "histogram");
        QVERIFY(chart->xAxis->ticker() != nines);
        double total = 0;  // the bins add up to the run, less the slowest 0.1 %
        for (auto b = bins->data()->constBegin(); b != bins->data()->constEnd(); ++b)
            total += b->value;
        QVERIFY(total >= 200 * 0.99 && total <= 200);
        const double firstBin = bins->data()->constBegin()->key;
        QVERIFY2(chart->hoverText(firstBin).contains("requests"),
                 qPrintable(chart->hoverText(firstBin)));
        QTest::keyClick(toggle, Qt::Key_Space);  // the keyboard switches too
        QVERIFY(spectrum->visible() && !bins->visible());
        QVERIFY(chart->xAxis->ticker() == nines);
    }

    // The charts follow the palette: a dark one (View → Theme, or the system) recolours them.
    void aDarkPaletteRecoloursTheCharts() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        startCountRun(w, server.url("/delay/2"), "1200");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        saveShot(w, "light");
        const QPalette before = QApplication::palette();
        QPalette dark(QColor(45, 45, 48), QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(24, 24, 26));
        dark.setColor(QPalette::Window, QColor(40, 40, 43));
        QApplication::setPalette(dark);
        // Qt delivers the application's palette to widgets from the event loop.
        QTRY_COMPARE(chartView(w, "connectionsChart")->backgroundBrush().color(),
                     dark.color(QPalette::Window));
        for (const char* name : kCharts) {
            DashboardChart* chart = chartView(w, name);
            QCOMPARE(chart->backgroundBrush().color(), dark.color(QPalette::Window));
            QCOMPARE(chart->axisRect()->backgroundBrush().color(), dark.color(QPalette::Base));
            for (QCPAxis* axis : chart->axisRect()->axes())
                QCOMPARE(axis->tickLabelColor(), dark.color(QPalette::WindowText));
            QCOMPARE(chart->legend->textColor(), dark.color(QPalette::WindowText));
        }
        QCOMPARE(series(w, "throughputChart", "succeeded/s")->pen().color(),
                 salvo::ui::colors::series(dark, 0));
        QCOMPARE(series(w, "latencyChart", "p99")->pen().color(),
                 salvo::ui::colors::series(dark, 2));
        saveShot(w, "dark");
        QApplication::setPalette(before);
        QTRY_COMPARE(chartView(w, "throughputChart")->backgroundBrush().color(),
                     before.color(QPalette::Window));
        // A palette set on the widget alone reaches the charts too.
        w.findChild<salvo::ui::Dashboard*>()->setPalette(dark);
        QCOMPARE(series(w, "connectionsChart", "connections")->pen().color(),
                 salvo::ui::colors::series(dark, 0));
    }
};

QTEST_MAIN(DashboardTest)
#include "DashboardTest.moc"
