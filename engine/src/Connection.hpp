#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <algorithm>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "ErrorText.hpp"
#include "Http1Session.hpp"
#include "Http2Session.hpp"
#include "TlsContext.hpp"
#include "Worker.hpp"

namespace salvo {

class ConnectionBase {
public:
    virtual ~ConnectionBase() = default;
    virtual void start() = 0;
    virtual void close() = 0;  // on the worker thread: pending operations end as aborted
    // Called by the worker's sweep: acts on the connection's deadline if it has passed.
    virtual void expireIfDue(Worker::Clock::time_point now) = 0;
    // The run has no requests left to start: a connection waiting to reconnect ends now.
    virtual void stopWaiting() = 0;
    // Open model: the next request for a connection in the pool (from the worker's pacer), or
    // the news that no more will come.
    virtual void send(const Ticket& ticket) = 0;
    virtual void finishIdle() = 0;
    // Requests it could start now (the pacer keeps it in the pool while there is room).
    virtual std::uint32_t freeSlots() const = 0;
    // Since when the oldest request this connection holds has been running (sent, or else
    // due); none when it holds none.
    virtual std::optional<Worker::Clock::time_point> busySince() const = 0;
    Worker::Clock::time_point idleSince() const { return idleSince_; }
    bool inPool = false;         // open model: in the worker's pool of connections with room (Worker::park)
    std::size_t poolIndex = 0;   // where in it, so leaving it costs no search

protected:
    Worker::Clock::time_point idleSince_{};
};

// Plain sockets, not beast::tcp_stream: its per-operation timer costs a timer-queue insert and
// cancel on every read and write. Timeouts come from one deadline per connection instead,
// checked by the worker's periodic sweep (as wrk does).
using PlainStream = Socket;

// One connection to the target, the transport under a protocol session: it connects, sets up
// TLS (and chooses HTTP/2 or HTTP/1.1 by ALPN), keeps the deadline, carries tickets across a
// reconnect and backs off when connects fail. Plain or TLS is fixed by the Stream type. The
// worker owns connections and outlives its io_context's run(), so handlers capture `this`.
template <class Stream>
class Connection final : public ConnectionBase {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
    using error_code = boost::system::error_code;
    using Clock = Worker::Clock;

public:
    explicit Connection(Worker& worker) : worker_(worker), retryTimer_(worker.io()), h1_(*this) {}

    void start() override { doConnect(); }

    void close() override {
        retryTimer_.cancel();
        if (stream_) {
            error_code ignored;
            lowest().close(ignored);
        }
    }

    void stopWaiting() override {
        retryTimer_.cancel();
        if (connectingFree_) {  // opening for a request that will not come: give up now
            quitting_ = true;
            close();
        }
    }

    void send(const Ticket& ticket) override { session_ ? session_->send(ticket) : carry(ticket); }
    void finishIdle() override { session_ ? session_->finishIdle() : finish(); }
    std::uint32_t freeSlots() const override { return session_ ? session_->freeSlots() : 0; }

    std::optional<Clock::time_point> busySince() const override {
        if (session_) return session_->busySince();
        if (carried_.empty()) return std::nullopt;  // (re)connecting for the tickets it carries
        return carried_.front().sent ? connectStart_ : carried_.front().due;
    }

    void expireIfDue(Clock::time_point now) override {
        if (now < deadline_) return;
        if (session_) return session_->onDeadline(now);
        expire();
    }

    // For the sessions.
    Worker& worker() { return worker_; }
    Stream& stream() { return *stream_; }
    Socket& lowest() { return boost::beast::get_lowest_layer(*stream_); }
    void armDeadline(Clock::time_point from) { deadline_ = from + worker_.spec().timeout; }
    void setDeadline(Clock::time_point at) { deadline_ = at; }
    void clearDeadline() { deadline_ = Clock::time_point::max(); }
    // A whole response that arrived after the deadline, before the sweep noticed.
    bool late(Clock::time_point now) const { return !timedOut_ && now >= deadline_; }

    // The deadline passed: closing makes pending operations end, as timeouts (effective()).
    void expire() {
        deadline_ = Clock::time_point::max();
        timedOut_ = true;
        close();
    }

    // The error an operation really ended with: a close by the sweep is a timeout, and so is
    // an operation that ended after its deadline, however coarse the sweep (1 ms timeouts).
    error_code effective(error_code ec, Clock::time_point now = Clock::now()) {
        if (timedOut_ || now >= deadline_) {
            timedOut_ = false;
            return boost::beast::error::timeout;
        }
        return ec;
    }

