#include "Worker.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <system_error>

#include "Connection.hpp"

namespace salvo {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
constexpr auto kFlushInterval = std::chrono::milliseconds(50);

// Deadlines are checked this often: a twentieth of the timeout, within 5..50 ms, so a timeout
// fires at most ~5% late while the sweep stays cheap even over 10,000 connections.
Worker::Clock::duration tickIntervalFor(std::chrono::milliseconds timeout) {
    return std::clamp<Worker::Clock::duration>(timeout / 20, std::chrono::milliseconds(5), kFlushInterval);
}
}  // namespace

Worker::Worker(const RunShared& shared, std::uint64_t count, std::uint32_t connections, Clock::time_point start)
    : shared_(shared), start_(start), connectionCount_(connections),
      tickInterval_(tickIntervalFor(shared.spec.timeout)), remaining_(count) {}

Worker::~Worker() {
    cancel();
    join();
}

void Worker::start() {
    try {
        thread_ = std::thread([this] { run(); });
    } catch (const std::system_error& e) {  // out of threads or memory: this worker ends at once
        final_.fatal = true;
        final_.message = std::string("cannot start an engine thread: ") + e.what();
        final_.inFlight = 0;
        finished_.store(true, std::memory_order_release);
    }
}

void Worker::cancel() {
    asio::post(io_, [this] { stop(true); });
}

void Worker::join() {
    if (thread_.joinable()) thread_.join();
}

bool Worker::takeFinal(ProgressEvent& event) {
    if (finalTaken_ || !finished()) return false;
    finalTaken_ = true;
    event = std::move(final_);
    return true;
}

void Worker::run() {
    try {
        if (spec().target.isTls() && !tls()) fail(ErrorKind::tls, shared_.tlsError);
        if (!stopping_) resolve();
        io_.run();
    } catch (const std::exception& e) {
        // Nothing in the engine should throw; if a library does, the run ends with the
        // reason and the numbers so far instead of taking the process down.
        final_.fatal = true;
        final_.message = std::string("internal error: ") + e.what();
        stopping_ = true;
        for (auto& connection : connections_) connection->close();
    }
    // Everything not yet pushed travels with the final event, which is never dropped.
    final_.elapsedSeconds = elapsedSeconds();
    final_.delta = std::move(tally_);
    final_.inFlight = inFlight_;
    finished_.store(true, std::memory_order_release);
}

void Worker::resolve() {
    const Target& target = spec().target;
    if (target.hostIsIpAddress) {
        boost::system::error_code ec;
        const auto address = asio::ip::make_address(target.host, ec);
        if (ec) return fail(ErrorKind::resolve, "'" + target.host + "' is not a usable IP address");
        endpoints_.emplace_back(address, target.port);
        return openConnections();
    }
    resolveTimer_.expires_after(spec().timeout);
    resolveTimer_.async_wait([this](boost::system::error_code ec) {
        if (!ec) resolver_.cancel();
    });
    resolver_.async_resolve(target.host, std::to_string(target.port),
                            [this](auto ec, auto results) { onResolved(ec, results); });
}

void Worker::onResolved(const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
    resolveTimer_.cancel();
    if (stopping_) return;
    if (ec) {
        const bool timedOut = ec == asio::error::operation_aborted;
        return fail(ErrorKind::resolve, "cannot resolve host '" + spec().target.host + "': " +
                                            (timedOut ? "timed out" : ec.message()));
    }
    for (const auto& entry : results) endpoints_.push_back(entry.endpoint());
    openConnections();
}

void Worker::openConnections() {
    for (std::uint32_t i = 0; i < connectionCount_; ++i) {
        if (spec().target.isTls()) connections_.push_back(std::make_unique<Connection<TlsStream>>(*this));
        else connections_.push_back(std::make_unique<Connection<PlainStream>>(*this));
    }
    live_ = connectionCount_;
    lastFlush_ = Clock::now();
    scheduleTick();
    for (auto& connection : connections_) connection->start();
}

bool Worker::takeTicket() {
    if (stopping_ || remaining_ == 0) return false;
    --remaining_;
    ++inFlight_;
    if (remaining_ == 0)  // the last one: connections waiting to reconnect have nothing to do
        for (auto& connection : connections_) connection->stopWaiting();
    return true;
}

void Worker::recordResponse(int status, std::uint64_t bytes, Clock::duration latency) {
    --inFlight_;
    everAnswered_ = true;
    downSince_.reset();
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count();
    tally_.recordResponse(status, bytes, static_cast<std::uint64_t>(std::max<long long>(nanos, 0)));
}

void Worker::recordError(ErrorKind kind, const std::string& message) {
    --inFlight_;
    tally_.recordError(kind, message);
}

void Worker::connectFailed(ErrorKind kind, const std::string& message, bool neverSetUp) {
    recordError(kind, message);
    // The target is unreachable when every connection failed without ever getting through:
    // end the run with the reason rather than fail each request slowly.
    if (neverSetUp && ++connectionsFailedFirst_ >= connectionCount_) return fail(kind, message);
    // It answered before and now refuses connections (not: times out, which an overloaded
    // server does): the server went away. Connections back off; once nothing has worked for the
    // timeout (at least a second), the run ends rather than spend its count on failures.
    if (!everAnswered_ || kind != ErrorKind::connect) return;
    const auto now = Clock::now();
    if (!downSince_) downSince_ = now;
    const auto window = std::max<Clock::duration>(spec().timeout, std::chrono::seconds(1));
    if (now - *downSince_ >= window) fail(kind, "the server stopped accepting connections (" + message + ")");
}

void Worker::connectionFinished() {
    if (live_ > 0 && --live_ == 0) {
        tickTimer_.cancel();  // nothing left to wait for: io_.run() returns
        resolveTimer_.cancel();
    }
}

void Worker::scheduleTick() {
    tickTimer_.expires_after(tickInterval_);
    tickTimer_.async_wait([this](boost::system::error_code ec) {
        // A tick that expired just as the last connection finished still arrives with success:
        // re-arming it then would keep io_.run() alive forever.
        if (ec || stopping_ || live_ == 0) return;
        tick();
        scheduleTick();
    });
}

void Worker::tick() {
    const auto now = Clock::now();
    for (auto& connection : connections_) connection->expireIfDue(now);
    if (now - lastFlush_ >= kFlushInterval) {
        lastFlush_ = now;
        flush();
    }
}

void Worker::flush() {
    if (tally_.completed() == 0) return;
    ProgressEvent event;
    event.elapsedSeconds = elapsedSeconds();
    event.delta = std::move(tally_);
    // A full queue means the consumer is behind: keep the delta and send it merged next time.
    if (queue_.push(event)) tally_.clear();
    else tally_ = std::move(event.delta);
}

void Worker::stop(bool cancelled) {
    if (stopping_) return;
    stopping_ = true;
    final_.cancelled = cancelled;
    resolver_.cancel();
    resolveTimer_.cancel();
    tickTimer_.cancel();
    for (auto& connection : connections_) connection->close();
}

void Worker::fail(ErrorKind kind, const std::string& message) {
    if (stopping_) return;
    // Failing before any connection opened: the request we could not start counts as failed.
    if (connections_.empty() && takeTicket()) recordError(kind, message);
    final_.fatal = true;
    final_.message = message;
    stop(false);
}

double Worker::elapsedSeconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
}

}  // namespace salvo
