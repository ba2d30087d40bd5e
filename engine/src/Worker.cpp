#include "Worker.hpp"

#include <time.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cmath>
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

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
}  // namespace

Worker::Worker(const RunShared& shared, const WorkerShare& share, Clock::time_point start)
    : shared_(shared), start_(start), connectionCount_(share.connections),
      maxConnections_(std::max(share.connections, share.maxConnections)), open_(shared.spec.load.open()),
      tickInterval_(tickIntervalFor(shared.spec.timeout)), schedule_(shared.spec.load, share.first, share.stride),
      shares_(share.stride), nextIndex_(share.first) {
    final_.worker = share.id;
    final_.last = true;
    if (!shared.cycle.empty()) requestTallies_.resize(shared.requests.size());
    started_ = !open_;  // only the open model waits for its first connections
}

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

void Worker::changeRate(double at, double rps) {
    asio::post(io_, [this, at, rps] {
        if (!open_ || stopping_ || !issuing_) return;
        if (!started_) return schedule_.changeRate(0, rps);  // before the start: the whole plan
        // Never back-date a change this worker saw late: that would make requests due at once.
        schedule_.changeRate(std::max(at, elapsedSeconds()), rps);
        paceTimer_.cancel();  // re-armed for the new next due time
        pacerArmed_ = false;
        armPacer();
    });
}

void Worker::join() {
    if (thread_.joinable()) thread_.join();
}

bool Worker::takeFinal(std::vector<ProgressEvent>& events) {
    if (finalTaken_ || !finished()) return false;
    finalTaken_ = true;
    events.clear();
    for (auto& event : channel_.takeBacklog())  // the worker thread has ended: it sends no more
        events.push_back(std::move(*event));
    events.push_back(std::move(final_));
    return true;
}

void Worker::run() {
    cpuAtStart_ = threadCpuSeconds();
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
    finishEnd();
    // What was not yet pushed travels with the final event, which is never dropped; deltas still
    // waiting for room in the queue (the channel's backlog) are handed over with it by takeFinal.
    final_.second = second_;
    final_.elapsedSeconds = elapsedSeconds();
    final_.delta.merge(tally_);
    final_.warmup.merge(warmupTally_);
    final_.requests.resize(requestTallies_.size());
    for (std::size_t i = 0; i < requestTallies_.size(); ++i) final_.requests[i].merge(requestTallies_[i]);
    final_.connections = 0;
    final_.inFlight = inFlight_;
    finished_.store(true, std::memory_order_release);
}

// The URL's host, or where --connect-to sends its connections instead (Host, SNI and the
// certificate check keep the URL's host either way).
void Worker::resolve() {
    const Target& target = spec().target;
    const std::string& host = spec().connectTo ? spec().connectTo->address : target.host;
    const std::uint16_t port = spec().connectTo ? spec().connectTo->addressPort : target.port;
    boost::system::error_code notAnAddress;
    const auto address = asio::ip::make_address(host, notAnAddress);
    if (!notAnAddress) {
        endpoints_.emplace_back(address, port);
        return openConnections();
    }
    if (host == target.host && target.hostIsIpAddress)
        return fail(ErrorKind::resolve, "'" + target.host + "' is not a usable IP address");
    resolveStart_ = Clock::now();
    resolveTimer_.expires_after(spec().timeout);
    resolveTimer_.async_wait([this](boost::system::error_code ec) {
        if (!ec) resolver_.cancel();
    });
    resolver_.async_resolve(host, std::to_string(port), [this](auto ec, auto results) { onResolved(ec, results); });
}

void Worker::onResolved(const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
    resolveTimer_.cancel();
    if (stopping_) return;
    if (ec) {
        const bool timedOut = ec == asio::error::operation_aborted;
        return fail(ErrorKind::resolve, "cannot resolve host '" + (spec().connectTo ? spec().connectTo->address : spec().target.host) + "': " +
                                            (timedOut ? "timed out" : ec.message()));
    }
    for (const auto& entry : results) endpoints_.push_back(entry.endpoint());
    recordSetup(&Tally::dns, Clock::now() - resolveStart_);
    openConnections();
}

