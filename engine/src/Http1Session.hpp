#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <optional>
#include <type_traits>

#include "DiscardingParser.hpp"
#include "DrainWatch.hpp"
#include "ErrorText.hpp"
#include "Redirect.hpp"
#include "ResponseHead.hpp"
#include "SendNow.hpp"
#include "Session.hpp"
#include "TlsContext.hpp"

namespace salvo {

// HTTP/1.1 on one keep-alive connection: one request at a time, each response read in full
// before the next request goes out. A response whose whole head came in one read and is of the
// common kind (ResponseHead.hpp) is framed by its Content-Length here; any other is read with
// Beast's parser, discarding the body as it streams by.
template <class Stream>
class Http1Session final : public Session {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
    using error_code = boost::system::error_code;
    using Clock = Worker::Clock;

public:
    explicit Http1Session(Connection<Stream>& connection) : c_(connection), worker_(connection.worker()) {}

    void begin(Clock::time_point now) override {
        buffer_.clear();
        parked_ = watching_ = false;
        if (!ticket_) ticket_ = c_.takeCarried();
        nextRequest(now);
    }

    void send(const Ticket& ticket) override {
        stopWatching();
        ticket_ = ticket;
        doRequest(Clock::now());
    }

    void finishIdle() override {
        stopWatching();
        c_.finish();
    }

    std::uint32_t freeSlots() const override { return ticket_ ? 0 : 1; }

    std::optional<Clock::time_point> busySince() const override {
        if (!ticket_) return std::nullopt;
        return ticket_->sent ? sentAt_ : ticket_->due;
    }

    // Closing makes the operation under way end as aborted, which effective() reports as a timeout.
    void onDeadline(Clock::time_point) override { c_.expire(); }

    void abandon() override {
        ticket_.reset();
        chain_.reset();
    }

private:
    // Connected and free: the request it holds (a retry), the next one due, or wait for one.
    // `now`: the caller's clock reading, reused (one read per request on the hot path).
    // `freedByResponse`: a response just ended here (a late request was waiting for us).
    void nextRequest(Clock::time_point now, bool freedByResponse = false) {
        if (!ticket_) ticket_ = c_.takeCarried();  // --http2=auto: an HTTP/2 connection's, fallen back
        if (!ticket_) ticket_ = worker_.takeTicket(now, freedByResponse);
        if (ticket_) return doRequest(now);
        c_.clearDeadline();  // waiting for work is not an operation that times out
        if (!c_.park(now)) return c_.finish();
        parked_ = true;
        watchWhileIdle();
    }

    // An idle keep-alive connection is not read, so a server closing it (as many do after a few
    // idle seconds) would go unnoticed until the next request failed on it. Waiting for it to turn
    // readable catches that: it leaves the pool and a fresh one opens. Over TLS, only once a
    // response has come: right after the handshake a TLS 1.3 server sends session tickets, which
    // would look the same (a request that finds such a connection closed is retried instead).
    void watchWhileIdle() {
        if (kTls && !c_.reused()) return;
        watching_ = true;
        c_.lowest().async_wait(boost::asio::ip::tcp::socket::wait_read, [this](error_code ec) {
            if (ec || !std::exchange(watching_, false) || worker_.stopping()) return;
            c_.unpark();
            if constexpr (!kTls) {
                error_code ignored;
                if (const std::size_t extra = c_.lowest().available(ignored))
                    worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                              " bytes to an idle connection; connection closed");
            }
            c_.reconnect();
        });
    }

    void stopWatching() {
        if (!std::exchange(watching_, false)) return;
        error_code ignored;
        c_.lowest().cancel(ignored);  // the wait ends as aborted and is ignored
    }

    // The one of the run's requests the ticket held here names.
    const PreparedRequest& request() const { return worker_.shared().requests[ticket_->request]; }

    // The request's first hop, or (following a redirect) its next: the latency and the timeout
    // count from the first hop's write, so a chain is one request.
    void doRequest(Clock::time_point now) {
        parser_.reset();  // so a failure before the response tells "nothing arrived" truly
        quick_.reset();
        if (!chain_.active()) {
            sentAt_ = now;
            c_.armDeadline(sentAt_);
        }
        worker_.recordSent(*ticket_, sentAt_);
        write(chain_.active() ? chain_.request : request().bytes);
    }

    // The request goes to the socket at once (SendNow.hpp); what the socket does not take now,
    // or over TLS the records it does not, goes with an asynchronous write.
    void write(const std::string& bytes) {
        error_code ec;
        std::size_t done = 0;
        if constexpr (kTls) done = c_.stream().writeNow(boost::asio::buffer(bytes), ec);
        else done = sendNow(c_.lowest(), boost::asio::buffer(bytes), ec);
        if (ec || (done == bytes.size() && !unsentRecords())) return onWrite(ec);
        boost::asio::async_write(c_.stream(), boost::asio::buffer(bytes) + done,
                                 [this](error_code e, std::size_t) { onWrite(e); });
    }

    bool unsentRecords() {
        if constexpr (kTls) return c_.stream().unsent();
        return false;
    }

