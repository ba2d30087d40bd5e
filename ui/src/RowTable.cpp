#include "RowTable.hpp"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace salvo::ui {

RowTable::RowTable(const QStringList& columns, QWidget* parent)
    : QTableWidget(0, static_cast<int>(columns.size()), parent) {
    setHorizontalHeaderLabels(columns);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setTabKeyNavigation(false);
    setMaximumHeight(90);
    // Qt's corner button (select all) has no name of its own; screen readers list it.
    for (auto* corner : findChildren<QAbstractButton*>()) {
        corner->setAccessibleName(tr("Select all rows"));
        corner->setToolTip(tr("Select all rows"));
    }
    connect(this, &QTableWidget::itemChanged, this, &RowTable::edited);
}

QString RowTable::cell(int row, int column) const {
    const QTableWidgetItem* it = item(row, column);
    return it ? it->text().trimmed() : QString();
}

void RowTable::addRow() {
    appendBlankRow();
    const int row = rowCount() - 1;
    setCurrentCell(row, 0);
    setFocus(Qt::OtherFocusReason);
    editItem(item(row, 0));
}

void RowTable::removeRow() {
    if (rowCount() == 0) return;
    QTableWidget::removeRow(currentRow() >= 0 ? currentRow() : rowCount() - 1);
    emit edited();
}

QToolButton* RowTable::button(const QString& text, const QString& name, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setAccessibleName(name);
    b->setToolTip(tip);
    return b;
}

QWidget* RowTable::withButtons(const QString& what, const char* objectPrefix) {
    QToolButton* add = add_ = button(tr("Add"), tr("Add %1").arg(what),
                                     tr("Add a %1 (Insert in the table)").arg(what));
    QToolButton* remove = remove_ = button(tr("Remove"), tr("Remove %1").arg(what),
                                           tr("Remove the current %1 (Delete in the table)").arg(what));
    add->setObjectName(QLatin1String(objectPrefix) + "AddButton");
    remove->setObjectName(QLatin1String(objectPrefix) + "RemoveButton");
    connect(add, &QToolButton::clicked, this, &RowTable::addRow);
    connect(remove, &QToolButton::clicked, this, &RowTable::removeRow);
    auto* box = new QWidget;
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(this, 1);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    row->addLayout(buttons);
    return box;
}

void RowTable::changeEvent(QEvent* event) {
    QTableWidget::changeEvent(event);
    if (event->type() != QEvent::EnabledChange || !add_) return;
    add_->setEnabled(isEnabled());
    remove_->setEnabled(isEnabled());
}

// An open cell editor takes its own keys (Enter commits the cell), so these come between edits.
void RowTable::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Insert:
            addRow();
            return;
        case Qt::Key_Delete:
            removeRow();
            return;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (state() != EditingState) {
                emit submitRequested();
                return;
            }
            break;
        default:
            break;
    }
    QTableWidget::keyPressEvent(event);
}

}  // namespace salvo::ui
