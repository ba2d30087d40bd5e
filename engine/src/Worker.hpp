#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "EventChannel.hpp"
#include "ResponseHead.hpp"
#include "salvo/ProgressEvent.hpp"
#include "salvo/RunSpec.hpp"
#include "ResponseCheck.hpp"
#include "salvo/Schedule.hpp"

namespace salvo {

class ConnectionBase;

// One of the run's requests, ready to send: its bytes serialized once for every thread.
struct PreparedRequest {
    RequestSpec spec;
    std::string bytes;         // written as-is for every request
    bool idempotent = false;   // may be sent again after a reused connection closed (RFC 9112 9.3.1)
    bool headRequest = false;  // HEAD: responses announce a body but carry none (RFC 9110 9.3.2)
    ResponseCheck check;       // the checks on its responses; inactive when none were asked for
    // HTTP/2 runs: its header list (pseudo-headers first, names in lower case), built once.
    std::vector<std::pair<std::string, std::string>> h2Fields;
};

// What every engine thread of one run reads: built once by the Runner, so each request is
// serialized once and the CA certificates are loaded once, however many threads. Only the
// open model's start barrier is written, through atomics.
struct RunShared {
    RunSpec spec;  // its requests, headers and body live in `requests` (moved there)
    std::vector<PreparedRequest> requests;  // the run's one request, or its named requests
    // Several requests: the order they are sent in, repeated (their weights interleaved, so every
    // full cycle sends each exactly its weight; see pick()). Empty with one.
    std::vector<std::uint16_t> cycle;
    std::unique_ptr<boost::asio::ssl::context> tls;  // https only; null when tlsError says why
    std::string tlsError;
    // Open model: the schedule starts once every worker's first connections are up (or have
    // failed), so resolving, connecting and TLS handshakes are not charged to the first requests.
    // The last worker to get ready sets the start, in steady-clock ticks; 0 until then.
    std::uint32_t workers = 1;
    mutable std::atomic<std::uint32_t> ready{0};
    mutable std::atomic<std::chrono::steady_clock::rep> scheduleStart{0};

    mutable std::atomic<std::uint64_t> picks{0};  // closed model: requests chosen so far, all threads

    // Which request a ticket sends. Open model: its index in the one schedule, so a rate keeps
    // the cycle's order. Closed model: the next of a count all threads share, since a thread
    // taking every n-th index would see only part of the cycle, and threads run at their own pace;
    // a machine's share takes the plan's picks I, I + N, ..., so the shares together send the
    // plan's mix exactly.
    std::uint32_t pick(std::uint64_t index, bool open) const {
        if (cycle.empty()) return 0;
        const std::uint64_t k = open ? index
                                     : spec.shard.index + std::uint64_t{std::max<std::uint32_t>(1, spec.shard.count)} *
                                                              picks.fetch_add(1, std::memory_order_relaxed);
        return cycle[k % cycle.size()];
    }
};

// Smooth weighted round-robin (nginx's upstream choice): each pick goes to the highest running
// score, so weights 3 and 1 give a, a, b, a rather than a, a, a, b. Sum of the weights long.
std::vector<std::uint16_t> weightedCycle(const std::vector<std::uint32_t>& weights);

// A request a connection may send: its place in the run and when it was due. In the closed
// model it is due when the connection takes it; in the open model the schedule says when.
struct Ticket {
    std::uint64_t index = 0;
    std::uint32_t request = 0;  // which of RunShared::requests
    std::chrono::steady_clock::time_point due{};
    bool warmup = false;  // due within the warm-up: counted apart from the figures
    bool sent = false;    // its first write started (a retry does not count it again)
    bool retried = false; // HTTP/2: sent again after its connection was lost (once at most)
    std::uint8_t refusals = 0;  // HTTP/2: refused unprocessed (REFUSED_STREAM, above a GOAWAY) so far
};

// What one worker takes of the run: the global request indices first, first + stride, ... (its
// thread's share of this machine's share), and its connections.
struct WorkerShare {
    std::uint32_t id = 0;  // which worker of this process: 0 .. threads - 1
    std::uint32_t first = 0;
    std::uint32_t stride = 1;
    std::uint32_t connections = 1;
    std::uint32_t maxConnections = 1;
};

// One engine thread: its own io_context, connections, request budget and counts (as in wrk),
// so nothing on the hot path is shared with other threads. It talks to the consumer only
// through a channel of deltas plus one final event handed over after the thread ends.
class Worker {
public:
    using Clock = std::chrono::steady_clock;

