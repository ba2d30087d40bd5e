#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <chrono>

#include "salvo/RunResult.hpp"
#include "salvo/Runner.hpp"

namespace salvo::ui {

// Owns the engine's Runner on behalf of the window. A 25 ms QTimer on the GUI thread drains
// the engine's queue into one RunResult and announces it; nothing in the engine ever touches
// a QObject. Destroying the controller cancels and joins a running run.
class RunController : public QObject {
    Q_OBJECT

public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    void start(const RunSpec& spec);
    void cancel();
    // Cancels and blocks until the engine's threads are joined (Quit): on return the run is
    // over, result() final and finished() emitted.
    void cancelAndWait();
    // Open-model runs: the target rate from now on (Runner::changeRate). False, changing
    // nothing, when no open-model run is going or the rate is out of range.
    bool changeRate(double rps);
    bool isRunning() const { return running_; }
    bool isCancelling() const { return cancelling_; }
    const RunResult& result() const { return result_; }
    // What the last run was asked to do and when it started (wall clock): what its record keeps.
    const RunSpec& spec() const { return spec_; }
    std::chrono::system_clock::time_point startedAt() const { return startedAt_; }

    // Smoothness of the GUI thread during the last run (measured, for `salvo --bench`): how late
    // a tick fired beyond its 25 ms schedule at worst (a stalled event loop shows here), the
    // longest time one tick spent draining and updating, and how many ticks there were.
    double longestTickLatenessMs() const { return longestLatenessMs_; }
    double longestTickWorkMs() const { return longestWorkMs_; }
    int ticks() const { return ticks_; }
    int ticksWithNews() const { return ticksWithNews_; }  // ticks that brought new completions

signals:
    void started();
    void progressed();  // result() has new numbers
    void finished();    // result() is final: finished, cancelled or failed

private:
    void onTick();

    Runner runner_;
    QTimer timer_;
    RunResult result_;
    RunSpec spec_;
    std::chrono::system_clock::time_point startedAt_;
    bool running_ = false;
    bool cancelling_ = false;
    QElapsedTimer sinceLastTick_;
    double longestLatenessMs_ = 0;
    double longestWorkMs_ = 0;
    int ticks_ = 0;
    int ticksWithNews_ = 0;
};

}  // namespace salvo::ui
