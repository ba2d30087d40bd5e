#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QLineSeries>
#include <QSettings>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>

#include "ChartAxes.hpp"
#include "Colors.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/ui/Dashboard.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

const char* const kCharts[] = {"throughputChart", "latencyChart", "distributionChart",
                               "connectionsChart"};

QChartView* chartView(MainWindow& w, const char* name) {
    return find<QChartView>(w, name);
}

template <class S = QLineSeries>
S* series(MainWindow& w, const char* chart, const QString& name) {
    for (QAbstractSeries* s : chartView(w, chart)->chart()->series())
        if (s->name() == name) return qobject_cast<S*>(s);
    qFatal("no series %s in %s", qPrintable(name), chart);
}

QValueAxis* timeAxis(MainWindow& w, const char* chart) {
    return qobject_cast<QValueAxis*>(chartView(w, chart)->chart()->axes(Qt::Horizontal).value(0));
}

// Points of every line on the three time charts.
QList<QLineSeries*> timeLines(MainWindow& w) {
    QList<QLineSeries*> lines;
    for (const char* chart : {"throughputChart", "latencyChart", "connectionsChart"})
        for (QAbstractSeries* s : chartView(w, chart)->chart()->series())
            if (auto* line = qobject_cast<QLineSeries*>(s); line && line->isVisible())
                lines.append(line);
    return lines;
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
// latency distribution, connections. Asserts on series, axes and colours, never on pixels.
// SALVO_DASHBOARD_SHOTS=dir also saves what a run looks like, light and dark, as PNGs.
class DashboardTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-dashboard-test");
        QLocale locale;  // the C locale omits thousands separators unless asked
        locale.setNumberOptions(QLocale::DefaultNumberOptions);
        QLocale::setDefault(locale);
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
        QTRY_VERIFY_WITH_TIMEOUT(series(w, "throughputChart", "succeeded/s")->count() >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            series(w, "distributionChart", "latency at percentile")->count() > 0, 5000);
        QVERIFY(w.controller().isRunning());
        for (QLineSeries* line : timeLines(w))
            QVERIFY2(line->count() >= 1, qPrintable(line->name()));
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);

        const auto& r = w.controller().result();
        const auto seconds = static_cast<int>(r.timeline.size());
        QVERIFY(seconds >= 3);
        for (QLineSeries* line : timeLines(w)) {
            QCOMPARE(line->count(), seconds);  // the last second is drawn
            for (int i = 0; i < line->count(); ++i) QCOMPARE(line->at(i).x(), double(i + 1));
            QVERIFY(line->pointsVisible());  // few points: markers show them
        }
        for (const char* chart : {"throughputChart", "latencyChart", "connectionsChart"}) {
            QValueAxis* axis = timeAxis(w, chart);
            QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
            QCOMPARE(axis->tickAnchor(), 0.0);
            QCOMPARE(axis->tickInterval(), std::round(axis->tickInterval()));
            QVERIFY(axis->tickInterval() >= 1);
            QCOMPARE(axis->min(), 0.0);
            QCOMPARE(axis->max(), double(seconds));
        }
        QCOMPARE(series(w, "connectionsChart", "connections")->at(0).y(), 2.0);
        QCOMPARE(series(w, "latencyChart", "p99")->at(0).y(), r.timeline[0].latencyP99 / 1e6);
        QVERIFY(series(w, "throughputChart", "succeeded/s")->at(1).y() > 0);
        auto* spectrum = series(w, "distributionChart", "latency at percentile");
        QCOMPARE(spectrum->at(spectrum->count() - 1).x(), 5.0);  // 99.999 %
        QCOMPARE(spectrum->at(spectrum->count() - 1).y(), r.total.latency.max() / 1e6);
        for (const char* chart : kCharts) {
            QVERIFY(!chartView(w, chart)->accessibleName().isEmpty());
            QVERIFY2(!chartView(w, chart)->accessibleDescription().isEmpty(), chart);
        }
        QVERIFY(chartView(w, "throughputChart")->accessibleDescription().contains("succeeded/s"));
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
        QCOMPARE(ok->count(), seconds);
        QVERIFY(ok->pointsVisible());
        const auto& last = r.timeline.back();
        const double part = r.elapsedSeconds - (seconds - 1);
        const double rate = double(last.completed - last.failed) / part;
        if (part > 0.01 && part < 1)
            QVERIFY(std::abs(ok->at(seconds - 1).y() - rate) <= 1e-6 * rate);
        // Hovering a point names its second and value; the scaled last second says so.
        emit ok->hovered(ok->at(seconds - 1), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().startsWith(QString("%1 s: ").arg(seconds)),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains("succeeded/s"));
        if (part > 0.01 && part < 1) QVERIFY(QToolTip::text().contains("last"));
        emit ok->hovered(ok->at(seconds - 1), false);
        for (QLineSeries* line : timeLines(w)) QCOMPARE(line->count(), seconds);
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
        QVERIFY(failed->count() >= 1);
        double failedSum = 0, okSum = 0;
        for (int i = 0; i < failed->count(); ++i) failedSum += failed->at(i).y();
        for (int i = 0; i < ok->count(); ++i) okSum += ok->at(i).y();
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
        auto values = [&] {
            QList<QPointF> all;
            for (const char* name : {"p50", "p90", "p99", "max"})
                all += series(w, "latencyChart", name)->points();
            return all;
        };
        const auto latency = values();
        const auto spectrum = series(w, "distributionChart", "latency at percentile")->points();
        QVERIFY(!latency.isEmpty());
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(toggle->isChecked());
        const auto service = values();
        QCOMPARE(service.size(), latency.size());
        QVERIFY(service != latency);
        QCOMPARE(service.front().y(), w.controller().result().timeline[0].serviceP50 / 1e6);
        QVERIFY(series(w, "distributionChart", "latency at percentile")->points() != spectrum);
        QTest::keyClick(toggle, Qt::Key_Space);
        QCOMPARE(values(), latency);

        QTest::keyClick(&w, Qt::Key_R, Qt::AltModifier);  // closed model: the switch turns off
        retype(edit(w, Field::rate), "");
        startCountRun(w, server.url(), "20");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        QVERIFY(!toggle->isEnabled());
        QVERIFY(toggle->toolTip().contains("equals latency"));
    }

    // The distribution's switch swaps the percentile spectrum for a plain histogram and back.
    void distributionSwitchSwapsSpectrumAndHistogram() {
        LocalTarget server;
        MainWindow w;
        showActive(w);
        startCountRun(w, server.url(), "200");
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        auto* spectrum = series(w, "distributionChart", "latency at percentile");
        auto* bins = series<QAreaSeries>(w, "distributionChart", "requests");
        auto* toggle = find<QCheckBox>(w, "histogramSwitch");
        QVERIFY(!toggle->accessibleName().isEmpty() && !toggle->toolTip().isEmpty());
        QVERIFY(spectrum->isVisible() && !bins->isVisible());
        QVERIFY(spectrum->count() > 10);
        auto* nines = qobject_cast<QCategoryAxis*>(spectrum->attachedAxes().value(0));
        QVERIFY(nines && nines->isVisible());
        QCOMPARE(nines->categoriesLabels().last(), QString("99.999"));  // percent
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!spectrum->isVisible() && bins->isVisible());
        saveShot(w, "histogram");
        QVERIFY(!nines->isVisible());
        double total = 0;  // the outline's bins add up to the run, less the slowest 0.1 %
        const auto outline = bins->upperSeries()->points();
        for (int i = 1; i + 1 < outline.size(); i += 2) total += outline[i].y();
        QVERIFY(total >= 200 * 0.99 && total <= 200);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(spectrum->isVisible() && !bins->isVisible());
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
        QTRY_COMPARE(chartView(w, "connectionsChart")->chart()->backgroundBrush().color(),
                     dark.color(QPalette::Window));
        for (const char* name : kCharts) {
            QChart* chart = chartView(w, name)->chart();
            QCOMPARE(chart->backgroundBrush().color(), dark.color(QPalette::Window));
            QCOMPARE(chart->plotAreaBackgroundBrush().color(), dark.color(QPalette::Base));
            for (QAbstractAxis* axis : chart->axes())
                QCOMPARE(axis->labelsBrush().color(), dark.color(QPalette::WindowText));
        }
        QCOMPARE(series(w, "throughputChart", "succeeded/s")->pen().color(),
                 salvo::ui::colors::series(dark, 0));
        QCOMPARE(series(w, "latencyChart", "p99")->pen().color(),
                 salvo::ui::colors::series(dark, 2));
        saveShot(w, "dark");
        QApplication::setPalette(before);
        QTRY_COMPARE(chartView(w, "throughputChart")->chart()->backgroundBrush().color(),
                     before.color(QPalette::Window));
        // A palette set on the widget alone reaches the charts too.
        w.findChild<salvo::ui::Dashboard*>()->setPalette(dark);
        QCOMPARE(series(w, "connectionsChart", "connections")->pen().color(),
                 salvo::ui::colors::series(dark, 0));
    }
};

QTEST_MAIN(DashboardTest)
#include "DashboardTest.moc"
