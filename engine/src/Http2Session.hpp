#pragma once

#include <array>
#include <boost/asio/write.hpp>
#include <string>
#include <vector>

#include "ErrorText.hpp"
#include "Http2Core.hpp"
#include "Session.hpp"
#include "TlsContext.hpp"

namespace salvo {

// HTTP/2 on one connection: many requests at once, each on its own stream (up to --streams,
// and what the server's SETTINGS allow). One read is always pending; writes go out one at a
// time, each carrying everything nghttp2 has ready, so a burst of requests is one write.
// When the connection fails, both operations are let finish before the socket is remade.
template <class Stream>
class Http2Session final : public Session {
    using error_code = boost::system::error_code;
    using Clock = Worker::Clock;
    static constexpr std::size_t kWriteBatch = 64 * 1024;
    static constexpr unsigned kReadsPerWrite = 32;

public:
    explicit Http2Session(Connection<Stream>& connection)
        : c_(connection), worker_(connection.worker()), core_(connection.worker()) {}

    // The tickets the connection carried go first, as streams become free (one until the
    // server's SETTINGS say how many): a server that refused them once is not flooded again.
    void begin(Clock::time_point now) override {
        core_.open();
        failed_ = done_ = peerClosed_ = false;
        doRead();
        service(now, false);
    }

    // (With no room, it waits for a stream here, or for the next connection.)
    void send(const Ticket& ticket) override {
        const auto now = Clock::now();
        if (failed_ || done_ || core_.freeSlots() == 0 || !submit(ticket, now)) c_.carry(ticket);
        if (!failed_ && !done_) service(now, false);
    }

    // Tickets still carried are sent first. Within service() (it took the last ticket itself),
    // service() finishes once nothing is in flight.
    void finishIdle() override {
        if (inService_ || core_.active() > 0 || failed_ || done_) return;
        c_.hasCarried() ? service(Clock::now(), false) : finish();
    }

    std::uint32_t freeSlots() const override { return failed_ || done_ ? 0 : core_.freeSlots(); }

    std::optional<Clock::time_point> busySince() const override { return core_.oldestSent(); }

    // Requests past their timeout fail one by one (their streams reset); a server that stopped
    // reading what we write fails the connection.
    void onDeadline(Clock::time_point now) override {
        if (failed_ || done_) return;
        core_.expire(now);
        if (writing_ && now - writeStart_ >= worker_.spec().timeout)
            return fail(ErrorKind::timeout, "the server stopped reading: a write made no progress within the timeout");
        service(now, false);
    }

    void abandon() override {}

private:
    // After every event: resend what must go again, take the carried and then new tickets while
    // there is room, write, and see whether the connection is still needed.
    // `freedByResponse`: a response just ended (a late request was waiting for a stream).
    // `write`: false while more has arrived to read first (see onRead).
    void service(Clock::time_point now, bool freedByResponse, bool write = true) {
        inService_ = true;  // the last ticket ends issuing, which finishes the pool's connections
        take(now, freedByResponse);
        inService_ = false;
        if (write) pump(now);
        if (failed_ || done_) return;
        // nghttp2 ended the session itself (after the server's GOAWAY too), its streams unanswerable.
        if (!core_.alive() && core_.active() > 0 && !writing_)
            return fail(ErrorKind::protocol, core_.message().empty() ? "the HTTP/2 session ended" : core_.message());
        updateDeadline();
        const bool idle = core_.active() == 0 && !writing_;
        if (!core_.acceptsRequests()) {  // GOAWAY (or ids spent): a new connection once all it took are done
            c_.unpark();
            if (idle) restart();
            return;
        }
        if (core_.freeSlots() > 0 && c_.park(now)) return;  // open model: room for the pacer's requests
        c_.unpark();
        if (idle) c_.hasCarried() ? restart() : finish();   // no more work for this connection
    }

