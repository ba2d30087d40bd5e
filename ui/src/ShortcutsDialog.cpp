#include "ShortcutsDialog.hpp"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace salvo::ui {

ShortcutsDialog::ShortcutsDialog(const QList<Row>& rows, QWidget* parent) : QDialog(parent) {
    setObjectName("shortcutsDialog");
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(static_cast<int>(rows.size()), 2);
    table->setObjectName("shortcutsTable");
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setAccessibleDescription(tr("Each row: the keys, then what they do"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->resizeColumnsToContents();
    table->resizeRowsToContents();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setAccessibleDescription(tr("Close this list"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* column = new QVBoxLayout(this);
    column->addWidget(table);
    column->addWidget(buttons);
    // Wide enough that no description wraps; the table scrolls on a small screen.
    resize(table->horizontalHeader()->length() + 60, 480);
}

}  // namespace salvo::ui
