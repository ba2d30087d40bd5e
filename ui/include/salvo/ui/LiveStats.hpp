#pragma once

#include <QWidget>

#include "salvo/RunResult.hpp"

class QLabel;

namespace salvo::ui {

// The live figures of a run. Always: done, succeeded, failed, elapsed, requests/s, p50 and p99
// latency, open connections. With a rate: the target and achieved rate, service-time p99 next
// to latency p99, and the schedule's lag. Figures that move with time read the newest closed
// second (RunResult::lastSecond), so a stalled server shows 0 req/s while elapsed keeps counting;
// a small note under each gives the other view (the whole run, or the last second).
class LiveStats : public QWidget {
    Q_OBJECT

  public:
    explicit LiveStats(QWidget* parent = nullptr);
    void show(const RunResult& result);
    void clear();

  private:
    struct Figure {
        QWidget* box;
        QLabel* caption;
        QLabel* value;
        QLabel* note;
        void set(const QString& v, const QString& n = {}) const;
        void setVisible(bool visible) const;
    };
    Figure addFigure(int row, int column, const QString& name, const char* objectName,
                     const QString& help = {});
    void showRates(const RunResult& r);
    void showOpenModel(const RunResult& r);

    Figure done_, succeeded_, failed_, elapsed_;
    Figure rate_, p50_, p99_, connections_;
    Figure target_, achieved_, service_, lag_;  // open model only
};

}  // namespace salvo::ui