    Worker(const RunShared& shared, const WorkerShare& share, Clock::time_point start);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start();   // launches the thread
    void cancel();  // from any thread: posts a stop into the loop
    void join();
    // From any thread: open model, constant `rps` from `at` seconds of the run on.
    void changeRate(double at, double rps);

    // Consumer side (one thread). pop() yields deltas (null when none waits), to be handed
    // back once applied; once finished() was seen true, and pop() then returns null,
    // takeFinal() returns the remaining events exactly once, in order, the final one (with the
    // end-of-run fields) last.
    std::unique_ptr<ProgressEvent> pop() { return channel_.receive(); }
    void handBack(std::unique_ptr<ProgressEvent> event) { channel_.handBack(std::move(event)); }
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    bool takeFinal(std::vector<ProgressEvent>& events);

    // For the worker's own connections, on the worker thread.
    boost::asio::io_context& io() { return io_; }
    boost::asio::ssl::context* tls() { return shared_.tls.get(); }
    const RunShared& shared() const { return shared_; }
    const RunSpec& spec() const { return shared_.spec; }
    const std::vector<boost::asio::ip::tcp::endpoint>& endpoints() const { return endpoints_; }
    bool stopping() const { return stopping_; }
    bool openModel() const { return open_; }
    // The last quick response head any of this worker's connections read: servers send the
    // same head on every connection, and one shared copy stays in cache where one per
    // connection (500 of them) would be cold by the time its connection reads again.
    QuickHeadCache& headCache() { return headCache_; }
    // So many connections that their TLS record buffers are better shared through the allocator
    // than kept per connection (TlsStream.cpp measures it).
    static constexpr std::uint32_t kReleaseTlsBuffersAbove = 256;
    bool manyConnections() const { return maxConnections_ > kReleaseTlsBuffersAbove; }
    // A request to send now, if one is due (closed model: while the count and time last).
    // `freedByResponse`: the caller just finished a response (so a late ticket waited for it).
    std::optional<Ticket> takeTicket(Clock::time_point now, bool freedByResponse = false);
    // Open model: a connection's first connect has succeeded (ready for a request) or failed;
    // once every starting connection has settled, the worker is ready for the schedule.
    void settled();
    // Open model: an idle connection that the server closed (or wrote to) leaves the pool.
    void unpark(ConnectionBase* connection);
    // Open model: a connected connection with room for a request (HTTP/2: a free stream) waits
    // here, once; the pacer hands it the next ticket when it falls due (ConnectionBase::send).
    // False: no more tickets, finish.
    bool park(ConnectionBase* connection, Clock::time_point now);
    bool hasWork() const { return issuing_ && !stopping_; }
    void recordSent(Ticket& ticket, Clock::time_point now);
    void recordResponse(const Ticket& ticket, int status, std::uint64_t bytes, Clock::time_point sentAt,
                        Clock::time_point now, Clock::time_point firstByte, CheckVerdict checked = {});
    // A connection's setup step took `took`: the connect or the TLS handshake (Tally::connect...).
    void recordSetup(LatencyHistogram Tally::*step, Clock::duration took);
    void recordError(const Ticket& ticket, ErrorKind kind, const std::string& message);
    void recordRetry() { tallyAt(Clock::now(), false).retried++; }
    void recordUnsolicited(const std::string& message) { tallyAt(Clock::now(), false).recordUnsolicited(message); }
    // HTTP/2: the server's GOAWAY, by its error code (a connection event, like unsolicited bytes).
    void recordGoaway(const std::string& message) { tallyAt(Clock::now(), false).recordGoaway(message); }
    // A connection set up speaking HTTP/2 or HTTP/1.1 (--http2=auto: `fellBack`, the server chose 1.1).
    void noteProtocol(bool http2, bool fellBack = false);
    void connecting(int delta) { connecting_ += delta; }  // open model: connects under way without a ticket
    // A connect or TLS failure; counted as a failed request when the connection held one
    // (`ticket`). See the .cpp for when it ends the run.
    // `neverSetUp`: the first failure of a connection that never got through.
    void connectFailed(const std::optional<Ticket>& ticket, ErrorKind kind, const std::string& message,
                       bool neverSetUp);
    void connectionFinished();

private:
    void run();
    void resolve();
    void onResolved(const boost::system::error_code& ec,
                    const boost::asio::ip::tcp::resolver::results_type& results);
    void openConnections();
    void addConnection();
    void scheduleTick();
    void tick();
    void flush();
    Tally& tallyAt(Clock::time_point now, bool warmup);
    void cutSecond(Clock::time_point now);
    void stop(bool cancelled);
    void fail(ErrorKind kind, const std::string& message);
    double elapsedSeconds() const;
    double secondsAt(Clock::time_point t) const;
    Clock::time_point timeAt(double seconds) const;
    // Tickets and pacing (WorkerTickets.cpp).
    void startIssuing();
    bool scheduleDone() const;
    void becomeReady();
    void awaitScheduleStart();
    void pace();
    void armPacer();
    void growPool(Clock::time_point now);
    void stopIssuing(double at);  // no more tickets; requests due before `at` and never sent are dropped
    void abandonInFlight();       // the grace period is over
    void finishEnd();             // fills final_.end

