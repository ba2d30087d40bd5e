#include "TimingTable.hpp"

#include <QHeaderView>
#include <QLocale>

#include "salvo/Report.hpp"

namespace salvo::ui {

TimingTable::TimingTable(QWidget* parent)
    : ReadOnlyTable("timingTable", tr("Timing"),
                    tr("Where the time goes, in milliseconds: DNS lookup, TCP connect and TLS "
                       "handshake of new connections, and the first byte of every response "
                       "(from the write to the response head); count, min, p50, p90, p99, max"),
                    {tr("count"), tr("min"), tr("p50"), tr("p90"), tr("p99"), tr("max")}, parent) {
    setRowCount(kRows);
    setVerticalHeaderLabels({tr("DNS lookup"), tr("TCP connect"), tr("TLS handshake"), tr("First byte")});
    verticalHeader()->setVisible(true);  // the phase names
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    const QString sample = QStringLiteral("99999.999");
    fitColumns({QStringLiteral("9,999,999"), sample, sample, sample, sample, sample});
    // Never taller than its rows.
    setMaximumHeight(horizontalHeader()->sizeHint().height() +
                     kRows * verticalHeader()->defaultSectionSize() + 2 * frameWidth());
    reset();
}

const LatencyHistogram& TimingTable::phase(const Tally& total, int row) {
    switch (row) {
        case 0: return total.dns;
        case 1: return total.connect;
        case 2: return total.tlsHandshake;
        default: return total.firstByte;
    }
}

QString TimingTable::value(const LatencyHistogram& h, int column) {
    if (column == countColumn) return QLocale().toString(static_cast<qulonglong>(h.count()));
    if (h.empty()) return QStringLiteral("–");
    const auto millis = [](std::uint64_t nanos) { return QString::fromStdString(formatMillis(nanos)); };
    switch (column) {
        case minColumn: return millis(h.min());
        case p50Column: return millis(h.percentile(50));
        case p90Column: return millis(h.percentile(90));
        case p99Column: return millis(h.percentile(99));
        default: return millis(h.max());
    }
}

bool TimingTable::show(const RunResult& result) {
    bool changed = false;
    for (int row = 0; row < kRows; ++row) {
        const LatencyHistogram& h = phase(result.total, row);
        if (filled_ && h.count() == counts_[row]) continue;
        counts_[row] = h.count();
        fillRow(row, h);
        changed = true;
    }
    filled_ = true;
    return changed;
}

void TimingTable::reset() {
    counts_ = {};
    filled_ = false;
    for (int row = 0; row < kRows; ++row) fillRow(row, LatencyHistogram{});
}

void TimingTable::fillRow(int row, const LatencyHistogram& h) {
    for (int column = 0; column < kColumns; ++column) setCell(row, column, value(h, column), true);
}

}  // namespace salvo::ui
