#pragma once

#include <QWidget>

#include "salvo/RunResult.hpp"

class QTableWidget;

namespace salvo::ui {

// The run's tables, filled while it runs: status codes with count and share, errors by kind and
// message with counts and the seconds first and last seen, and the latency percentiles.
class ResultTables : public QWidget {
    Q_OBJECT

  public:
    explicit ResultTables(QWidget* parent = nullptr);
    void show(const RunResult& result);  // called every GUI tick; cheap when nothing changed
    void clear();

  private:
    QTableWidget* status_;
};

}  // namespace salvo::ui
