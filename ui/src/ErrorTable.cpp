#include "ErrorTable.hpp"

#include <QHeaderView>
#include <algorithm>
#include <map>

#include "StatusPhrases.hpp"

namespace salvo::ui {

ErrorTable::ErrorTable(QWidget* parent)
    : ReadOnlyTable("errorTable", tr("Errors by kind and message"),
                    tr("Each kind of failure and its message, warm-up included: how often it "
                       "happened and the seconds of the run it was first and last seen. "
                       "unsolicited and connect_failure are connection events, not failed "
                       "requests"),
                    {tr("Kind"), tr("Message"), tr("Count"), tr("First"), tr("Last")}, parent) {
    auto* header = horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);  // long messages are elided
    // Short headers leave the message room in a narrow window; the tooltips say the rest.
    horizontalHeaderItem(3)->setToolTip(tr("First seen: seconds from the start of the run"));
    horizontalHeaderItem(4)->setToolTip(tr("Last seen: seconds from the start of the run"));
}

bool ErrorTable::isConnectionEvent(const std::string& kind) {
    return kind == "unsolicited" || kind == "connect_failure";
}

// Counts of the whole run, warm-up included (RunResult::errorMessages, as the JSON report).
std::vector<ErrorTable::Row> ErrorTable::rowsOf(const RunResult& r) {
    const MessageCounts counts = r.errorMessages();
    std::vector<Row> rows;
    rows.reserve(counts.size());
    for (const auto& [key, n] : counts) {
        Row row{key.first, key.second, n};
        if (const auto seen = r.errorsSeen.find(key); seen != r.errorsSeen.end()) {
            row.first = seen->second.firstSecond;
            row.last = seen->second.lastSecond;
        }
        rows.push_back(std::move(row));
    }
    // Largest count first; the order gathered (by kind and message) breaks ties, so rows
    // never swap places between refreshes without a reason.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.count > b.count; });
    return rows;
}

bool ErrorTable::show(const RunResult& r) {
    std::vector<Row> rows = rowsOf(r);
    if (rows == shown_) return false;
    shown_ = std::move(rows);
    resizeRows(static_cast<int>(shown_.size()));
    for (int row = 0; row < static_cast<int>(shown_.size()); ++row) showRow(row, shown_[row]);
    return true;
}

// A failing status is counted under its code ("503"); it reads better with its phrase.
QString ErrorTable::messageText(const Row& error) {
    const QString message = QString::fromStdString(error.message);
    bool number = false;
    const int code = message.toInt(&number);
    return error.kind == "status" && number ? statusWithPhrase(code) : message;
}

void ErrorTable::showRow(int row, const Row& error) {
    const auto seconds = [](std::int64_t s) {
        return s < 0 ? QStringLiteral("–") : QStringLiteral("%L1 s").arg(s);
    };
    const QString message = messageText(error);
    setCell(row, 0, QString::fromStdString(error.kind));
    setCell(row, 1, message);
    setCell(row, 2, QStringLiteral("%L1").arg(error.count), true);
    setCell(row, 3, seconds(error.first), true);
    setCell(row, 4, seconds(error.last), true);
    setCellToolTip(row, 0, isConnectionEvent(error.kind)
                               ? tr("A connection event, not a failed request")
                               : tr("Failed requests"));
    setCellToolTip(row, 1, message);  // the whole message, however narrow the column
}

void ErrorTable::reset() {
    shown_.clear();
    resizeRows(0);
}

bool ErrorTable::hasConnectionEvents() const {
    return std::any_of(shown_.begin(), shown_.end(),
                       [](const Row& row) { return isConnectionEvent(row.kind); });
}

}  // namespace salvo::ui
