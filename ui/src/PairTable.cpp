#include "PairTable.hpp"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace salvo::ui {

PairTable::PairTable(const QString& first, const QString& second, const QString& joiner,
                     QWidget* parent)
    : QTableWidget(0, 2, parent), joiner_(joiner) {
    setHorizontalHeaderLabels({first, second});
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setTabKeyNavigation(false);
    setMaximumHeight(90);
    // Qt's corner button (select all) has no name of its own; screen readers list it.
    for (auto* corner : findChildren<QAbstractButton*>()) {
        corner->setAccessibleName(tr("Select all rows"));
        corner->setToolTip(tr("Select all rows"));
    }
    connect(this, &QTableWidget::itemChanged, this, &PairTable::edited);
}

QString PairTable::cell(int row, int column) const {
    const QTableWidgetItem* it = item(row, column);
    return it ? it->text().trimmed() : QString();
}

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

void PairTable::addRow() {
    appendRow({}, {});
    const int row = rowCount() - 1;
    setCurrentCell(row, 0);
    setFocus(Qt::OtherFocusReason);
    editItem(item(row, 0));
}

void PairTable::removeRow() {
    if (rowCount() == 0) return;
    QTableWidget::removeRow(currentRow() >= 0 ? currentRow() : rowCount() - 1);
    emit edited();
}

QToolButton* PairTable::button(const QString& text, const QString& name, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setAccessibleName(name);
    b->setToolTip(tip);
    return b;
}

QWidget* PairTable::withButtons(const QString& what, const char* objectPrefix) {
    QToolButton* add = add_ = button(tr("Add"), tr("Add %1").arg(what),
                                     tr("Add a %1 (Insert in the table)").arg(what));
    QToolButton* remove = remove_ = button(tr("Remove"), tr("Remove %1").arg(what),
                                           tr("Remove the current %1 (Delete in the table)").arg(what));
    add->setObjectName(QLatin1String(objectPrefix) + "AddButton");
    remove->setObjectName(QLatin1String(objectPrefix) + "RemoveButton");
    connect(add, &QToolButton::clicked, this, &PairTable::addRow);
    connect(remove, &QToolButton::clicked, this, &PairTable::removeRow);
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

void PairTable::changeEvent(QEvent* event) {
    QTableWidget::changeEvent(event);
    if (event->type() != QEvent::EnabledChange || !add_) return;
    add_->setEnabled(isEnabled());
    remove_->setEnabled(isEnabled());
}

// An open cell editor takes its own keys (Enter commits the cell), so these come between edits.
void PairTable::keyPressEvent(QKeyEvent* event) {
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
