#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/lockfree/spsc_queue.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "salvo/ProgressEvent.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo {

class ConnectionBase;

// What every engine thread of one run reads and none writes: built once by the Runner, so
// the request is serialized once and the CA certificates are loaded once, however many threads.
struct RunShared {
    RunSpec spec;
    std::string request;       // the request bytes, written as-is for every request
    bool idempotent = false;   // may be sent again after a reused connection closed (RFC 9112 9.3.1)
    bool headRequest = false;  // HEAD: responses announce a body but carry none (RFC 9110 9.3.2)
    std::unique_ptr<boost::asio::ssl::context> tls;  // https only; null when tlsError says why
    std::string tlsError;
};

// One engine thread: its own io_context, connections, request budget and counts (as in wrk),
// so nothing on the hot path is shared with other threads. It talks to the consumer only
// through an spsc queue of deltas plus one final event handed over after the thread ends.
class Worker {
public:
    using Clock = std::chrono::steady_clock;

    Worker(const RunShared& shared, std::uint64_t count, std::uint32_t connections, Clock::time_point start);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start();   // launches the thread
    void cancel();  // from any thread: posts a stop into the loop
    void join();

    // Consumer side (one thread). pop() yields deltas; once finished() was seen true,
    // and pop() then returns false, takeFinal() returns the last event exactly once.
    bool pop(ProgressEvent& event) { return queue_.pop(event); }
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    bool takeFinal(ProgressEvent& event);

    // For the worker's own connections, on the worker thread.
    boost::asio::io_context& io() { return io_; }
    boost::asio::ssl::context* tls() { return shared_.tls.get(); }
    const RunShared& shared() const { return shared_; }
    const RunSpec& spec() const { return shared_.spec; }
    const std::vector<boost::asio::ip::tcp::endpoint>& endpoints() const { return endpoints_; }
    bool stopping() const { return stopping_; }
    bool takeTicket();
    bool hasWork() const { return !stopping_ && remaining_ > 0; }
    void recordResponse(int status, std::uint64_t bytes, Clock::duration latency);
    void recordError(ErrorKind kind, const std::string& message);
    void recordRetry() { ++tally_.retried; }
    void recordUnsolicited(const std::string& message) { tally_.recordUnsolicited(message); }
    // A connect or TLS failure; counted as a failed request. See the .cpp for when it ends the run.
    // `neverSetUp`: the first failure of a connection that never got through.
    void connectFailed(ErrorKind kind, const std::string& message, bool neverSetUp);
    void connectionFinished();

private:
    void run();
    void resolve();
    void onResolved(const boost::system::error_code& ec,
                    const boost::asio::ip::tcp::resolver::results_type& results);
    void openConnections();
    void scheduleTick();
    void tick();
    void flush();
    void stop(bool cancelled);
    void fail(ErrorKind kind, const std::string& message);
    double elapsedSeconds() const;

    const RunShared& shared_;
    const Clock::time_point start_;
    const std::uint32_t connectionCount_;
    const Clock::duration tickInterval_;  // how often deadlines are checked

    boost::asio::io_context io_{1};  // one thread: no internal locking needed
    boost::asio::ip::tcp::resolver resolver_{io_};
    boost::asio::steady_timer tickTimer_{io_};  // timeouts sweep + progress flush
    boost::asio::steady_timer resolveTimer_{io_};
    std::vector<boost::asio::ip::tcp::endpoint> endpoints_;
    std::vector<std::unique_ptr<ConnectionBase>> connections_;

    // Owned by the worker thread.
    std::uint64_t remaining_;      // requests not yet started
    std::uint64_t inFlight_ = 0;   // started, not yet counted
    std::uint32_t live_ = 0;       // connections not yet finished
    bool stopping_ = false;
    bool everAnswered_ = false;    // some response arrived: the target is reachable
    std::optional<Clock::time_point> downSince_;  // first connect failure since the last response
    std::uint32_t connectionsFailedFirst_ = 0;  // connections that failed without ever getting through
    Tally tally_;                  // counts since the last delta was pushed
    Clock::time_point lastFlush_{};

    boost::lockfree::spsc_queue<ProgressEvent, boost::lockfree::capacity<256>> queue_;
    ProgressEvent final_;          // written by the worker before finished_, read after
    std::atomic<bool> finished_{false};
    bool finalTaken_ = false;
    std::thread thread_;
};

}  // namespace salvo
