#include "RequestTable.hpp"

#include <QHeaderView>
#include <QScrollBar>
#include <QStringList>
#include <algorithm>

#include "salvo/Report.hpp"

namespace salvo::ui {

RequestTable::RequestTable(QWidget* parent)
    : ReadOnlyTable(
          "requestTable", tr("Named requests"),
          tr("Each named request of the plan, after the warm-up: requests sent, "
             "completed and failed, the error rate, completed requests per second, "
             "latency p50, p90, p99 and max in milliseconds, and the status codes "
             "answered"),
          {tr("Name"), tr("Sent"), tr("Completed"), tr("Failed"), tr("Error rate"),
           tr("Requests/s"), tr("p50"), tr("p90"), tr("p99"), tr("Max"), tr("Status codes")},
          parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);  // see fitHeight()
    leastHeight_ = minimumHeight();
    auto* header = horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);  // the status codes take what is left, elided
    // Columns widen with their figures: the scroll bar under them may come or go.
    connect(header, &QHeaderView::sectionResized, this, &RequestTable::fitHeight);
    horizontalHeaderItem(p50Column)->setToolTip(tr("Latency p50, ms"));
    horizontalHeaderItem(p90Column)->setToolTip(tr("Latency p90, ms"));
    horizontalHeaderItem(p99Column)->setToolTip(tr("Latency p99, ms"));
    horizontalHeaderItem(maxColumn)->setToolTip(tr("Latency max, ms"));
    horizontalHeaderItem(rpsColumn)->setToolTip(
        tr("Completed requests per second of the measured time (after the warm-up)"));
}

QString RequestTable::statuses(const std::map<int, std::uint64_t>& counts) {
    QStringList parts;
    for (const auto& [code, n] : counts) parts << QStringLiteral("%1×%L2").arg(code).arg(n);
    return parts.isEmpty() ? QStringLiteral("–") : parts.join(QStringLiteral(", "));
}

QString RequestTable::value(const Tally& t, double seconds, int column) {
    const auto count = [](std::uint64_t n) { return QStringLiteral("%L1").arg(n); };
    const auto millis = [&t](double p) {
        if (t.latency.empty()) return QStringLiteral("–");
        return QString::fromStdString(
            formatMillis(p < 100 ? t.latency.percentile(p) : t.latency.max()));
    };
    const auto completed = static_cast<double>(t.completed());
    switch (column) {
        case sentColumn:
            return count(t.sent);
        case completedColumn:
            return count(t.completed());
        case failedColumn:
            return count(t.failed);
        case errorRateColumn:
            return t.completed() ? QStringLiteral("%L1 %").arg(
                                       100.0 * static_cast<double>(t.failed) / completed, 0, 'f', 2)
                                 : QStringLiteral("–");
        case rpsColumn:
            return seconds > 0 ? QStringLiteral("%L1").arg(completed / seconds, 0, 'f', 1)
                               : QStringLiteral("–");
        case p50Column:
            return millis(50);
        case p90Column:
            return millis(90);
        case p99Column:
            return millis(99);
        case maxColumn:
            return millis(100);
        case statusColumn:
            return statuses(t.statusCounts);
        default:
            return {};
    }
}

RequestTable::Shown RequestTable::shownOf(const RunResult& r) {
    Shown s{r.requestNames, {}, r.measuredSeconds()};
    for (const Tally& t : r.requests)
        s.counts.insert(s.counts.end(), {t.sent, t.completed(), t.latency.count()});
    return s;
}

bool RequestTable::show(const RunResult& r) {
    Shown now = shownOf(r);
    if (now == shown_) return false;
    shown_ = std::move(now);
    // The names and the tallies are parallel; a result that breaks that shows what pairs up.
    const int rows = static_cast<int>(std::min(r.requestNames.size(), r.requests.size()));
    resizeRows(rows);
    for (int row = 0; row < rows; ++row) {
        const QString name = QString::fromStdString(r.requestNames[static_cast<std::size_t>(row)]);
        setCell(row, nameColumn, name);
        setCellToolTip(row, nameColumn, name);
        const Tally& t = r.requests[static_cast<std::size_t>(row)];
        for (int column = sentColumn; column < kColumns; ++column)
            setCell(row, column, value(t, shown_.seconds, column), column != statusColumn);
        setCellToolTip(row, statusColumn, cellText(row, statusColumn));  // however narrow
    }
    fitHeight();
    return true;
}

// As tall as its rows (a few at most, so the other tables keep their room on a short screen;
// more scroll) and, only while the columns do not fit, the scroll bar under them: no taller.
void RequestTable::fitHeight() {
    const bool scrollsDown = rowCount() > kRowsShown;
    const int across =
        width() - 2 * frameWidth() - (scrollsDown ? verticalScrollBar()->sizeHint().width() : 0);
    const bool scrollsAcross = horizontalHeader()->length() > across;
    const int fit =
        horizontalHeader()->sizeHint().height() +
        std::clamp(rowCount(), 1, kRowsShown) * verticalHeader()->defaultSectionSize() +
        (scrollsAcross ? horizontalScrollBar()->sizeHint().height() : 0) + 2 * frameWidth();
    setMaximumHeight(fit);
    // Below the tables' usual least height too: two requests need less than that.
    setMinimumHeight(std::min(fit, leastHeight_));
}

void RequestTable::resizeEvent(QResizeEvent* event) {
    ReadOnlyTable::resizeEvent(event);
    fitHeight();
}

void RequestTable::reset() {
    shown_ = {};
    resizeRows(0);
    fitHeight();
}

}  // namespace salvo::ui
