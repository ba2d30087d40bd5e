#include "ThresholdTable.hpp"

#include <QHeaderView>
#include <algorithm>

namespace salvo::ui {

ThresholdTable::ThresholdTable(QWidget* parent)
    : RowTable({tr("Threshold"), tr("Abort"), tr("After")}, parent) {
    // The expression takes the width; the check box and the delay need little.
    horizontalHeader()->setSectionResizeMode(abortColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(delayColumn, QHeaderView::ResizeToContents);
    horizontalHeaderItem(expressionColumn)
        ->setToolTip(tr("p(99)<250ms, avg<=80ms, error_rate<1%, rps>=900, status_5xx==0"));
    horizontalHeaderItem(abortColumn)->setToolTip(tr("End the run as soon as the threshold fails"));
    horizontalHeaderItem(delayColumn)
        ->setToolTip(tr("Abort no sooner than this far into the run, e.g. 10s; empty: at once"));
    connect(model(), &QAbstractItemModel::rowsInserted, this, &ThresholdTable::fitHeight);
    connect(model(), &QAbstractItemModel::rowsRemoved, this, &ThresholdTable::fitHeight);
    fitHeight();
}

// As tall as its rows, up to kShownRows (RowTable's 90 pixels showed four and a half, then
// scrolled); never shorter than that, so an empty table still looks like one.
void ThresholdTable::fitHeight() {
    int rows = 0;
    for (int row = 0; row < std::min(rowCount(), kShownRows); ++row)
        rows += std::max(rowHeight(row), verticalHeader()->defaultSectionSize());
    const int height = horizontalHeader()->sizeHint().height() + rows + 2 * frameWidth();
    setFixedHeight(std::max(90, height));
}

std::vector<ThresholdInput> ThresholdTable::thresholds() const {
    std::vector<ThresholdInput> out;
    for (int row = 0; row < rowCount(); ++row) {
        ThresholdInput t;
        t.expression = cell(row, expressionColumn).toStdString();
        const QTableWidgetItem* abort = item(row, abortColumn);
        t.abortOnFail = abort && abort->checkState() == Qt::Checked;
        t.abortDelay = cell(row, delayColumn).toStdString();
        if (!t.expression.empty() || t.abortOnFail || !t.abortDelay.empty()) out.push_back(t);
    }
    return out;
}

void ThresholdTable::setThresholds(const std::vector<ThresholdInput>& thresholds) {
    setRowCount(0);
    for (const ThresholdInput& t : thresholds) appendRow(t);
}

void ThresholdTable::appendRow(const ThresholdInput& threshold) {
    const QSignalBlocker quiet(this);
    const int row = rowCount();
    insertRow(row);
    setItem(row, expressionColumn, new QTableWidgetItem(QString::fromStdString(threshold.expression)));
    // A check box, not text: ticked with a click or Space, never typed into.
    auto* abort = new QTableWidgetItem;
    abort->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    abort->setCheckState(threshold.abortOnFail ? Qt::Checked : Qt::Unchecked);
    abort->setToolTip(horizontalHeaderItem(abortColumn)->toolTip());
    abort->setData(Qt::AccessibleTextRole, tr("Abort the run when it fails"));
    setItem(row, abortColumn, abort);
    setItem(row, delayColumn, new QTableWidgetItem(QString::fromStdString(threshold.abortDelay)));
}

}  // namespace salvo::ui
