#include "EventChannel.hpp"

namespace salvo {
namespace {

// Empties an event for reuse: counts zeroed, histograms and named-request tallies kept sized.
void clearForReuse(ProgressEvent& event) {
    Tally delta = std::move(event.delta), warmup = std::move(event.warmup);
    std::vector<Tally> requests = std::move(event.requests);
    delta.clear();
    warmup.clear();
    for (auto& tally : requests) tally.clear();
    event = ProgressEvent{};
    event.delta = std::move(delta);
    event.warmup = std::move(warmup);
    event.requests = std::move(requests);
}

}  // namespace

EventChannel::~EventChannel() {
    ProgressEvent* event = nullptr;
    while (sent_.pop(event)) delete event;
    while (spare_.pop(event)) delete event;
}

std::unique_ptr<ProgressEvent> EventChannel::blank() {
    ProgressEvent* event = nullptr;
    if (spare_.pop(event)) return std::unique_ptr<ProgressEvent>(event);
    return std::make_unique<ProgressEvent>();
}

void EventChannel::send(std::unique_ptr<ProgressEvent> event) {
    while (!backlog_.empty() && sent_.push(backlog_.front().get())) {
        backlog_.front().release();  // the queue owns it now
        backlog_.pop_front();
    }
    if (backlog_.empty() && sent_.push(event.get())) event.release();
    else backlog_.push_back(std::move(event));
}

std::unique_ptr<ProgressEvent> EventChannel::receive() {
    ProgressEvent* event = nullptr;
    return std::unique_ptr<ProgressEvent>(sent_.pop(event) ? event : nullptr);
}

void EventChannel::handBack(std::unique_ptr<ProgressEvent> event) {
    clearForReuse(*event);
    if (spare_.push(event.get())) event.release();  // else the producer has enough: freed here
}

std::vector<std::unique_ptr<ProgressEvent>> EventChannel::takeBacklog() {
    std::vector<std::unique_ptr<ProgressEvent>> events;
    for (auto& event : backlog_) events.push_back(std::move(event));
    backlog_.clear();
    return events;
}

}  // namespace salvo
