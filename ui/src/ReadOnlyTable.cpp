#include "ReadOnlyTable.hpp"

#include <QHeaderView>
#include <QScrollBar>

namespace salvo::ui {

ReadOnlyTable::ReadOnlyTable(const char* objectName, const QString& name,
                             const QString& description, const QStringList& headers,
                             QWidget* parent)
    : QTableWidget(0, static_cast<int>(headers.size()), parent) {
    setObjectName(objectName);
    setAccessibleName(name);
    setAccessibleDescription(description);
    setHorizontalHeaderLabels(headers);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setTabKeyNavigation(false);  // Tab leaves the table; arrows move inside it
    setFocusPolicy(Qt::StrongFocus);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setAlternatingRowColors(true);
    verticalHeader()->setVisible(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Rows as tall as the font needs, not the style's roomier default: more rows fit a short tab.
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setHighlightSections(false);
    setMinimumSize(120, 80);
}

void ReadOnlyTable::setCell(int row, int column, const QString& text, bool number) {
    QTableWidgetItem* cell = item(row, column);
    if (!cell) {
        cell = new QTableWidgetItem(text);
        cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        cell->setTextAlignment(number ? Qt::AlignRight | Qt::AlignVCenter
                                      : Qt::AlignLeft | Qt::AlignVCenter);
        setItem(row, column, cell);
    } else if (cell->text() != text) {
        cell->setText(text);
    }
}

void ReadOnlyTable::setCellToolTip(int row, int column, const QString& tip) {
    QTableWidgetItem* cell = item(row, column);
    if (cell && cell->toolTip() != tip) cell->setToolTip(tip);
}

void ReadOnlyTable::resizeRows(int rows) {
    if (rowCount() != rows) setRowCount(rows);
}

QString ReadOnlyTable::cellText(int row, int column) const {
    const QTableWidgetItem* cell = item(row, column);
    return cell ? cell->text() : QString();
}

void ReadOnlyTable::fitColumns(const QStringList& samples) {
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + 12;
    int width = 2 * frameWidth() + verticalScrollBar()->sizeHint().width();
    if (verticalHeader()->isVisible()) width += verticalHeader()->sizeHint().width();
    for (int column = 0; column < samples.size() && column < columnCount(); ++column) {
        const QTableWidgetItem* header = horizontalHeaderItem(column);
        const int headerWidth =
            header ? horizontalHeader()->fontMetrics().horizontalAdvance(header->text()) : 0;
        width += std::max(fontMetrics().horizontalAdvance(samples[column]), headerWidth) + padding;
    }
    setMinimumWidth(width);
}

QSize ReadOnlyTable::sizeHint() const {
    return {minimumWidth(), QTableWidget::sizeHint().height()};
}

}  // namespace salvo::ui