    void take(Clock::time_point now, bool freedByResponse) {
        std::vector<Ticket> carry;
        core_.resubmit(now, carry);
        for (const Ticket& t : carry) c_.carry(t);
        while (core_.freeSlots() > 0) {
            auto ticket = c_.takeCarried();
            if (!ticket) ticket = worker_.takeTicket(now, freedByResponse);
            if (!ticket) break;
            if (!submit(*ticket, now)) {
                c_.carry(*ticket);
                break;
            }
        }
    }

    bool submit(const Ticket& ticket, Clock::time_point now) {
        if (!core_.submit(ticket, now)) return false;
        ++unwritten_;
        return true;
    }

    bool moreReceived() {
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            if (bufferedTlsData(c_.stream().native_handle()) > 0) return true;
            error_code ignored;
            return c_.lowest().available(ignored) > 0;  // (one FIONREAD; a write costs far more)
        }
        return false;  // a plain read takes everything the socket holds
    }

    void pump(Clock::time_point now) {
        if (writing_ || failed_ || done_) return;
        out_.clear();
        readsSinceWrite_ = 0;
        if (!core_.produce(out_, kWriteBatch, now)) return fail(ErrorKind::protocol, core_.message());
        unwritten_ = 0;
        if (out_.empty()) return;
        writing_ = true;
        writeStart_ = now;
        boost::asio::async_write(c_.stream(), boost::asio::buffer(out_), [this](error_code ec, std::size_t) { onWrite(ec); });
    }

    void onWrite(error_code ec) {
        writing_ = false;
        if (!proceed()) return;
        const auto now = Clock::now();
        if (ec) {
            // (Not effective(): this connection's deadline is its oldest stream's; a stalled write
            // fails by itself in onDeadline.)
            if (!core_.settingsSeen()) return failSetup(ec);
            return fail(ErrorKind::write, ec);
        }
        service(now, false);
    }

    void doRead() {
        reading_ = true;
        c_.stream().async_read_some(boost::asio::buffer(in_), [this](error_code ec, std::size_t n) { onRead(ec, n); });
    }

    void onRead(error_code ec, std::size_t n) {
        reading_ = false;
        if (!proceed()) return;
        const auto now = Clock::now();
        if (ec) {
            if (!core_.settingsSeen()) return failSetup(ec);
            return fail(classifyReadError(ec), ec);
        }
        // nghttp2 ends the session itself on a connection error (its GOAWAY queued, input ignored).
        const bool settingsBefore = core_.settingsSeen();
        if (!core_.receive(in_.data(), n, now) || core_.endedByUs()) {
            if (!core_.settingsSeen()) return failSetup(ErrorKind::protocol, notHttp2(n));
            return fail(ErrorKind::protocol, core_.message().empty() ? "the server broke the HTTP/2 protocol" : core_.message());
        }
        // (A later SETTINGS of 0 only pauses new streams: those open are still served.)
        if (!settingsBefore && core_.settingsSeen() && core_.serverStreamLimit() == 0)
            return failSetup(ErrorKind::protocol, "the server allows no streams (SETTINGS_MAX_CONCURRENT_STREAMS 0)");
        if (core_.settingsSeen()) c_.answered();
        // Over TLS a read hands back one record, and servers send a small response in a record of
        // its own: while more has arrived, read it before writing, so the requests the responses
        // free go out in one write, not one each (as h2load drains its socket before writing).
        // At most kReadsPerWrite reads: a long download must not hold the requests back.
        // Only while requests already written await answers: then a read surely completes (what
        // has arrived may be no data, a TLS session ticket, and the server may be waiting for us).
        const bool answersDue = core_.active() > unwritten_;
        const bool more = answersDue && moreReceived() && ++readsSinceWrite_ < kReadsPerWrite;
        doRead();
        service(now, true, !more);
    }

    // Whether a finished operation's handler goes on: not once the run stops (the connection
    // finishes when both operations are back) nor after a failure (it reconnects then).
    bool proceed() {
        if (done_) return false;
        if (worker_.stopping()) {
            if (!reading_ && !writing_) finish();
            return false;
        }
        if (failed_) {
            settleWhenQuiet();
            return false;
        }
        return true;
    }

