// How deltas travel from a worker to the consumer (engine/src/EventChannel.hpp): in order and
// all of them, also when the consumer falls behind; the same events come back cleared for reuse,
// their histograms still sized, so a steady run allocates nothing per flush.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "EventChannel.hpp"

using salvo::EventChannel;
using salvo::ProgressEvent;

namespace {

std::unique_ptr<ProgressEvent> numbered(EventChannel& channel, std::uint32_t n) {
    auto event = channel.blank();
    event->second = n;
    event->delta.sent = n;
    event->delta.recordResponse(200, 100, 1'000'000 + n);
    return event;
}

}  // namespace

TEST(EventChannel, aConsumerFarBehindStillGetsEveryEventInOrder) {
    EventChannel channel;
    constexpr std::uint32_t kEvents = 2'000;  // several times what the queue holds
    std::thread producer([&] {
        for (std::uint32_t n = 0; n < kEvents; ++n) channel.send(numbered(channel, n));
    });
    producer.join();
    std::uint32_t next = 0;
    while (auto event = channel.receive()) ASSERT_EQ(event->second, next++);
    EXPECT_LT(next, kEvents);  // the rest waited in the backlog
    for (auto& event : channel.takeBacklog()) ASSERT_EQ(event->second, next++);
    EXPECT_EQ(next, kEvents);
}

TEST(EventChannel, aHandedBackEventReturnsClearedWithItsHistogramsSized) {
    EventChannel channel;
    auto event = numbered(channel, 7);
    event->warmup.recordResponse(503, 10, 5'000);
    event->requests.resize(2);
    event->requests[1].recordResponse(200, 1, 9'000);
    event->last = true;
    event->message = "x";
    const ProgressEvent* address = event.get();
    const std::size_t buckets = event->delta.latency.bucketCount();
    channel.send(std::move(event));
    channel.handBack(channel.receive());

    auto again = channel.blank();
    EXPECT_EQ(again.get(), address);  // the same event, not a new one
    EXPECT_EQ(again->second, 0u);
    EXPECT_EQ(again->delta.sent, 0u);
    EXPECT_TRUE(again->delta.latency.empty());
    EXPECT_TRUE(again->delta.statusCounts.empty());
    EXPECT_EQ(again->delta.latency.bucketCount(), buckets);
    EXPECT_TRUE(again->warmup.latency.empty());
    EXPECT_EQ(again->warmup.failed, 0u);
    ASSERT_EQ(again->requests.size(), 2u);
    EXPECT_TRUE(again->requests[1].latency.empty());
    EXPECT_FALSE(again->last);
    EXPECT_TRUE(again->message.empty());
    EXPECT_NE(channel.blank().get(), address);  // nothing more was handed back: a new one
}

// After a backlog, the consumer hands back many events at once: only a few are kept for reuse
// (with their buckets), the rest are freed rather than held for the rest of the run.
TEST(EventChannel, keepsOnlyAFewEventsForReuse) {
    EventChannel channel;
    for (std::uint32_t n = 0; n < 100; ++n) channel.send(numbered(channel, n));
    while (auto event = channel.receive()) channel.handBack(std::move(event));
    std::vector<std::unique_ptr<ProgressEvent>> blanks;
    std::size_t reused = 0;
    for (int i = 0; i < 100; ++i) {
        blanks.push_back(channel.blank());
        if (blanks.back()->delta.latency.bucketCount() > 0) ++reused;  // a new event has no buckets
    }
    EXPECT_GE(reused, 1u);
    EXPECT_LE(reused, EventChannel::kSpares);
}

// Both threads at once, as in a run: every count arrives exactly once, and reused events never
// carry an earlier event's counts (TSan checks the hand-over itself).
TEST(EventChannel, concurrentSendAndHandBackCountExactly) {
    EventChannel channel;
    constexpr std::uint32_t kEvents = 50'000;
    std::atomic<bool> dirty{false}, done{false};
    std::thread producer([&] {
        for (std::uint32_t n = 1; n <= kEvents; ++n) {
            auto event = channel.blank();
            if (event->delta.sent != 0 || !event->delta.latency.empty() || event->second != 0) dirty = true;
            event->second = n;
            event->delta.sent = n;
            event->delta.recordResponse(200, 1, n);
            channel.send(std::move(event));
        }
        done = true;
    });
    std::uint64_t sum = 0, responses = 0;
    std::uint32_t last = 0;
    bool ordered = true;
    auto take = [&](std::unique_ptr<ProgressEvent> event) {
        ordered = ordered && event->second == last + 1;
        last = event->second;
        sum += event->delta.sent;
        responses += event->delta.latency.count();
        channel.handBack(std::move(event));
    };
    while (!done.load()) if (auto event = channel.receive()) take(std::move(event));
    producer.join();
    while (auto event = channel.receive()) take(std::move(event));
    for (auto& event : channel.takeBacklog()) take(std::move(event));
    EXPECT_FALSE(dirty.load());
    EXPECT_TRUE(ordered);
    EXPECT_EQ(last, kEvents);
    EXPECT_EQ(sum, std::uint64_t{kEvents} * (kEvents + 1) / 2);
    EXPECT_EQ(responses, kEvents);
}