void Worker::openConnections() {
    lastFlush_ = Clock::now();
    scheduleTick();
    if (open_) unsettled_ = connectionCount_;  // the schedule waits for the first connects
    else startIssuing();
    for (std::uint32_t i = 0; i < connectionCount_ && !stopping_; ++i) addConnection();
}

void Worker::settled() {
    if (!open_ || started_ || unsettled_ == 0) return;
    if (--unsettled_ == 0) becomeReady();
}

// The last worker to get ready starts the one schedule for all, a millisecond ahead so that every
// worker sees the start before its first request falls due.
void Worker::becomeReady() {
    if (shared_.ready.fetch_add(1) + 1 >= shared_.workers)
        shared_.scheduleStart.store((Clock::now() + std::chrono::milliseconds(1)).time_since_epoch().count());
    awaitScheduleStart();
}

void Worker::awaitScheduleStart() {
    if (const auto at = shared_.scheduleStart.load(); at != 0) {
        start_ = Clock::time_point(Clock::duration(at));
        return startIssuing();
    }
    paceTimer_.expires_after(std::chrono::milliseconds(1));  // the pacer is not armed before the start
    paceTimer_.async_wait([this](boost::system::error_code ec) {
        if (!ec && !stopping_) awaitScheduleStart();
    });
}

void Worker::unpark(ConnectionBase* connection) {
    if (!std::exchange(connection->inPool, false)) return;
    // The last one takes its place: an HTTP/2 connection leaves and rejoins the pool as its
    // streams fill and free, so this must not search a pool of thousands.
    ConnectionBase* last = idle_.back();
    idle_[connection->poolIndex] = last;
    last->poolIndex = connection->poolIndex;
    idle_.pop_back();
}

void Worker::noteProtocol(bool http2, bool fellBack) {
    ++(http2 ? final_.end.http2Connections : final_.end.http1Connections);
    if (fellBack) ++final_.end.fellBackConnections;
}

void Worker::addConnection() {
    if (spec().target.isTls()) connections_.push_back(std::make_unique<Connection<TlsStream>>(*this));
    else connections_.push_back(std::make_unique<Connection<PlainStream>>(*this));
    ++live_;
    final_.end.peakConnections = std::max(final_.end.peakConnections, live_);
    connections_.back()->start();
}

void Worker::connectFailed(const std::optional<Ticket>& ticket, ErrorKind kind, const std::string& message,
                           bool neverSetUp) {
    if (ticket) recordError(*ticket, kind, message);
    else tallyAt(Clock::now(), false).recordConnectFailure(kind, message);
    // The target is unreachable when every connection failed without ever getting through (and
    // nothing was ever answered: a pool that grew under load may fail a connect or two):
    // end the run with the reason rather than fail each request slowly.
    if (neverSetUp && !everAnswered_ && ++connectionsFailedFirst_ >= connections_.size()) return fail(kind, message);
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
    if (live_ == 0 || --live_ > 0) return;
    if (open_ && issuing_ && !stopping_) return addConnection();  // the pool never empties while requests are due
    {
        tickTimer_.cancel();  // nothing left to wait for: io_.run() returns
        resolveTimer_.cancel();
        paceTimer_.cancel();
        endTimer_.cancel();
    }
}

void Worker::scheduleTick() {
    tickDue_ = Clock::now() + tickInterval_;
    tickTimer_.expires_at(tickDue_);
    tickTimer_.async_wait([this](boost::system::error_code ec) {
        // A tick that expired just as the last connection finished still arrives with success:
        // re-arming it then would keep io_.run() alive forever.
        if (ec || stopping_ || (live_ == 0 && !issuing_)) return;
        tick();
        scheduleTick();
    });
}

