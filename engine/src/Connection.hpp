#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <optional>
#include <type_traits>

#include "DiscardingParser.hpp"
#include "Redirect.hpp"
#include "ErrorText.hpp"
#include "TlsContext.hpp"
#include "Worker.hpp"

namespace salvo {

class ConnectionBase {
public:
    virtual ~ConnectionBase() = default;
    virtual void start() = 0;
    virtual void close() = 0;  // on the worker thread: pending operations end as aborted
    // Called by the worker's sweep: closes the connection if its deadline has passed.
    virtual void expireIfDue(Worker::Clock::time_point now) = 0;
    // The run has no requests left to start: a connection waiting to reconnect ends now.
    virtual void stopWaiting() = 0;
    // Open model: an idle connection's next request (from the worker's pacer), or the news that
    // no more will come.
    virtual void send(const Ticket& ticket) = 0;
    virtual void finishIdle() = 0;
    // Since when the request this connection holds has been running (sent, or else due); none
    // when it holds none.
    virtual std::optional<Worker::Clock::time_point> busySince() const = 0;
    Worker::Clock::time_point idleSince() const { return idleSince_; }

protected:
    Worker::Clock::time_point idleSince_{};
};

// Plain sockets, not beast::tcp_stream: its per-operation timer costs a timer-queue insert and
// cancel on every read and write. Timeouts come from one deadline per connection instead,
// checked by the worker's periodic sweep (as wrk does).
using PlainStream = boost::asio::ip::tcp::socket;
using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

// One keep-alive HTTP/1.1 connection that sends requests while the worker has tickets.
// Plain or TLS is fixed by the Stream type; the only difference is the handshake step.
// The worker owns connections and outlives its io_context's run(), so handlers capture `this`.
template <class Stream>
class Connection final : public ConnectionBase {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
    using error_code = boost::system::error_code;

public:
    explicit Connection(Worker& worker) : worker_(worker), retryTimer_(worker.io()) {}

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

    void send(const Ticket& ticket) override {
        stopWatching();
        ticket_ = ticket;
        doRequest(Worker::Clock::now());
    }

    void finishIdle() override {
        stopWatching();
        finish();
    }

    std::optional<Worker::Clock::time_point> busySince() const override {
        if (!ticket_) return std::nullopt;
        return ticket_->sent ? sentAt_ : ticket_->due;
    }

    void expireIfDue(Worker::Clock::time_point now) override {
        if (now < deadline_) return;
        deadline_ = Worker::Clock::time_point::max();
        timedOut_ = true;  // the aborted operation reports a timeout, not a cancel
        close();
    }

private:
    boost::asio::ip::tcp::socket& lowest() { return boost::beast::get_lowest_layer(*stream_); }

    void armDeadline(Worker::Clock::time_point from) { deadline_ = from + worker_.spec().timeout; }

    // The error an operation really ended with: a close by the sweep is a timeout, and so is
    // an operation that ended after its deadline, however coarse the sweep (1 ms timeouts).
    error_code effective(error_code ec, Worker::Clock::time_point now = Worker::Clock::now()) {
        if (timedOut_ || now >= deadline_) {
            timedOut_ = false;
            return boost::beast::error::timeout;
        }
        return ec;
    }

    void doConnect() {
        if (worker_.stopping()) return finish();
        // Closed model: a connection opens only for a request it has already claimed, so no
        // connection is opened just to find the work gone (and `count` bounds connects as well
        // as requests). Open model: connections open ahead of the schedule, or when requests are
        // due and none is free; they take a request once connected.
        if (!ticket_ && !worker_.openModel() && !(ticket_ = worker_.takeTicket(Worker::Clock::now())))
            return finish();
        if (!ticket_ && !worker_.hasWork()) return finish();
        if (!ticket_) {
            worker_.connecting(+1);
            connectingFree_ = true;
        }
        if constexpr (kTls) stream_.emplace(worker_.io(), *worker_.tls());
        else stream_.emplace(worker_.io());
        reused_ = parked_ = watching_ = false;
        timedOut_ = false;
        connectStart_ = Worker::Clock::now();
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
        const auto connected = Worker::Clock::now();
        worker_.recordSetup(&Tally::connect, connected - connectStart_);
        connectStart_ = connected;  // the handshake starts now
        if constexpr (kTls) {
            prepareTlsConnection(stream_->native_handle(), worker_.spec().target,
                                 worker_.spec().tls.verify);
            stream_->async_handshake(boost::asio::ssl::stream_base::client,
                                     [this](error_code e) { onHandshake(e); });
        } else {
            setUp_ = true;
            nextRequest(Worker::Clock::now());
        }
    }

