// What a one-hour run costs each chart library on the GUI thread: four series growing by one
// point a second to 3,600, each second appended and repainted the way the dashboard does it.
// Prints the median and longest repaint (append + axis update + paint) at 100, 1,000 and 3,600
// points for Qt Charts and QCustomPlot, and their ratio. Built and run by bench/chart_library.
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include <qcustomplot.h>

namespace {

constexpr int kSeries = 4;
constexpr int kSeconds = 3600;
constexpr int kWidth = 640, kHeight = 260;  // one dashboard chart at the window's usual size

double value(int series, int second) {
    return 100.0 * (series + 1) + 20.0 * std::sin(second / 30.0 + series) + (second * 7 % 13);
}

struct Figures {
    std::vector<double> at100, at1000, at3600;
};

// Calls step(second) for every second; times it at the seconds that end in 0 (a sample of
// ticks; every step still appends) and files the time by how many points there were.
Figures measure(const std::function<void(int, bool)>& step) {
    Figures f;
    QElapsedTimer t;
    for (int s = 1; s <= kSeconds; ++s) {
        const bool timed = s % 10 == 0;
        t.start();
        step(s, timed);
        if (!timed) continue;
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (s <= 100) f.at100.push_back(ms);
        else if (s > 900 && s <= 1000) f.at1000.push_back(ms);
        else if (s > 3500) f.at3600.push_back(ms);
    }
    return f;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
double longest(const std::vector<double>& v) {
    return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

Figures qtCharts() {
    auto* chart = new QChart;
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(kWidth, kHeight);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    std::vector<QLineSeries*> series;
    for (int i = 0; i < kSeries; ++i) {
        series.push_back(new QLineSeries);
        chart->addSeries(series.back());
        series.back()->attachAxis(x);
        series.back()->attachAxis(y);
    }
    y->setRange(0, 600);
    view.show();
    return measure([&](int s, bool paint) {
        for (int i = 0; i < kSeries; ++i) series[i]->append(s, value(i, s));
        x->setRange(0, s);
        if (paint) view.grab();
    });
}

Figures customPlot() {
    QCustomPlot plot;
    plot.setAntialiasedElements(QCP::aeAll);
    plot.resize(kWidth, kHeight);
    for (int i = 0; i < kSeries; ++i) plot.addGraph();
    plot.yAxis->setRange(0, 600);
    plot.show();
    return measure([&](int s, bool paint) {
        for (int i = 0; i < kSeries; ++i) plot.graph(i)->addData(s, value(i, s));
        plot.xAxis->setRange(0, s);
        if (paint) {
            plot.replot(QCustomPlot::rpImmediateRefresh);
            plot.grab();
        }
    });
}

void print(const char* name, const Figures& f) {
    std::printf("%-12s  median/longest ms at 100 pts %6.2f / %6.2f   1,000 pts %6.2f / %6.2f   "
                "3,600 pts %6.2f / %6.2f\n",
                name, median(f.at100), longest(f.at100), median(f.at1000), longest(f.at1000),
                median(f.at3600), longest(f.at3600));
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const Figures charts = qtCharts();
    const Figures custom = customPlot();
    std::printf("%d series x %d points, %dx%d px, antialiased, offscreen (append + axis + paint per tick)\n",
                kSeries, kSeconds, kWidth, kHeight);
    print("Qt Charts", charts);
    print("QCustomPlot", custom);
    std::printf("ratio Qt Charts / QCustomPlot at 3,600 pts: median %.2fx, longest %.2fx\n",
                median(charts.at3600) / std::max(1e-9, median(custom.at3600)),
                longest(charts.at3600) / std::max(1e-9, longest(custom.at3600)));
    return 0;
}