void Worker::tick() {
    const auto now = Clock::now();
    final_.end.loopLag.record(static_cast<std::uint64_t>(std::max<Clock::rep>(0, (now - tickDue_).count())));
    // By index: an HTTP/2 connection can finish here, and the pool's replacement is appended.
    for (std::size_t i = 0; i < connections_.size(); ++i) connections_[i]->expireIfDue(now);
    if (now >= secondEnds_) cutSecond(now);
    if (now - lastFlush_ >= kFlushInterval) {
        lastFlush_ = now;
        flush();
    }
}

// The tally for a count made at `now`: first, a second that has ended is cut off and sent, so
// every count lands in the second it happened in.
Tally& Worker::tallyAt(Clock::time_point now, bool warmup) {
    if (now >= secondEnds_) cutSecond(now);
    return warmup ? warmupTally_ : tally_;
}

void Worker::cutSecond(Clock::time_point now) {
    flush();
    const auto whole = std::chrono::duration_cast<std::chrono::seconds>(now - start_);
    second_ = static_cast<std::uint32_t>(std::max<std::chrono::seconds::rep>(0, whole.count()));
    secondEnds_ = start_ + std::chrono::seconds(second_ + 1);
}

// Sent every ~50 ms and at each whole second even when nothing completed, so progress and the
// per-second figures move with time during a stall. The counts go by swapping: the event takes
// the full tallies, the worker keeps the event's cleared ones (with their histograms' buckets).
void Worker::flush() {
    auto event = channel_.blank();
    event->worker = final_.worker;
    event->second = second_;
    event->elapsedSeconds = elapsedSeconds();
    event->connections = live_;
    event->inFlight = inFlight_;
    std::swap(event->delta, tally_);
    std::swap(event->warmup, warmupTally_);
    if (!requestTallies_.empty()) {
        std::swap(event->requests, requestTallies_);
        requestTallies_.resize(event->requests.size());  // a new event has none yet
    }
    channel_.send(std::move(event));
}

void Worker::stop(bool cancelled) {
    if (stopping_) return;
    if (issuing_) stopIssuing(elapsedSeconds());
    const auto now = Clock::now();
    for (auto& connection : connections_)
        if (const auto since = connection->busySince())
            final_.end.inFlightLongestSeconds = std::max(final_.end.inFlightLongestSeconds,
                                                          std::chrono::duration<double>(now - *since).count());
    stopping_ = true;
    final_.cancelled = cancelled;
    resolver_.cancel();
    resolveTimer_.cancel();
    tickTimer_.cancel();
    paceTimer_.cancel();
    endTimer_.cancel();
    for (auto& connection : connections_) connection->close();
}

void Worker::fail(ErrorKind kind, const std::string& message) {
    if (stopping_) return;
    // Failing before any connection opened: the request we could not start counts as failed.
    if (connections_.empty())
        if (const auto ticket = takeTicket(Clock::now())) recordError(*ticket, kind, message);
    final_.fatal = true;
    final_.message = message;
    stop(false);
}

double Worker::elapsedSeconds() const { return secondsAt(Clock::now()); }

double Worker::secondsAt(Clock::time_point t) const { return std::chrono::duration<double>(t - start_).count(); }

Worker::Clock::time_point Worker::timeAt(double seconds) const {
    return start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

// CPU share over the time requests were being issued: the grace period's waiting would dilute it.
void Worker::finishEnd() {
    WorkerEnd& end = final_.end;
    const bool ended = issuingEnded_ != Clock::time_point{};
    end.busySeconds = secondsAt(ended ? issuingEnded_ : Clock::now());
    end.cpuSeconds = (ended ? cpuAtIssuingEnd_ : threadCpuSeconds()) - cpuAtStart_;
}

double Worker::threadCpu() { return threadCpuSeconds(); }

}  // namespace salvo
