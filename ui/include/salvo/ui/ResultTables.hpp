#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "salvo/RunResult.hpp"

class QLabel;
class QSplitter;

namespace salvo::ui {

class ErrorTable;
class PercentileTable;
class RequestTable;
class StatusCodeTable;
class TimingTable;

// The run's tables, filled while it runs and the same for a finished run: status codes with
// count and share, errors by kind and message with counts and the seconds first and last seen,
// the latency percentiles, and where the time goes (DNS, connect, TLS, first byte); above them,
// for a plan of several named requests, each request's own figures (hidden otherwise).
// show() is called on every GUI tick; it refreshes a few times a second at most, touches only
// the tables whose numbers changed, and reuses their items.
class ResultTables : public QWidget {
    Q_OBJECT

  public:
    explicit ResultTables(QWidget* parent = nullptr);
    void show(const RunResult& result);  // called every GUI tick; cheap when nothing changed
    void clear();

    static constexpr int kRefreshMs = 150;  // while running; a finished run is shown at once

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    QWidget* pane(const QString& heading, QLabel** headingLabel, QWidget* table,
                  QLabel* note = nullptr);
    void applyColors();
    void fitOrientation();
    void showRequests(const RunResult& result);

    StatusCodeTable* status_;
    ErrorTable* errors_;
    PercentileTable* percentiles_;
    TimingTable* timing_;
    RequestTable* requests_;
    QWidget* requestPane_ = nullptr;  // the per-request table and its heading
    QLabel* percentileCount_;
    QLabel* errorHeading_ = nullptr;
    QLabel* connectionNote_;
    QElapsedTimer sinceRefresh_;
    QSplitter* splitter_ = nullptr;  // the four tables, side by side or stacked
};

}  // namespace salvo::ui
