#pragma once

#include <QTableWidget>
#include <string>
#include <vector>

class QToolButton;

namespace salvo::ui {

// A small two-column table of pairs, one a row, read and written as RunInput's strings: ramp
// stages ("DURATION:RATE") and request headers ("Name: value"). Keyboard: arrows move between
// cells and Tab leaves the table; Insert adds a row, Delete removes the current one, and Enter
// outside a cell edit submits the form like any other field.
class PairTable : public QTableWidget {
    Q_OBJECT

  public:
    // `joiner` goes between the two cells when read ("", ": "); reading splits at the first ':'.
    PairTable(const QString& first, const QString& second, const QString& joiner,
              QWidget* parent = nullptr);

    std::vector<std::string> rows() const;  // rows left wholly empty are skipped
    void setRows(const std::vector<std::string>& rows);
    void addRow();     // a new row at the end, its first cell open for typing
    void removeRow();  // the current row, or the last one
    // The table with Add and Remove buttons beside it; `what` names a row ("stage", "header").
    QWidget* withButtons(const QString& what, const char* objectPrefix);

  signals:
    void submitRequested();
    void edited();

  protected:
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;  // the buttons follow the table's enabled state

  private:
    QString cell(int row, int column) const;
    void appendRow(const QString& first, const QString& second);
    QToolButton* button(const QString& text, const QString& name, const QString& tip);

    QString joiner_;
    QToolButton* add_ = nullptr;
    QToolButton* remove_ = nullptr;
};

}  // namespace salvo::ui