    void onWrite(error_code ec) {
        if (worker_.stopping()) return c_.finish();
        ec = c_.effective(ec);
        if (ec) return requestFailed(ec, ec == boost::beast::error::timeout ? ErrorKind::timeout : ErrorKind::write);
        interimBytes_ = 0;
        firstByteAt_ = {};
        doRead();
    }

    // A response: what is already buffered (the final answer after a 1xx), else one read, then
    // the quick head if it is one; HEAD's answers, which have no body, go to Beast's parser.
    void doRead() {
        quick_.reset();
        parser_.reset();
        if (request().check.active()) watch_.reset(&request().check);
        if (request().headRequest) return readWithBeast();
        if (buffer_.size()) return onHeadBytes();
        readSome([this] { onHeadBytes(); });
    }

    void onHeadBytes() {
        const auto data = buffer_.data();
        const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
        const std::size_t limit = worker_.spec().maxHeaderBytes;
        QuickHead head;
        if (!(worker_.spec().maxRedirects ? scanQuickHead(bytes, limit, head, &location_)
                                          : worker_.headCache().read(bytes, limit, head)))
            return readWithBeast();
        quick_ = head;
        quickAt_ = Clock::now();
        buffer_.consume(head.size);
        bodyLeft_ = head.contentLength;
        takeBody(quickAt_);
    }

