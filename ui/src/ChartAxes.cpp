#include "ChartAxes.hpp"

#include <qcustomplot.h>
#include <algorithm>
#include <array>
#include <cmath>

namespace salvo::ui::axes {
namespace {

// Ticks at exact multiples of `step` from 0 (QCustomPlot's default ticker picks its own), their
// labels in the plot's locale (group separators) with `decimals` decimals.
void setTicks(QCPAxis* axis, double step, int decimals) {
    auto fixed = qSharedPointerDynamicCast<QCPAxisTickerFixed>(axis->ticker());
    if (!fixed) {
        fixed = QSharedPointer<QCPAxisTickerFixed>::create();
        fixed->setScaleStrategy(QCPAxisTickerFixed::ssNone);  // the step as given, never scaled
        axis->setTicker(fixed);
    }
    fixed->setTickStep(step);
    axis->setNumberFormat(QStringLiteral("f"));
    axis->setNumberPrecision(decimals);
}

}  // namespace

int timeTickInterval(double seconds) {
    static constexpr std::array<int, 13> kSteps = {1,   2,   5,   10,  15,   30,  60,
                                                   120, 300, 600, 900, 1800, 3600};
    constexpr int kMaxIntervals = 10;
    for (int step : kSteps)
        if (seconds <= static_cast<double>(step) * kMaxIntervals) return step;
    // Past 10 hours: round numbers of hours.
    return 3600 * static_cast<int>(std::ceil(niceStep(seconds / 3600.0, kMaxIntervals)));
}

void fitTime(QCPAxis* axis, double seconds, bool headroom) {
    const double span = std::max(1.0, std::ceil(seconds));
    const int step = timeTickInterval(span);
    const double end = headroom ? std::ceil(span / step) * step : span;
    setTicks(axis, step, 0);
    axis->setRange(0, end);
}

double niceStep(double top, int steps) {
    if (!(top > 0)) return 1;
    const double rough = top / steps;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (rough <= m * power * (1 + 1e-9)) return m * power;
    return 10 * power;
}

void fitRange(QCPAxis* axis, double low, double high, bool whole) {
    double step = niceStep(high - low);
    if (whole) step = std::max(1.0, step);
    const double floor = std::floor(low / step + 1e-9) * step;
    const double ceiling = std::max(floor + step, std::ceil(high / step - 1e-9) * step);
    int decimals = 0;  // as many as the step has: 0.25 needs two, 2.5 one, 250 none
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    setTicks(axis, step, decimals);
    axis->setRange(floor, ceiling);
}

double fitValues(QCPAxis* axis, double top, bool whole) {
    fitRange(axis, 0, top, whole);
    return axis->range().upper;
}

}  // namespace salvo::ui::axes
