#include "PercentileTable.hpp"

#include <QHeaderView>
#include <array>
#include <cmath>

#include "salvo/Report.hpp"

namespace salvo::ui {
namespace {

// A row: its name and the percentile it reads; the negative ones are the other statistics.
struct Statistic {
    const char* name;
    double percent;
};
constexpr double kMin = -1, kMean = -2, kStddev = -3, kMax = -4;
constexpr std::array<Statistic, PercentileTable::kRows> kStatistics{{
    {"min", kMin}, {"mean", kMean}, {"stddev", kStddev}, {"p50", 50}, {"p75", 75}, {"p90", 90},
    {"p95", 95}, {"p99", 99}, {"p99.9", 99.9}, {"p99.99", 99.99}, {"max", kMax},
}};

QString millis(std::uint64_t nanos) { return QString::fromStdString(formatMillis(nanos)); }
QString millis(double nanos) { return millis(static_cast<std::uint64_t>(std::llround(nanos))); }

}  // namespace

PercentileTable::PercentileTable(QWidget* parent)
    : ReadOnlyTable("percentileTable", tr("Latency percentiles"),
                    tr("Latency after the warm-up in milliseconds: minimum, mean, standard "
                       "deviation, percentiles and maximum. With a rate, latency counts from "
                       "each request's due time and service time from its write"),
                    {}, parent) {
    setRowCount(kRows);
    QStringList names;
    for (int row = 0; row < kRows; ++row) names << rowName(row);
    setVerticalHeaderLabels(names);
    verticalHeader()->setVisible(true);  // the statistic names
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    setColumns(false);
    // Never taller than its rows: the count note sits right under the last one.
    setMaximumHeight(horizontalHeader()->sizeHint().height() +
                     kRows * verticalHeader()->defaultSectionSize() + 2 * frameWidth());
}

QString PercentileTable::rowName(int row) { return QString::fromLatin1(kStatistics[row].name); }

QString PercentileTable::value(const LatencyHistogram& h, int row) {
    if (h.empty()) return QStringLiteral("–");
    const double percent = kStatistics[row].percent;
    if (percent == kMin) return millis(h.min());
    if (percent == kMean) return millis(h.mean());
    if (percent == kStddev) return millis(h.stddev());
    if (percent == kMax) return millis(h.max());
    return millis(h.percentile(percent));
}

void PercentileTable::setColumns(bool open) {
    const int columns = open ? 2 : 1;
    if (columns == columns_) return;
    columns_ = columns;
    setColumnCount(columns);
    setHorizontalHeaderLabels(open ? QStringList{tr("Latency"), tr("Service time")}
                                   : QStringList{tr("Latency")});
    // The columns stretch equally, so each needs room for the widest heading, not just its own.
    const QString widest = open ? tr("Service time") + QStringLiteral("  ") : QStringLiteral("99999.999");
    fitColumns({widest, widest});
    horizontalHeaderItem(0)->setToolTip(
        open ? tr("From each request's due time to the end of its response (coordinated "
                  "omission corrected)")
             : tr("From writing the request to the end of its response"));
    if (open)
        horizontalHeaderItem(1)->setToolTip(
            tr("From writing the request to the end of its response"));
    for (int column = 0; column < columns; ++column) fillColumn(column, LatencyHistogram{});
}

void PercentileTable::fillColumn(int column, const LatencyHistogram& h) {
    for (int row = 0; row < kRows; ++row) setCell(row, column, value(h, row), true);
}

bool PercentileTable::show(const RunResult& r) {
    const bool open = r.open();
    const LatencyHistogram& latency = r.total.latency;
    const LatencyHistogram& service = r.total.serviceTime;
    const bool same = columns_ == (open ? 2 : 1) && latency.count() == latencyCount_ &&
                      (!open || service.count() == serviceCount_);
    if (same) return false;
    setColumns(open);
    latencyCount_ = latency.count();
    fillColumn(0, latency);
    if (open) {
        serviceCount_ = service.count();
        fillColumn(1, service);
    }
    return true;
}

void PercentileTable::reset() {
    latencyCount_ = serviceCount_ = 0;
    columns_ = 0;
    setColumns(false);
}

}  // namespace salvo::ui
