#pragma once

#include <boost/lockfree/spsc_queue.hpp>
#include <deque>
#include <memory>
#include <vector>

#include "salvo/ProgressEvent.hpp"

namespace salvo {

// How a worker's deltas reach the consumer: one producer thread (the worker), one consumer.
// Events travel as owned pointers, never copied: a delta's histograms are ~100 KB each, and a
// queue of values would copy them on push and again on pop, and keep a slot of every value ever
// sent in its ring (memory that grows through a run's first 256 flushes). The consumer hands an
// applied event back cleared, and the worker fills it next: its histograms keep their buckets,
// so a steady run neither allocates nor frees per flush, and memory stays flat.
class EventChannel {
public:
    static constexpr std::size_t kSpares = 8;  // events kept for reuse; a steady run needs one or two

    EventChannel() = default;
    EventChannel(const EventChannel&) = delete;
    EventChannel& operator=(const EventChannel&) = delete;
    ~EventChannel();

    // Producer (worker thread).
    std::unique_ptr<ProgressEvent> blank();  // a cleared event: one handed back, or a new one
    // A full queue means the consumer is behind: the event waits in order (memory: one event
    // per flush while it stays full, bounded by the run's length) and goes first next time.
    void send(std::unique_ptr<ProgressEvent> event);

    // Consumer.
    std::unique_ptr<ProgressEvent> receive();  // null when none is waiting
    // After it was applied. At most kSpares wait for reuse; more (after the consumer caught up
    // with a backlog) are freed, so a stall does not leave its events' memory held.
    void handBack(std::unique_ptr<ProgressEvent> event);
    // Once the producer has ended: the events the full queue never took, in order.
    std::vector<std::unique_ptr<ProgressEvent>> takeBacklog();

private:
    boost::lockfree::spsc_queue<ProgressEvent*, boost::lockfree::capacity<256>> sent_;
    boost::lockfree::spsc_queue<ProgressEvent*, boost::lockfree::capacity<kSpares>> spare_;
    std::deque<std::unique_ptr<ProgressEvent>> backlog_;  // the producer's, until it has ended
};

}  // namespace salvo