    void doneConnecting() {
        if (std::exchange(connectingFree_, false)) worker_.connecting(-1);
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
        worker_.recordSetup(&Tally::tlsHandshake, Worker::Clock::now() - connectStart_);
        // Not yet set up: a TLS 1.3 server may still refuse this client after the handshake.
        nextRequest(Worker::Clock::now());
    }

    // A failed connect fails the request this connection had claimed. Every further attempt
    // spends a ticket, so retries are bounded by the count; they back off, doubling from 10 ms
    // to 1 s, so a target that is down is not hammered (the worker ends the run if it stays down).
    void connectFailed(ErrorKind kind, const std::string& message) {
        doneConnecting();
        settle();
        worker_.connectFailed(std::exchange(ticket_, std::nullopt), kind, message, !setUp_ && !failedBefore_);
        chain_.reset();
        failedBefore_ = true;
        if (!worker_.hasWork()) return finish();  // nothing left to reconnect for
        close();
        buffer_.clear();
        deadline_ = Worker::Clock::time_point::max();  // waiting is not an operation that can time out
        retryTimer_.expires_after(std::min(kRetryFirst * (1 << std::min(connectFailures_, 7u)), kRetryMost));
        ++connectFailures_;
        retryTimer_.async_wait([this](error_code ec) {
            if (ec || worker_.stopping()) return finish();
            doConnect();
        });
    }

    // Connected and free: the request it holds (a retry), the next one due, or wait for one.
    // `now`: the caller's clock reading, reused (one read per request on the hot path).
    // `freedByResponse`: a response just ended here (a late request was waiting for us).
    void nextRequest(Worker::Clock::time_point now, bool freedByResponse = false) {
        doneConnecting();
        settle();
        if (!ticket_) ticket_ = worker_.takeTicket(now, freedByResponse);
        if (ticket_) return doRequest(now);
        idleSince_ = now;
        deadline_ = Worker::Clock::time_point::max();  // waiting for work is not an operation that times out
        if (!worker_.park(this, now)) return finish();
        parked_ = true;
        watchWhileIdle();
    }

    // The first connect's outcome, reported once: the open model's schedule waits for these.
    void settle() {
        if (!std::exchange(settled_, true)) worker_.settled();
    }

    // An idle keep-alive connection is not read, so a server closing it (as many do after a few
    // idle seconds) would go unnoticed until the next request failed on it. Waiting for it to turn
    // readable catches that: it leaves the pool and a fresh one opens. Over TLS, only once a
    // response has come: right after the handshake a TLS 1.3 server sends session tickets, which
    // would look the same (a request that finds such a connection closed is retried instead).
    void watchWhileIdle() {
        if (kTls && !reused_) return;
        watching_ = true;
        lowest().async_wait(boost::asio::ip::tcp::socket::wait_read, [this](error_code ec) {
            if (ec || !std::exchange(watching_, false) || worker_.stopping()) return;
            worker_.unpark(this);
            if constexpr (!kTls) {
                error_code ignored;
                if (const std::size_t extra = lowest().available(ignored))
                    worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                              " bytes to an idle connection; connection closed");
            }
            reconnect();
        });
    }

    void stopWatching() {
        if (!std::exchange(watching_, false)) return;
        error_code ignored;
        lowest().cancel(ignored);  // the wait ends as aborted and is ignored
    }

    // The one of the run's requests the ticket held here names.
    const PreparedRequest& request() const { return worker_.shared().requests[ticket_->request]; }

    // The request's first hop, or (following a redirect) its next: the latency and the timeout
    // count from the first hop's write, so a chain is one request.
    void doRequest(Worker::Clock::time_point now) {
        parser_.reset();  // so a failure before the response tells "nothing arrived" truly
        if (!chain_.active()) {
            sentAt_ = now;
            armDeadline(sentAt_);
        }
        worker_.recordSent(*ticket_, sentAt_);
        const std::string& bytes = chain_.active() ? chain_.request : request().bytes;
        boost::asio::async_write(*stream_, boost::asio::buffer(bytes), [this](error_code ec, std::size_t) { onWrite(ec); });
    }

