#include "ChartAxes.hpp"

#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>

namespace salvo::ui::axes {
namespace {

// Qt Charts re-lays the whole chart out (its labels are text documents) whenever an axis setter
// is called, changed or not; on a tick that only appends a point that would be most of the work.
void setTicks(QValueAxis* axis, double interval, const QString& format) {
    if (axis->tickType() != QValueAxis::TicksDynamic) axis->setTickType(QValueAxis::TicksDynamic);
    if (axis->tickAnchor() != 0) axis->setTickAnchor(0);
    if (axis->tickInterval() != interval) axis->setTickInterval(interval);
    if (axis->labelFormat() != format) axis->setLabelFormat(format);
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

void fitTime(QValueAxis* axis, double seconds, bool headroom) {
    const double span = std::max(1.0, std::ceil(seconds));
    const int step = timeTickInterval(span);
    const double end = headroom ? std::ceil(span / step) * step : span;
    // "%.0f", not "%d": Qt Charts 6.4 draws no labels at all for "%d" with localized numbers.
    setTicks(axis, step, QStringLiteral("%.0f"));
    if (axis->min() != 0 || axis->max() != end) axis->setRange(0, end);
}

double niceStep(double top, int steps) {
    if (!(top > 0)) return 1;
    const double rough = top / steps;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (rough <= m * power * (1 + 1e-9)) return m * power;
    return 10 * power;
}

void fitRange(QValueAxis* axis, double low, double high, bool whole) {
    double step = niceStep(high - low);
    if (whole) step = std::max(1.0, step);
    const double floor = std::floor(low / step + 1e-9) * step;
    const double ceiling = std::max(floor + step, std::ceil(high / step - 1e-9) * step);
    int decimals = 0;  // as many as the step has: 0.25 needs two, 2.5 one, 250 none
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    setTicks(axis, step, QStringLiteral("%.%1f").arg(decimals));
    if (axis->min() != floor || axis->max() != ceiling) axis->setRange(floor, ceiling);
}

double fitValues(QValueAxis* axis, double top, bool whole) {
    fitRange(axis, 0, top, whole);
    return axis->max();
}

}  // namespace salvo::ui::axes
