#pragma once

#include <QTableWidget>

class QToolButton;

namespace salvo::ui {

// A small table of rows a person adds and removes, for the run form's lists: ramp stages,
// request headers, thresholds. Keyboard: arrows move between cells and Tab leaves the table;
// Insert adds a row, Delete removes the current one, and Enter outside a cell edit submits the
// form like any other field. What a row holds is the derived table's business.
class RowTable : public QTableWidget {
    Q_OBJECT

  public:
    explicit RowTable(const QStringList& columns, QWidget* parent = nullptr);

    void addRow();     // a new row at the end, its first cell open for typing
    void removeRow();  // the current row, or the last one
    // The table with Add and Remove buttons beside it; `what` names a row ("stage", "header").
    QWidget* withButtons(const QString& what, const char* objectPrefix);

  signals:
    void submitRequested();
    void edited();

  protected:
    virtual void appendBlankRow() = 0;  // a row of empty cells at the end, without edited()
    QString cell(int row, int column) const;  // the text, trimmed; empty for a missing item
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;  // the buttons follow the table's enabled state

  private:
    QToolButton* button(const QString& text, const QString& name, const QString& tip);

    QToolButton* add_ = nullptr;
    QToolButton* remove_ = nullptr;
};

}  // namespace salvo::ui
