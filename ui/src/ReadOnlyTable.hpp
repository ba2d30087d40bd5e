#pragma once

#include <QTableWidget>

namespace salvo::ui {

// A read-only table of figures that is refilled while a run goes on: items are made once per
// cell and then only have their text changed, so a refresh allocates nothing and a cell whose
// text did not change is not touched. Keyboard: Tab focuses it and leaves it again, arrows move
// between cells. One accessible name and description each, as screen readers announce them.
class ReadOnlyTable : public QTableWidget {
    Q_OBJECT

  public:
    ReadOnlyTable(const char* objectName, const QString& name, const QString& description,
                  const QStringList& headers, QWidget* parent = nullptr);

    // Sets the text of a cell, making its item on first use. Numbers are right-aligned.
    void setCell(int row, int column, const QString& text, bool number = false);
    void setCellToolTip(int row, int column, const QString& tip);
    // Grows or shrinks to `rows`; kept rows keep their items.
    void resizeRows(int rows);
    QString cellText(int row, int column) const;

    // As wide as the columns need for their headers and one sample text each (the widest
    // expected), plus the row names, frame and scroll bar: the least width at which nothing is
    // cut, kept as the table's minimum and offered as its preferred width.
    void fitColumns(const QStringList& samples);
    QSize sizeHint() const override;
};

}  // namespace salvo::ui
