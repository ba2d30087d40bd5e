#include "StageTable.hpp"

#include <QHeaderView>
#include <QKeyEvent>

namespace salvo::ui {

StageTable::StageTable(QWidget* parent) : QTableWidget(0, 2, parent) {
    setHorizontalHeaderLabels({tr("Duration"), tr("Target req/s")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setTabKeyNavigation(false);
    setMaximumHeight(90);
    setToolTip(
        tr("Each stage moves the rate linearly to its target over its duration (30s, 5m). "
           "Insert adds a stage, Delete removes one."));
    connect(this, &QTableWidget::itemChanged, this, &StageTable::edited);
}

QString StageTable::cell(int row, int column) const {
    const QTableWidgetItem* it = item(row, column);
    return it ? it->text().trimmed() : QString();
}

std::vector<std::string> StageTable::stages() const {
    std::vector<std::string> out;
    for (int row = 0; row < rowCount(); ++row) {
        const QString duration = cell(row, 0);
        const QString target = cell(row, 1);
        if (!duration.isEmpty() || !target.isEmpty())
            out.push_back((duration + ':' + target).toStdString());
    }
    return out;
}

void StageTable::appendRow(const QString& duration, const QString& target) {
    const QSignalBlocker quiet(this);
    const int row = rowCount();
    insertRow(row);
    setItem(row, 0, new QTableWidgetItem(duration));
    setItem(row, 1, new QTableWidgetItem(target));
}

void StageTable::setStages(const std::vector<std::string>& stages) {
    setRowCount(0);
    for (const std::string& stage : stages) {
        const QString text = QString::fromStdString(stage);
        appendRow(text.section(':', 0, 0), text.section(':', 1));
    }
}

void StageTable::addStage() {
    appendRow({}, {});
    const int row = rowCount() - 1;
    setCurrentCell(row, 0);
    setFocus(Qt::OtherFocusReason);
    editItem(item(row, 0));
}

void StageTable::removeStage() {
    if (rowCount() == 0) return;
    removeRow(currentRow() >= 0 ? currentRow() : rowCount() - 1);
    emit edited();
}

// An open cell editor takes its own keys (Enter commits the cell), so these come between edits.
void StageTable::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Insert:
            addStage();
            return;
        case Qt::Key_Delete:
            removeStage();
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