    void onWrite(error_code ec) {
        if (worker_.stopping()) return finish();
        ec = effective(ec);
        if (ec) return requestFailed(ec, ec == boost::beast::error::timeout ? ErrorKind::timeout : ErrorKind::write);
        interimBytes_ = 0;
        firstByteAt_ = {};
        doRead();
    }

    void doRead() {
        parser_.emplace(worker_.spec().maxHeaderBytes, request().headRequest);
        if (request().check.active()) {
            watch_.reset(&request().check);
            parser_->watch(&watch_);
        }
        if (worker_.spec().maxRedirects) parser_->keepLocation(&location_);
        boost::beast::http::async_read(*stream_, buffer_, *parser_,
                                       [this](error_code e, std::size_t n) { onRead(e, n); });
    }

    void onRead(error_code ec, std::size_t bytes) {
        if (worker_.stopping()) return finish();
        const auto now = Worker::Clock::now();
        // A whole response that came after its deadline is a timeout, but the connection is
        // still in step and is kept.
        const bool late = !ec && !timedOut_ && now >= deadline_;
        if (!late && (ec = effective(ec, now))) return requestFailed(ec, classifyReadError(ec));
        const int status = parser_->status();
        if (status < 200) {
            // 1xx is interim (RFC 9110 15.2): the final response follows on the same request.
            // 101 would switch protocols, which we never ask for.
            if (late) return requestFailed(boost::beast::error::timeout, ErrorKind::timeout);
            if (status == 101) return requestFailed(boost::beast::http::error::bad_status, ErrorKind::protocol);
            interimBytes_ += bytes;
            if (firstByteAt_ == Worker::Clock::time_point{}) firstByteAt_ = parser_->headAt();
            return doRead();
        }
        std::string unfollowed;
        if (!late && worker_.spec().maxRedirects && isRedirect(status)) {
            if (chain_.firstByte == Worker::Clock::time_point{}) chain_.firstByte = firstByte();
            chain_.bytes += interimBytes_ + bytes;
            if ((unfollowed = advance(chain_, worker_.spec(), request().spec, status, location_)).empty()) return sendNextHop(now);
        }
        if (late) worker_.recordError(*ticket_, ErrorKind::timeout, describeRequestError(boost::beast::error::timeout, ErrorKind::timeout, true, 0));
        else if (!unfollowed.empty()) worker_.recordError(*ticket_, ErrorKind::redirect, unfollowed);
        else if (!request().check.active()) worker_.recordResponse(*ticket_, status, chain_.bytes + interimBytes_ + bytes, sentAt_, now, firstByte());
        else recordChecked(status, chain_.bytes + interimBytes_ + bytes, now);
        ticket_.reset();
        chain_.reset();
        reused_ = setUp_ = true;
        connectFailures_ = 0;
        // The server's Connection: close, or ours: with keep-alive off, a new connection even when
        // the server keeps this one open.
        if (!parser_->keep_alive() || !worker_.spec().keepAlive) return reconnect();
        if (const std::size_t extra = unsolicitedBytes()) {
            // HTTP/1.1 answers each request once: more bytes now (a second answer, a body after
            // 204 or HEAD) belong to no request and must not pass for the next one's response.
            worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                      " bytes that no request asked for; connection closed");
            return reconnect();
        }
        nextRequest(now, true);
    }

    void recordChecked(int status, std::uint64_t bytes, Worker::Clock::time_point now) {
        worker_.recordResponse(*ticket_, status, bytes, sentAt_, now, firstByte(),
                               {watch_.verdict(status), watch_.expectedStatus(status)});
    }

    // The first response head of this request: the first hop's, or an interim 1xx's if one came first.
    Worker::Clock::time_point firstByte() const {
        if (chain_.firstByte != Worker::Clock::time_point{}) return chain_.firstByte;
        return firstByteAt_ != Worker::Clock::time_point{} ? firstByteAt_ : parser_->headAt();
    }

    // The redirect was read in full: its next hop goes out on this connection, or on a fresh
    // one when the server closes this (the chain and its ticket carry over).
    void sendNextHop(Worker::Clock::time_point now) {
        reused_ = setUp_ = true;
        if (!parser_->keep_alive()) return reconnect();
        if (const std::size_t extra = unsolicitedBytes()) {
            worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                      " bytes after a redirect; connection closed");
            return reconnect();
        }
        doRequest(now);
    }

    // Bytes already here after a complete response: left in our buffer, or waiting in the
    // socket (one FIONREAD, no read); over TLS, data records already received. TLS bytes still
    // in the socket are not looked at: they may be a close_notify, which is not data.
    std::size_t unsolicitedBytes() {
        if constexpr (kTls) return buffer_.size() + bufferedTlsData(stream_->native_handle());
        error_code ec;
        return buffer_.size() + lowest().available(ec);
    }

    void requestFailed(error_code ec, ErrorKind kind) {
        const bool gotSome = parser_ && parser_->got_some();
        // A keep-alive connection the server closed while idle fails the next request before
        // any byte of a response arrives. An idempotent request is sent once more on a fresh
        // connection (RFC 9112 9.3.1), counted as retried and then by how the retry ends. At most
        // once: the fresh connection is not `reused_` until a response arrives on it.
        if (request().idempotent && (reused_ || parked_) && buffer_.size() == 0 && interimBytes_ == 0 &&
            isPeerClose(ec) && !gotSome) {
            worker_.recordRetry();
            return reconnect();
        }
        if constexpr (kTls) {
            // A TLS 1.3 server rejects a missing or unaccepted client certificate after the handshake,
            // with an alert on the first read: a failed TLS setup, as TLS 1.2 reports it, not a read error.
            if (!reused_ && isLateCertificateRefusal(stream_->native_handle(), ec))
                return connectFailed(ErrorKind::tls, describeTlsFailure(stream_->native_handle(), ec));
        }
        worker_.recordError(*ticket_, kind, describeRequestError(ec, kind, gotSome, worker_.spec().maxHeaderBytes));
        ticket_.reset();
        chain_.reset();
        reconnect();
    }

    void reconnect() {
        close();
        buffer_.clear();
        doConnect();
    }

    void finish() {
        doneConnecting();
        deadline_ = Worker::Clock::time_point::max();
        close();
        worker_.connectionFinished();
    }

    static constexpr auto kRetryFirst = std::chrono::milliseconds(10);
    static constexpr auto kRetryMost = std::chrono::milliseconds(1000);

    Worker& worker_;
    boost::asio::steady_timer retryTimer_;  // backs off before reconnecting to a refusing target
    std::optional<Stream> stream_;  // remade for every connect: an ssl stream is single-use
    std::optional<DiscardingParser> parser_;  // remade per response, in place: no allocation
    BodyWatch watch_;  // what the checks need of each response's body
    std::string location_;  // the Location of the response being read, when redirects are followed
    RedirectChain chain_;   // the redirects of the request in flight
    boost::beast::flat_buffer buffer_;
    Worker::Clock::time_point sentAt_{};
    Worker::Clock::time_point connectStart_{};  // when the connect (then the handshake) began
    Worker::Clock::time_point firstByteAt_{};   // an interim response's head, if one came
    Worker::Clock::time_point deadline_ = Worker::Clock::time_point::max();
    bool timedOut_ = false;     // the sweep closed the socket: report a timeout
    std::uint64_t interimBytes_ = 0;  // bytes of 1xx responses before the final one
    std::optional<Ticket> ticket_;  // the request in flight (or being retried) on this connection
    bool connectingFree_ = false;   // open model: connecting without a request (counted by the worker)
    bool quitting_ = false;         // that connect was given up: no request will come
    bool settled_ = false;          // the first connect's outcome was reported
    bool parked_ = false;           // it waited idle since it connected: the server may have closed it
    bool watching_ = false;         // idle, with a wait for readability pending
    bool reused_ = false;       // at least one response came back on this connection
    bool setUp_ = false;        // connected once (TLS: and answered, as TLS 1.3 may refuse late)
    bool failedBefore_ = false; // a connect of this connection has failed already
    unsigned connectFailures_ = 0;  // connect failures since this connection's last response
};

}  // namespace salvo
