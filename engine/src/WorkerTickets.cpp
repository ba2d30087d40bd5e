// The worker's tickets: which request a connection sends next and when (the load model), and
// how each one is counted. Lifecycle, resolving and flushing live in Worker.cpp.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "Connection.hpp"
#include "Worker.hpp"

namespace salvo {

namespace {
constexpr auto kWaitedTooLong = std::chrono::milliseconds(10);   // "waited for a connection"
constexpr auto kGrowPoll = std::chrono::milliseconds(1);         // pool growth while behind

std::uint64_t nanos(Worker::Clock::duration d) {
    return static_cast<std::uint64_t>(std::max<Worker::Clock::rep>(0, std::chrono::nanoseconds(d).count()));
}
}  // namespace

void Worker::startIssuing() {
    started_ = true;
    second_ = 0;
    secondEnds_ = start_ + std::chrono::seconds(1);
    const LoadPlan& load = spec().load;
    if (load.timed()) {
        deadline_ = timeAt(load.durationSeconds);
        endTimer_.expires_at(deadline_);
        endTimer_.async_wait([this](boost::system::error_code ec) {
            if (ec || stopping_) return;
            stopIssuing(spec().load.durationSeconds);
            // Connections that noticed the deadline first may all have ended already (and a
            // timer that had expired cannot be cancelled): then there is nothing to wait for.
            if (live_ == 0) return;
            // In-flight requests get the grace period (never more than the timeout), then are
            // reported as in flight at the end.
            endTimer_.expires_at(timeAt(spec().load.durationSeconds + spec().load.graceSeconds));
            endTimer_.async_wait([this](boost::system::error_code e) {
                if (!e && !stopping_ && live_ > 0) stop(false);
            });
        });
    }
    if (open_) armPacer();
}

std::optional<Ticket> Worker::takeTicket(Clock::time_point now, bool freedByResponse) {
    if (!issuing_ || stopping_ || !started_) return std::nullopt;
    // Closed model: nothing starts after the deadline. The open model's schedule has no due time
    // past it; a request due just before it is still sent until the end timer has run (which
    // drops what is left), so a pacer that fires a little late does not drop it.
    if (!open_ && now >= deadline_) {
        stopIssuing(spec().load.durationSeconds);
        return std::nullopt;
    }
    Ticket ticket;
    if (!open_) {
        ticket.index = nextIndex_;
        ticket.due = now;
        nextIndex_ += shares_;
    } else {
        const double due = schedule_.nextDue();
        if (due == RateCurve::kForever) {
            if (scheduleDone()) stopIssuing(secondsAt(now));
            return std::nullopt;
        }
        ticket.due = timeAt(due);
        if (ticket.due > now) return std::nullopt;
        ticket.index = schedule_.nextIndex();
        schedule_.advance();
        // Waited for a connection: it was due a while ago, the one taking it was busy until now,
        // and no other could be opened (the pool is full).
        if (freedByResponse && now - ticket.due > kWaitedTooLong && live_ >= maxConnections_)
            ++final_.end.waitedForConnection;
    }
    ticket.warmup = secondsAt(ticket.due) < spec().load.warmupSeconds;
    ticket.request = shared_.pick(ticket.index, open_);
    ++handed_;
    ++inFlight_;
    // The last one: nothing more to hand out, connections waiting for work can end now.
    if (open_ ? scheduleDone() : nextIndex_ >= spec().load.count) stopIssuing(secondsAt(now));
    return ticket;
}

// Open model: no request will fall due again before the end. The count is spent, or the plan
// has no time limit and its curve ran out; a time-limited plan (stages ending at rate 0 too)
// lasts until its deadline.
bool Worker::scheduleDone() const {
    return schedule_.nextIndex() >= spec().load.count ||
           (schedule_.nextDue() == RateCurve::kForever && !spec().load.timed());
}

bool Worker::park(ConnectionBase* connection, Clock::time_point) {
    if (!open_ || !issuing_ || stopping_) return false;
    if (!std::exchange(connection->inPool, true)) {
        connection->poolIndex = idle_.size();
        idle_.push_back(connection);
    }
    armPacer();
    return true;
}

// The pacer: at each due time, hand due requests to idle connections. How late that happens
// while a connection sat idle is the generator's own delay (idleLag), the heart of its verdict.
void Worker::pace() {
    if (stopping_ || !issuing_) return;
    const auto now = Clock::now();
    while (!idle_.empty() && issuing_) {
        const double due = schedule_.nextDue();
        if (due == RateCurve::kForever || timeAt(due) > now) break;
        // The most recently used: warm, and its peers may idle out. It leaves the pool (before
        // the last ticket ends issuing, which finishes the pool), and an HTTP/2 connection with
        // streams to spare parks again as it sends.
        ConnectionBase* connection = idle_.back();
        idle_.pop_back();
        connection->inPool = false;
        final_.end.idleLag.record(nanos(now - std::max(timeAt(due), connection->idleSince())));
        auto ticket = takeTicket(now);
        if (!ticket && issuing_) {  // not due after all
            park(connection, now);
            break;
        }
        if (ticket) connection->send(*ticket);
        else connection->finishIdle();  // issuing ended just now (stopIssuing finished the others)
    }
    if (!issuing_) return;
    growPool(now);
    armPacer();
}

void Worker::armPacer() {
    if (pacerArmed_ || !issuing_ || stopping_ || !started_) return;  // before the start, paceTimer_ waits for it
    const double due = schedule_.nextDue();
    if (due == RateCurve::kForever) return;
    auto at = timeAt(due);
    const auto now = Clock::now();
    if (at <= now) {
        // Behind: connections take due requests as soon as they are free. Keep polling only while
        // the pool may still grow, or an idle connection is waiting (handed out next turn).
        if (idle_.empty() && live_ >= maxConnections_) return;
        at = idle_.empty() ? now + kGrowPoll : now;
    }
    pacerArmed_ = true;
    paceTimer_.expires_at(at);
    paceTimer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;  // cancelled: whoever cancelled re-arms
        pacerArmed_ = false;
        pace();
    });
}

