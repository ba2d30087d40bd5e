#include "salvo/ui/RunController.hpp"

#include <chrono>
#include <thread>

namespace salvo::ui {

RunController::RunController(QObject* parent) : QObject(parent) {
    timer_.setInterval(25);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &RunController::onTick);
}

RunController::~RunController() = default;  // ~Runner cancels and joins

void RunController::start(const RunSpec& spec) {
    if (running_) return;
    result_ = RunResult::planFor(spec);
    spec_ = spec;
    startedAt_ = std::chrono::system_clock::now();
    running_ = true;
    cancelling_ = false;
    longestLatenessMs_ = longestWorkMs_ = 0;
    ticks_ = ticksWithNews_ = 0;
    try {
        runner_.start(spec);
    } catch (const std::exception& e) {
        // No exception may cross Qt's event loop: a run that cannot start ends as failed.
        running_ = false;
        result_.outcome = Outcome::failed;
        result_.message = std::string("cannot start the run: ") + e.what();
        emit started();
        emit finished();
        return;
    }
    sinceLastTick_.start();
    timer_.start();
    emit started();
}

void RunController::cancel() {
    if (!running_ || cancelling_) return;
    cancelling_ = true;
    runner_.cancel();
    onTick();  // pick up whatever already ended without waiting a tick
}

void RunController::cancelAndWait() {
    cancel();
    // Cancelling is prompt (the engine closes its sockets); each drain joins what has ended.
    while (running_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        onTick();
    }
}

bool RunController::changeRate(double rps) {
    if (!running_ || cancelling_) return false;
    return runner_.changeRate(rps);
}

void RunController::onTick() {
    const double gapMs = static_cast<double>(sinceLastTick_.nsecsElapsed()) / 1e6;
    sinceLastTick_.restart();
    if (!cancelling_) longestLatenessMs_ = std::max(longestLatenessMs_, gapMs - timer_.interval());
    ++ticks_;
    const auto before = result_.total.completed();
    const bool done = runner_.drain(result_);
    if (result_.total.completed() != before) ++ticksWithNews_;
    emit progressed();  // the window repaints its figures here, so the work below includes it
    longestWorkMs_ = std::max(longestWorkMs_, static_cast<double>(sinceLastTick_.nsecsElapsed()) / 1e6);
    if (!done) return;
    timer_.stop();
    running_ = false;
    cancelling_ = false;
    emit finished();
}

}  // namespace salvo::ui