    // A ticket to send first on the next connection (a retry, a redirect's next hop, or the
    // closed model's claim); settled by the session that takes it, or failed if connecting fails.
    // Oldest first: a server that takes N streams per connection (then GOAWAY) refuses the rest,
    // and the order they were refused in is nghttp2's, not theirs; so none waits for ever.
    void carry(const Ticket& ticket) {
        const auto later = std::upper_bound(carried_.begin(), carried_.end(), ticket.index,
                                            [](std::uint64_t index, const Ticket& t) { return index < t.index; });
        carried_.insert(later, ticket);
    }
    bool hasCarried() const { return !carried_.empty(); }
    std::optional<Ticket> takeCarried() {
        if (carried_.empty()) return std::nullopt;
        Ticket ticket = carried_.front();
        carried_.erase(carried_.begin());
        return ticket;
    }

    // A response came: the connection works (TLS 1.3 may refuse a client only after its handshake).
    void answered() {
        reused_ = setUp_ = true;
        connectFailures_ = 0;
    }
    bool reused() const { return reused_; }

    // Open model: room for a request and none due; false when no more will come.
    bool park(Clock::time_point now) {
        idleSince_ = now;
        return worker_.park(this, now);
    }
    void unpark() { worker_.unpark(this); }

    void reconnect() {
        close();
        doConnect();
    }

    void finish() {
        doneConnecting();
        clearDeadline();
        close();
        worker_.connectionFinished();
    }

    // A failed connect (or TLS setup) fails the requests this connection carried. Every further
    // attempt spends a ticket, so retries are bounded by the count; they back off, doubling from
    // 10 ms to 1 s, so a target that is down is not hammered (the worker ends the run if it stays down).
    void connectFailed(ErrorKind kind, const std::string& message) {
        doneConnecting();
        settle();
        failCarried(kind, message);
        h1_.abandon();
        if (h2_) h2_->abandon();
        session_ = nullptr;
        failedBefore_ = true;
        if (!worker_.hasWork()) return finish();  // nothing left to reconnect for
        close();
        clearDeadline();  // waiting is not an operation that can time out
        retryTimer_.expires_after(std::min(kRetryFirst * (1 << std::min(connectFailures_, 7u)), kRetryMost));
        ++connectFailures_;
        retryTimer_.async_wait([this](error_code ec) {
            if (ec || worker_.stopping()) return finish();
            doConnect();
        });
    }

private:
    void doConnect() {
        session_ = nullptr;
        if (worker_.stopping()) return finish();
        // Closed model: a connection opens only for a request it has already claimed, so no
        // connection is opened just to find the work gone (and `count` bounds connects as well
        // as requests). Open model: connections open ahead of the schedule, or when requests are
        // due and none is free; they take a request once connected.
        if (carried_.empty() && !worker_.openModel()) {
            auto claimed = worker_.takeTicket(Clock::now());
            if (!claimed) return finish();
            carried_.push_back(*claimed);
        }
        if (carried_.empty() && !worker_.hasWork()) return finish();
        if (carried_.empty()) {
            worker_.connecting(+1);
            connectingFree_ = true;
        }
        if constexpr (kTls) stream_.emplace(worker_.io(), *worker_.tls(), worker_.manyConnections());
        else stream_.emplace(worker_.io());
        reused_ = false;
        timedOut_ = false;
        connectStart_ = Clock::now();
        armDeadline(connectStart_);
        boost::asio::async_connect(lowest(), worker_.endpoints(),
                                   [this](error_code ec, const auto&) { onConnect(ec); });
    }

    void onConnect(error_code ec) {
        if (worker_.stopping() || quitting_) return finish();
        ec = effective(ec);
        if (ec) return connectFailed(ec == boost::beast::error::timeout ? ErrorKind::timeout
                                                                        : ErrorKind::connect,
                                     describeConnectError(ec));
        lowest().set_option(boost::asio::ip::tcp::no_delay(true), ec);
        const auto connected = Clock::now();
        worker_.recordSetup(&Tally::connect, connected - connectStart_);
        connectStart_ = connected;  // the handshake starts now
        if constexpr (kTls) {
            prepareTlsConnection(stream_->native_handle(), worker_.spec().target, worker_.spec().tls.verify);
            stream_->async_handshake(boost::asio::ssl::stream_base::client,
                                     [this](error_code e) { onHandshake(e); });
        } else {
            const HttpVersion http = worker_.spec().http;
            if (http != HttpVersion::h2c) setUp_ = true;  // h2c: once the server's SETTINGS come (answered())
            // --http2=auto over http://: HTTP/2 there needs prior knowledge, which auto does not assume.
            begin(http == HttpVersion::h2c ? http2() : &h1_, connected, http == HttpVersion::http2Auto);
        }
    }

