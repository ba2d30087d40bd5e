#include "StatusCodeTable.hpp"

#include <QHeaderView>

#include "StatusPhrases.hpp"

namespace salvo::ui {

StatusCodeTable::StatusCodeTable(QWidget* parent)
    : ReadOnlyTable("statusTable", tr("Status codes"),
                    tr("Each HTTP status code answered after the warm-up: its count and its "
                       "share of all responses"),
                    {tr("Status"), tr("Count"), tr("Share")}, parent) {
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column : {1, 2})
        horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    fitColumns({QStringLiteral("503 Service Unavailable"), QStringLiteral("9,999,999"),
                QStringLiteral("100.0 %")});
}

void StatusCodeTable::show(const std::map<int, std::uint64_t>& codes) {
    if (codes == shown_) return;
    shown_ = codes;
    std::uint64_t all = 0;
    for (const auto& entry : codes) all += entry.second;
    resizeRows(static_cast<int>(codes.size()));
    int row = 0;
    for (const auto& [code, n] : codes) {
        const double share = all ? 100.0 * static_cast<double>(n) / static_cast<double>(all) : 0;
        setCell(row, 0, statusWithPhrase(code));
        setCell(row, 1, QStringLiteral("%L1").arg(n), true);
        setCell(row, 2, QStringLiteral("%L1 %").arg(share, 0, 'f', 1), true);
        ++row;
    }
}

void StatusCodeTable::reset() {
    shown_.clear();
    resizeRows(0);
}

}  // namespace salvo::ui
