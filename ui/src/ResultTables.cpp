#include "salvo/ui/ResultTables.hpp"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace salvo::ui {

ResultTables::ResultTables(QWidget* parent) : QWidget(parent), status_(new QTableWidget(0, 2)) {
    status_->setObjectName("statusTable");
    status_->setHorizontalHeaderLabels({tr("Status"), tr("Count")});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(status_);
}

void ResultTables::show(const RunResult& r) {
    const auto& codes = r.total.statusCounts;
    status_->setRowCount(static_cast<int>(codes.size()));
    int row = 0;
    for (const auto& [code, n] : codes) {
        status_->setItem(row, 0, new QTableWidgetItem(QString::number(code)));
        status_->setItem(row, 1, new QTableWidgetItem(QStringLiteral("%L1").arg(n)));
        ++row;
    }
}

void ResultTables::clear() { status_->setRowCount(0); }

}  // namespace salvo::ui