    void onHandshake(error_code ec) {
        if (worker_.stopping() || quitting_) return finish();
        ec = effective(ec);
        if (ec) {
            const bool timedOut = ec == boost::beast::error::timeout;
            return connectFailed(timedOut ? ErrorKind::timeout : ErrorKind::tls,
                                 timedOut ? "TLS handshake timed out"
                                          : describeTlsFailure(stream_->native_handle(), ec));
        }
        const auto now = Clock::now();
        worker_.recordSetup(&Tally::tlsHandshake, now - connectStart_);
        // Not yet set up: a TLS 1.3 server may still refuse this client after the handshake.
        if (!worker_.spec().http2()) return begin(&h1_, now);
        const std::string alpn = selectedAlpn(stream_->native_handle());
        if (alpn == "h2") return begin(http2(), now);
        if (worker_.spec().http == HttpVersion::http2)
            return connectFailed(ErrorKind::tls, alpn.empty() ? "the server does not offer HTTP/2 (no protocol chosen by ALPN)"
                                                              : "the server does not offer HTTP/2 (ALPN chose " + alpn + ")");
        begin(&h1_, now, true);  // --http2=auto: HTTP/1.1 on this connection, said in the report
    }

    // Set up: the session takes over (the open model's schedule waits for the first of these).
    void begin(Session* session, Clock::time_point now, bool fellBack = false) {
        doneConnecting();
        settle();
        session_ = session;
        if (session != &h1_) h1_.abandon();  // a redirect it carried starts over on HTTP/2
        worker_.noteProtocol(session != &h1_, fellBack);
        session_->begin(now);
    }

    Session* http2() {
        if (!h2_) h2_ = std::make_unique<Http2Session<Stream>>(*this);
        return h2_.get();
    }

    void doneConnecting() {
        if (std::exchange(connectingFree_, false)) worker_.connecting(-1);
    }

    // The first connect's outcome, reported once: the open model's schedule waits for these.
    void settle() {
        if (!std::exchange(settled_, true)) worker_.settled();
    }

    // The first carried ticket stands for the connection (it may end the run, see
    // Worker::connectFailed); the others fail the same way.
    void failCarried(ErrorKind kind, const std::string& message) {
        std::optional<Ticket> first;
        if (!carried_.empty()) first = carried_.front();
        worker_.connectFailed(first, kind, message, !setUp_ && !failedBefore_);
        for (std::size_t i = 1; i < carried_.size(); ++i) worker_.recordError(carried_[i], kind, message);
        carried_.clear();
    }

    static constexpr auto kRetryFirst = std::chrono::milliseconds(10);
    static constexpr auto kRetryMost = std::chrono::milliseconds(1000);

    Worker& worker_;
    boost::asio::steady_timer retryTimer_;  // backs off before reconnecting to a refusing target
    std::optional<Stream> stream_;  // remade for every connect: an ssl stream is single-use
    Http1Session<Stream> h1_;
    std::unique_ptr<Http2Session<Stream>> h2_;  // made on the first HTTP/2 connect, then reused
    Session* session_ = nullptr;  // the one speaking on the current socket; null while connecting
    std::vector<Ticket> carried_;  // tickets waiting for the next connection
    Clock::time_point connectStart_{};  // when the connect (then the handshake) began
    Clock::time_point deadline_ = Clock::time_point::max();
    bool timedOut_ = false;         // the sweep closed the socket: report a timeout
    bool connectingFree_ = false;   // open model: connecting without a request (counted by the worker)
    bool quitting_ = false;         // that connect was given up: no request will come
    bool settled_ = false;          // the first connect's outcome was reported
    bool reused_ = false;       // at least one response came back on this connection
    bool setUp_ = false;        // connected once (TLS: and answered, as TLS 1.3 may refuse late)
    bool failedBefore_ = false; // a connect of this connection has failed already
    unsigned connectFailures_ = 0;  // connect failures since this connection's last response
};

}  // namespace salvo
