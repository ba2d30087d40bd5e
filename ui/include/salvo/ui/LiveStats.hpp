#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "salvo/RunResult.hpp"

class QLabel;

namespace salvo::ui {

// The live figures of a run. Always: done, succeeded, failed (with its main kinds), elapsed,
// successful requests/s, p50 and p99 latency, open connections (with requests in flight). With
// a rate: the target and achieved rate, service-time p99 and the schedule's lag. While running,
// requests/s and the percentiles read the newest closed second (RunResult::lastSecond), so a
// stalled server shows 0 while elapsed keeps counting; the note under each gives the whole run
// beside it. A finished run shows whole-run figures. Values keep a reserved width, so growing
// numbers neither jump nor widen the window.
class LiveStats : public QWidget {
    Q_OBJECT

  public:
    explicit LiveStats(QWidget* parent = nullptr);
    void show(const RunResult& result);  // called every GUI tick; refreshes a few times a second
    void clear();

    static constexpr int kRefreshMs = 250;  // while running (4 a second: as fast as one reads); a finished run is shown at once

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;  // four columns of figures, or two

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
                     const QString& help);
    void showCounts(const RunResult& r);
    void showRates(const RunResult& r);
    void showOpenModel(const RunResult& r);
    void showOpenRates(const RunResult& r);
    void showLastAndRun(const Figure& f, const RunResult& r, const QString& last,
                        const QString& run) const;
    void applyColors();
    QList<const Figure*> figures() const;
    void arrange(int columns);

    Figure done_, succeeded_, failed_, elapsed_;
    Figure rate_, p50_, p99_, connections_;
    Figure target_, achieved_, service_, lag_;  // open model only
    bool failing_ = false;                      // the Failed value is shown in the failure colour
    QElapsedTimer sinceRefresh_;
    int columns_ = 4;            // as the constructor lays them out
    int fourColumnsWidth_ = 0;   // the width below which they go in two columns
};

}  // namespace salvo::ui
