// salvo-dashboard-bench: how long the GUI thread spends per tick on the dashboard as a run grows
// to an hour (3,600 seconds, each line 3,600 points). A synthetic RunResult gains one second
// every `--ticks` calls of Dashboard::show(), as RunController's 25 ms timer would call it, and
// every tick then processes the posted events (layout, the repaint of what changed) and forces a
// full repaint of a window of realistic size (grab()). Prints the longest and median tick at
// 100, 1,000 and 3,600 seconds, with its parts. bench/dashboard runs it offscreen.
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "salvo/RunResult.hpp"
#include "salvo/ui/Dashboard.hpp"

namespace {

// Milliseconds per tick, apart for ticks that brought a new second and those that did not.
// A tick is show(), then the posted events (QCustomPlot's queued replot and the repaint of what
// changed: what the window pays), then a forced repaint of everything (grab()).
struct Ticks {
    std::vector<double> grown, idle;  // the whole tick
    std::vector<double> grownShow;    // show() alone, on ticks that brought a new second
    std::vector<double> grownEvents;  // show() and the posted events, on those ticks
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// One second of a 1,000 req/s open-model run with a little noise, its latencies recorded.
void addSecond(salvo::RunResult& r, std::mt19937_64& rng) {
    std::lognormal_distribution<double> latency(std::log(2e6), 0.4);  // ns, median 2 ms
    salvo::SecondStats s;
    const auto second = r.timeline.size();
    s.targetRps = second < 1800 ? 1000 : 1500;
    s.failed = rng() % 8 == 0 ? rng() % 20 : 0;
    s.completed = static_cast<std::uint64_t>(s.targetRps) - rng() % 15;
    s.sent = s.completed;
    salvo::LatencyHistogram second_latency, second_service;
    for (std::uint64_t i = 0; i < s.completed; ++i) {
        const auto service = static_cast<std::uint64_t>(latency(rng));
        const std::uint64_t lag = rng() % 200'000;
        second_latency.record(service + lag);
        second_service.record(service);
    }
    r.total.latency.merge(second_latency);
    r.total.serviceTime.merge(second_service);
    r.total.succeeded += s.completed - s.failed;
    r.total.failed += s.failed;
    s.latencyP50 = second_latency.percentile(50), s.latencyP90 = second_latency.percentile(90);
    s.latencyP99 = second_latency.percentile(99), s.latencyMax = second_latency.max();
    s.serviceP50 = second_service.percentile(50), s.serviceP90 = second_service.percentile(90);
    s.serviceP99 = second_service.percentile(99), s.serviceMax = second_service.max();
    s.connections = 50;
    s.inFlight = 2 + rng() % 6;
    r.timeline.push_back(s);
    if (second == 1800) r.rateChanges.push_back({1800.5, 1500});
}

std::vector<double> tail(const std::vector<double>& v, std::size_t n) {
    return {v.end() - static_cast<long>(std::min(v.size(), n)), v.end()};
}

std::string figures(const std::vector<double>& v) {
    if (v.empty()) return "-";
    char text[64];
    std::snprintf(text, sizeof text, "longest %5.1f ms, median %5.1f ms",
                  *std::max_element(v.begin(), v.end()), median(v));
    return text;
}

// The ticks of the last `seconds` seconds before `at`.
void report(const Ticks& t, std::size_t at, std::size_t seconds, int perSecond) {
    const auto idle = static_cast<std::size_t>(perSecond - 1) * seconds;
    std::printf(
        "%5zu s, ticks of the last %zu s:\n"
        "  new second, whole tick     %s\n"
        "    show() alone             %s\n"
        "    show() + posted events   %s\n"
        "  no new second, whole tick  %s\n",
        at, seconds, figures(tail(t.grown, seconds)).c_str(),
        figures(tail(t.grownShow, seconds)).c_str(), figures(tail(t.grownEvents, seconds)).c_str(),
        figures(tail(t.idle, idle)).c_str());
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QLocale locale;
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    QLocale::setDefault(locale);
    QCommandLineParser parser;
    parser.setApplicationDescription("Ticks of the dashboard over a synthetic one-hour run.");
    parser.addHelpOption();
    const QCommandLineOption seconds("seconds", "Seconds of run to grow to.", "n", "3600");
    const QCommandLineOption ticks("ticks", "show() calls per second of run.", "n", "2");
    const QCommandLineOption size("size", "Dashboard size in pixels.", "WxH", "1340x420");
    const QCommandLineOption shot("shot", "Save the finished dashboard as this PNG.", "file");
    parser.addOptions({seconds, ticks, size, shot});
    parser.process(app);
    const std::size_t last = parser.value(seconds).toULong();
    const int perSecond = std::max(1, parser.value(ticks).toInt());
    const QStringList wh = parser.value(size).split('x');

    QWidget window;  // the dashboard as the Charts tab holds it in a 1366x768 window
    auto* layout = new QVBoxLayout(&window);
    auto* dashboard = new salvo::ui::Dashboard;
    layout->addWidget(dashboard);
    window.resize(wh.value(0).toInt(), wh.value(1).toInt());
    window.show();
    QApplication::processEvents();

    salvo::RunResult r;
    r.load.rate = 1000;
    r.load.durationSeconds = static_cast<double>(last);
    r.load.count = salvo::kNoCountLimit;
    r.connections = 50;
    r.connectionsNow = 50;
    dashboard->clear();
    std::mt19937_64 rng(1);
    Ticks t;
    QElapsedTimer clock;
    for (std::size_t second = 1; second <= last; ++second) {
        addSecond(r, rng);
        for (int tick = 0; tick < perSecond; ++tick) {
            r.elapsedSeconds = static_cast<double>(second) + static_cast<double>(tick) / perSecond;
            r.inFlightNow = rng() % 8;
            clock.start();
            dashboard->show(r);
            if (tick == 0) t.grownShow.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
            QCoreApplication::sendPostedEvents();  // the charts' queued replots, the repaints
            if (tick == 0) t.grownEvents.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
            window.grab();  // renders every chart, changed or not
            (tick == 0 ? t.grown : t.idle)
                .push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        }
        if (second == 100 || second == 1000 || second == 3600 || second == last)
            report(t, second, std::min<std::size_t>(50, second), perSecond);
    }
    r.outcome = salvo::Outcome::finished;
    dashboard->show(r);
    QCoreApplication::sendPostedEvents();
    if (parser.isSet(shot)) window.grab().save(parser.value(shot));
    return 0;
}