    void updateDeadline() {
        auto at = Clock::time_point::max();
        if (const auto oldest = core_.oldestSent()) at = *oldest + worker_.spec().timeout;
        if (writing_) at = std::min(at, writeStart_ + worker_.spec().timeout);
        c_.setDeadline(at);
    }

    void fail(ErrorKind kind, error_code ec) {
        peerClosed_ = isPeerClose(ec);
        fail(kind, describeRequestError(ec, kind, false, worker_.spec().maxHeaderBytes));
    }

    // The connection is lost: close it, and once the read and the write under way have ended,
    // count or carry what was in flight and connect again.
    void fail(ErrorKind kind, const std::string& message) {
        if (failed_) return;
        failed_ = true;
        failKind_ = kind;
        failMessage_ = message.empty() ? "the HTTP/2 connection failed" : message;
        c_.unpark();
        c_.close();
        settleWhenQuiet();
    }

    // The server does not speak HTTP/2 (its first bytes were no SETTINGS frame): a failed setup,
    // like a refused TLS handshake, which ends the run when no connection gets through.
    void failSetup(ErrorKind kind, const std::string& message) {
        setupFailed_ = true;
        fail(kind, message);
    }

    // The connection ended before the server's SETTINGS.
    void failSetup(error_code ec) {
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            // TLS 1.3 refuses a client certificate after the handshake, on the first read.
            if (!c_.reused() && isLateCertificateRefusal(c_.stream().native_handle(), ec))
                return failSetup(ErrorKind::tls, describeTlsFailure(c_.stream().native_handle(), ec));
        }
        failSetup(ErrorKind::protocol, std::string("the server closed the connection before speaking HTTP/2") +
                                           (worker_.spec().http == HttpVersion::h2c ? " (does it take HTTP/2 with prior knowledge?)" : "") +
                                           ": " + ec.message());
    }

    std::string notHttp2(std::size_t n) const {
        const std::string_view start(reinterpret_cast<const char*>(in_.data()), std::min<std::size_t>(n, 8));
        if (start.starts_with("HTTP/1.")) return "the server does not speak HTTP/2 with prior knowledge (h2c): it answered HTTP/1.1";
        return "the server does not speak HTTP/2: " + core_.message();
    }

    // The server ended the session (GOAWAY) and every stream it took is done: a new connection.
    void restart() { fail(ErrorKind::goaway, "the server ended the connection (GOAWAY)"); }

    void settleWhenQuiet() {
        if (reading_ || writing_) return;
        std::vector<Ticket> carry;
        const bool setup = std::exchange(setupFailed_, false);
        // A failed setup fails every request with the connect; otherwise only a server's close
        // before any answer leaves a request safe to send again (RFC 9112 9.3.1's rule, as
        // HTTP/1.1 applies it), never a timeout or a protocol error.
        if (setup) core_.takeAll(carry);
        else core_.abort(failKind_, failMessage_, c_.reused() && std::exchange(peerClosed_, false), carry);
        for (const Ticket& t : carry) c_.carry(t);
        done_ = true;
        setup ? c_.connectFailed(failKind_, failMessage_) : c_.reconnect();
    }

    void finish() {
        done_ = true;
        c_.unpark();
        c_.finish();
    }

    Connection<Stream>& c_;
    Worker& worker_;
    Http2Core core_;
    std::array<std::uint8_t, 64 * 1024> in_{};
    std::string out_;  // the write under way
    Clock::time_point writeStart_{};
    ErrorKind failKind_ = ErrorKind::read;
    std::string failMessage_;
    bool reading_ = false, writing_ = false;
    bool failed_ = false;  // lost: waiting for the operations to end, then reconnecting
    bool done_ = false;    // this socket's session is over (finished, or reconnecting)
    bool setupFailed_ = false;  // failed before the server's SETTINGS: no HTTP/2 there
    bool peerClosed_ = false;   // the failure was the server closing the connection
    unsigned readsSinceWrite_ = 0;  // reads whose write waited for more to be read
    bool inService_ = false;        // taking tickets (finishIdle waits for service() to decide)
    std::uint32_t unwritten_ = 0;   // requests submitted since the last write
};

}  // namespace salvo
