#include "salvo/ui/RunController.hpp"

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
    running_ = true;
    cancelling_ = false;
    longestGapMs_ = 0;
    ticks_ = 0;
    runner_.start(spec);
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

void RunController::onTick() {
    const double gap = static_cast<double>(sinceLastTick_.nsecsElapsed()) / 1e6;
    sinceLastTick_.restart();
    longestGapMs_ = std::max(longestGapMs_, gap);
    ++ticks_;
    const bool done = runner_.drain(result_);
    emit progressed();
    if (!done) return;
    timer_.stop();
    running_ = false;
    cancelling_ = false;
    emit finished();
}

}  // namespace salvo::ui