// Requests are due and no connection has room: open more, up to max connections, enough for the
// due requests not already covered by connects under way (HTTP/2: each takes --streams of them).
void Worker::growPool(Clock::time_point now) {
    if (!idle_.empty() || live_ >= maxConnections_) return;
    const std::uint64_t per = spec().streams;
    const std::uint64_t room = maxConnections_ - live_;
    const std::uint64_t due = schedule_.remainingBefore(secondsAt(now) + 1e-9, (room + connecting_) * per);
    for (std::uint64_t i = connecting_; i * per < due && live_ < maxConnections_ && !stopping_; ++i) addConnection();
}

void Worker::stopIssuing(double at) {
    if (!issuing_) return;
    issuing_ = false;
    issuingEnded_ = Clock::now();
    cpuAtIssuingEnd_ = threadCpu();
    const std::uint64_t dropped = open_ && started_ ? schedule_.remainingBefore(at) : 0;
    final_.end.dropped = dropped;
    final_.end.scheduled = handed_ + dropped;
    paceTimer_.cancel();
    pacerArmed_ = false;
    // Connections waiting for work end now; so do those backing off before a reconnect.
    auto idle = std::move(idle_);
    idle_.clear();
    for (auto* connection : idle) {
        connection->inPool = false;
        connection->finishIdle();
    }
    for (auto& connection : connections_) connection->stopWaiting();  // backing off, or connecting for no request
}

// The request's own tally beside the run's (several requests only; the warm-up is not split).
Tally* Worker::requestTally(const Ticket& ticket) {
    return ticket.warmup || requestTallies_.empty() ? nullptr : &requestTallies_[ticket.request];
}

void Worker::recordSent(Ticket& ticket, Clock::time_point now) {
    if (std::exchange(ticket.sent, true)) return;  // a retry is the same request
    for (Tally* tally : {&tallyAt(now, ticket.warmup), requestTally(ticket)}) {
        if (!tally) continue;
        if (!open_) tally->recordSent();
        else tally->recordSent(nanos(now - ticket.due));
    }
}

void Worker::recordResponse(const Ticket& ticket, int status, std::uint64_t bytes, Clock::time_point sentAt,
                            Clock::time_point now, Clock::time_point firstByte, CheckVerdict checked) {
    --inFlight_;
    everAnswered_ = true;
    downSince_.reset();
    for (Tally* tally : {&tallyAt(now, ticket.warmup), requestTally(ticket)}) {
        if (!tally) continue;
        if (firstByte > sentAt) tally->firstByte.record(nanos(firstByte - sentAt));
        if (open_) tally->recordTimedResponse(status, bytes, nanos(now - ticket.due), nanos(now - sentAt), checked);
        else tally->recordResponse(status, bytes, nanos(now - sentAt), checked);
    }
}

void Worker::recordSetup(LatencyHistogram Tally::*step, Clock::duration took) {
    (tallyAt(Clock::now(), false).*step).record(nanos(took));
}

void Worker::recordError(const Ticket& ticket, ErrorKind kind, const std::string& message) {
    --inFlight_;
    for (Tally* tally : {&tallyAt(Clock::now(), ticket.warmup), requestTally(ticket)})
        if (tally) tally->recordError(kind, message);
}

std::vector<std::uint16_t> weightedCycle(const std::vector<std::uint32_t>& weights) {
    std::vector<std::uint16_t> cycle;
    std::vector<std::int64_t> score(weights.size(), 0);
    const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
    for (std::int64_t n = 0; n < total; ++n) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            score[i] += weights[i];
            if (score[i] > score[best]) best = i;
        }
        score[best] -= total;
        cycle.push_back(static_cast<std::uint16_t>(best));
    }
    return cycle;
}

}  // namespace salvo