    // The body of a quick head: counted (and shown to the checks) as it comes, until its length.
    void takeBody(Clock::time_point now) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(bodyLeft_, buffer_.size()));
        if (n && request().check.active()) watch_.feed({static_cast<const char*>(buffer_.data().data()), n});
        buffer_.consume(n);
        bodyLeft_ -= n;
        if (!bodyLeft_) return onRead({}, quick_->size + quick_->contentLength, now);
        readSome([this] { takeBody(Clock::now()); });
    }

    // One read into the buffer, then `next`. A failed read ends the response as Beast's
    // async_read would end it: a close before any byte is end_of_stream, after some a partial message.
    template <class Next>
    void readSome(Next next) {
        auto done = [this, next](error_code ec, std::size_t n) {
            buffer_.commit(n);
            if (ec == boost::asio::error::eof)
                ec = quick_ || buffer_.size() ? boost::beast::http::error::partial_message
                                              : boost::beast::http::error::end_of_stream;
            if (ec || worker_.stopping()) return onRead(ec, 0);
            next();
        };
        const auto space = buffer_.prepare(boost::beast::read_size(buffer_, 65536));
        if constexpr (kTls) c_.stream().async_read_some(space, std::move(done));
        else drain_.on(c_.lowest()).async_read_some(space, std::move(done));
    }

    void readWithBeast() {
        parser_.emplace(worker_.spec().maxHeaderBytes, request().headRequest);
        if (request().check.active()) parser_->watch(&watch_);
        if (worker_.spec().maxRedirects) parser_->keepLocation(&location_);
        auto done = [this](error_code e, std::size_t n) { onRead(e, n); };
        if constexpr (kTls) boost::beast::http::async_read(c_.stream(), buffer_, *parser_, std::move(done));
        else boost::beast::http::async_read(drain_.on(c_.lowest()), buffer_, *parser_, std::move(done));
    }

    // The response, from whichever read it: its status, whether the connection stays, when its head came.
    int status() const { return quick_ ? quick_->status : parser_->status(); }
    bool keepAlive() const { return quick_ ? quick_->keepAlive : parser_->keep_alive(); }
    Clock::time_point headAt() const { return quick_ ? quickAt_ : parser_->headAt(); }

    void onRead(error_code ec, std::size_t bytes, Clock::time_point now = Clock::now()) {
        if (worker_.stopping()) return c_.finish();
        // A whole response that came after its deadline is a timeout, but the connection is
        // still in step and is kept.
        const bool late = !ec && c_.late(now);
        if (!late && (ec = c_.effective(ec, now))) return requestFailed(ec, classifyReadError(ec));
        const int status = this->status();
        if (status < 200) {
            // 1xx is interim (RFC 9110 15.2): the final response follows on the same request.
            // 101 would switch protocols, which we never ask for.
            if (late) return requestFailed(boost::beast::error::timeout, ErrorKind::timeout);
            if (status == 101) return requestFailed(boost::beast::http::error::bad_status, ErrorKind::protocol);
            interimBytes_ += bytes;
            if (firstByteAt_ == Clock::time_point{}) firstByteAt_ = headAt();
            return doRead();
        }
        std::string unfollowed;
        if (!late && worker_.spec().maxRedirects && isRedirect(status)) {
            if (chain_.firstByte == Clock::time_point{}) chain_.firstByte = firstByte();
            chain_.bytes += interimBytes_ + bytes;
            if ((unfollowed = advance(chain_, worker_.spec(), request().spec, status, location_)).empty()) return sendNextHop(now);
        }
        if (late) worker_.recordError(*ticket_, ErrorKind::timeout, describeRequestError(boost::beast::error::timeout, ErrorKind::timeout, true, 0));
        else if (!unfollowed.empty()) worker_.recordError(*ticket_, ErrorKind::redirect, unfollowed);
        else if (!request().check.active()) worker_.recordResponse(*ticket_, status, chain_.bytes + interimBytes_ + bytes, sentAt_, now, firstByte());
        else recordChecked(status, chain_.bytes + interimBytes_ + bytes, now);
        ticket_.reset();
        chain_.reset();
        c_.answered();
        // The server's Connection: close, or ours: with keep-alive off, a new connection even when
        // the server keeps this one open.
        if (!keepAlive() || !worker_.spec().keepAlive) return c_.reconnect();
        if (const std::size_t extra = unsolicitedBytes()) {
            // HTTP/1.1 answers each request once: more bytes now (a second answer, a body after
            // 204 or HEAD) belong to no request and must not pass for the next one's response.
            worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                      " bytes that no request asked for; connection closed");
            return c_.reconnect();
        }
        nextRequest(now, true);
    }

    void recordChecked(int status, std::uint64_t bytes, Clock::time_point now) {
        worker_.recordResponse(*ticket_, status, bytes, sentAt_, now, firstByte(),
                               {watch_.verdict(status), watch_.expectedStatus(status)});
    }

    // The first response head of this request: the first hop's, or an interim 1xx's if one came first.
    Clock::time_point firstByte() const {
        if (chain_.firstByte != Clock::time_point{}) return chain_.firstByte;
        return firstByteAt_ != Clock::time_point{} ? firstByteAt_ : headAt();
    }

    // The redirect was read in full: its next hop goes out on this connection, or on a fresh
    // one when the server closes this (the chain stays here, its ticket carried over).
    void sendNextHop(Clock::time_point now) {
        c_.answered();
        if (!keepAlive()) return carryAndReconnect();
        if (const std::size_t extra = unsolicitedBytes()) {
            worker_.recordUnsolicited("the server sent " + std::to_string(extra) +
                                      " bytes after a redirect; connection closed");
            return carryAndReconnect();
        }
        doRequest(now);
    }

    void carryAndReconnect() {
        c_.carry(*std::exchange(ticket_, std::nullopt));
        c_.reconnect();
    }

    // Bytes already here after a complete response: left in our buffer, or waiting in the
    // socket (one FIONREAD, no read) unless the last read drained it; over TLS, data records
    // already received. TLS bytes still in the socket are not looked at: they may be a
    // close_notify, which is not data.
    std::size_t unsolicitedBytes() {
        if constexpr (kTls) return buffer_.size() + bufferedTlsData(c_.stream().native_handle());
        if (drain_.drained()) return buffer_.size();
        error_code ec;
        return buffer_.size() + c_.lowest().available(ec);
    }

    void requestFailed(error_code ec, ErrorKind kind) {
        const bool gotSome = quick_ || (parser_ && parser_->got_some());
        // A keep-alive connection the server closed while idle fails the next request before
        // any byte of a response arrives. An idempotent request is sent once more on a fresh
        // connection (RFC 9112 9.3.1), counted as retried and then by how the retry ends. At most
        // once: the fresh connection is not reused() until a response arrives on it.
        if (request().idempotent && (c_.reused() || parked_) && buffer_.size() == 0 && interimBytes_ == 0 &&
            isPeerClose(ec) && !gotSome) {
            worker_.recordRetry();
            return carryAndReconnect();
        }
        if constexpr (kTls) {
            // A TLS 1.3 server rejects a missing or unaccepted client certificate after the handshake,
            // with an alert on the first read: a failed TLS setup, as TLS 1.2 reports it, not a read error.
            if (!c_.reused() && isLateCertificateRefusal(c_.stream().native_handle(), ec)) {
                c_.carry(*std::exchange(ticket_, std::nullopt));
                return c_.connectFailed(ErrorKind::tls, describeTlsFailure(c_.stream().native_handle(), ec));
            }
        }
        worker_.recordError(*ticket_, kind, describeRequestError(ec, kind, gotSome, worker_.spec().maxHeaderBytes));
        ticket_.reset();
        chain_.reset();
        c_.reconnect();
    }

    Connection<Stream>& c_;
    Worker& worker_;
    std::optional<DiscardingParser> parser_;  // remade per response, in place: no allocation
    std::optional<QuickHead> quick_;          // the response's head, when it was a quick one
    Clock::time_point quickAt_{};             // when that head was read
    std::uint64_t bodyLeft_ = 0;              // its body still to come
    BodyWatch watch_;  // what the checks need of each response's body
    std::string location_;  // the Location of the response being read, when redirects are followed
    RedirectChain chain_;   // the redirects of the request in flight
    boost::beast::flat_buffer buffer_;
    DrainWatch<Socket> drain_;  // plain HTTP: did the last read empty the socket?
    Clock::time_point sentAt_{};
    Clock::time_point firstByteAt_{};   // an interim response's head, if one came
    std::uint64_t interimBytes_ = 0;    // bytes of 1xx responses before the final one
    std::optional<Ticket> ticket_;      // the request in flight (or being retried) here
    bool parked_ = false;    // it waited idle since it connected: the server may have closed it
    bool watching_ = false;  // idle, with a wait for readability pending
};

}  // namespace salvo
