#pragma once

#include <QTableWidget>
#include <string>
#include <vector>

namespace salvo::ui {

// Ramp stages as a small two-column table (duration, target req/s), one stage a row, read and
// written as RunInput's "DURATION:RATE" strings. Keyboard: arrows move between cells and Tab
// leaves the table; Insert adds a stage, Delete removes the current one, and Enter outside a
// cell edit submits the form like any other field.
class StageTable : public QTableWidget {
    Q_OBJECT

  public:
    explicit StageTable(QWidget* parent = nullptr);

    std::vector<std::string> stages() const;  // rows left wholly empty are skipped
    void setStages(const std::vector<std::string>& stages);
    void addStage();     // a new row at the end, its duration cell open for typing
    void removeStage();  // the current row, or the last one

  signals:
    void submitRequested();
    void edited();

  protected:
    void keyPressEvent(QKeyEvent* event) override;

  private:
    QString cell(int row, int column) const;
    void appendRow(const QString& duration, const QString& target);
};

}  // namespace salvo::ui
