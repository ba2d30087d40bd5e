#include "PairTable.hpp"

namespace salvo::ui {

PairTable::PairTable(const QString& first, const QString& second, const QString& joiner,
                     QWidget* parent)
    : RowTable({first, second}, parent), joiner_(joiner) {}

std::vector<std::string> PairTable::rows() const {
    std::vector<std::string> out;
    for (int row = 0; row < rowCount(); ++row) {
        const QString first = cell(row, 0);
        const QString second = cell(row, 1);
        if (!first.isEmpty() || !second.isEmpty())
            out.push_back((first + joiner_ + second).toStdString());
    }
    return out;
}

void PairTable::appendRow(const QString& first, const QString& second) {
    const QSignalBlocker quiet(this);
    const int row = rowCount();
    insertRow(row);
    setItem(row, 0, new QTableWidgetItem(first));
    setItem(row, 1, new QTableWidgetItem(second));
}

void PairTable::setRows(const std::vector<std::string>& rows) {
    setRowCount(0);
    for (const std::string& row : rows) {
        const QString text = QString::fromStdString(row);
        const qsizetype colon = text.indexOf(':');
        if (colon < 0) appendRow(text, {});
        else appendRow(text.left(colon), text.mid(colon + 1).trimmed());
    }
}

}  // namespace salvo::ui