    const RunShared& shared_;
    Clock::time_point start_;  // the run's time zero (open model: moved to the schedule's start)
    const std::uint32_t connectionCount_;
    const std::uint32_t maxConnections_;
    const bool open_;
    const Clock::duration tickInterval_;  // how often deadlines are checked


    // Run by this worker's thread alone, and its sockets and timers used only from handlers run
    // there: the reactor's per-operation locking (a lock and unlock per read or write) is not
    // needed. The scheduler keeps its lock: cancel() and changeRate() post from other threads.
    boost::asio::io_context io_{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
    boost::asio::ip::tcp::resolver resolver_{io_};
    boost::asio::steady_timer tickTimer_{io_};  // timeouts sweep + progress flush
    boost::asio::steady_timer resolveTimer_{io_};
    boost::asio::steady_timer paceTimer_{io_};  // open model: the next due request
    boost::asio::steady_timer endTimer_{io_};   // the time limit, then the grace period
    std::vector<boost::asio::ip::tcp::endpoint> endpoints_;
    std::vector<std::unique_ptr<ConnectionBase>> connections_;

    // Owned by the worker thread.
    Schedule schedule_;            // open model: this worker's share of the due times
    const std::uint32_t shares_;
    std::uint64_t nextIndex_;      // closed model: the next global index of this share
    bool issuing_ = true;          // tickets may still be handed out
    bool started_ = false;         // the schedule's clock runs (closed model: from the start)
    std::uint32_t unsettled_ = 0;  // open model: starting connections whose first connect is pending
    bool pacerArmed_ = false;
    std::uint64_t handed_ = 0;     // tickets handed out
    std::vector<ConnectionBase*> idle_;  // open model: connected, waiting for a due request
    std::uint32_t connecting_ = 0;
    std::uint64_t inFlight_ = 0;   // started, not yet counted
    std::uint32_t live_ = 0;       // connections not yet finished
    bool stopping_ = false;
    bool everAnswered_ = false;    // some response arrived: the target is reachable
    std::optional<Clock::time_point> downSince_;  // first connect failure since the last response
    std::uint32_t connectionsFailedFirst_ = 0;  // connections that failed without ever getting through
    Tally tally_;                  // counts since the last delta was pushed
    Tally warmupTally_;            // the same, for requests due within the warm-up
    std::vector<Tally> requestTallies_;  // several requests: tally_ split by request (not by second)
    Tally* requestTally(const Ticket& ticket);  // null with one request, or for a warm-up request
    std::uint32_t second_ = 0;     // the second of the run tally_ belongs to
    Clock::time_point secondEnds_{};
    Clock::time_point lastFlush_{};
    Clock::time_point tickDue_{};  // when the pending tick should fire: its lateness is loop lag
    Clock::time_point issuingEnded_{};
    Clock::time_point resolveStart_{};
    double cpuAtStart_ = 0;
    double cpuAtIssuingEnd_ = 0;
    Clock::time_point deadline_ = Clock::time_point::max();  // the time limit, if any
    static double threadCpu();
    EventChannel channel_;
    QuickHeadCache headCache_;
    ProgressEvent final_;          // written by the worker before finished_, read after
    std::atomic<bool> finished_{false};
    bool finalTaken_ = false;
    std::thread thread_;
};

}  // namespace salvo
