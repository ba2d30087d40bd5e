#pragma once

#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/write.hpp>
#include <algorithm>
#include <cstddef>
#include <memory>
#include <openssl/err.h>
#include <string>

#include "Socket.hpp"

namespace salvo {

// A TLS client stream over a socket, for the engine's connections: what boost::asio::ssl::stream
// does, with less done per request. Asio's stream clears OpenSSL's error queue before every
// OpenSSL call (in OpenSSL 3 that is 16 slots and 32 frees: about 1,000 instructions, several
// times a request) and moves every record through a BIO pair; this one keeps the queue empty by
// clearing it only after an error, and lets OpenSSL read from and write to its own buffers
// through a minimal BIO (TlsStream.cpp). Errors are reported as Asio's stream reports them:
// eof after close_notify, ssl::error::stream_truncated for a close without one, the SSL
// category for OpenSSL's errors, the system category for the socket's.
//
// One read and one write may be pending at once (HTTP/2 reads while it writes); records OpenSSL
// produces while reading (a TLS 1.3 key update) go out, in order, with the next write.
class TlsStream {
public:
    using executor_type = Socket::executor_type;
    using error_code = boost::system::error_code;

    // releaseIdleBuffers: OpenSSL frees a connection's record buffers whenever they empty (see
    // TlsStream.cpp), for a thread with many connections.
    TlsStream(boost::asio::io_context& io, boost::asio::ssl::context& context, bool releaseIdleBuffers = false);
    ~TlsStream();
    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;

    executor_type get_executor() { return socket_.get_executor(); }
    Socket& next_layer() { return socket_; }
    SSL* native_handle() { return ssl_; }

    template <class Handler>
    auto async_handshake(boost::asio::ssl::stream_base::handshake_type, Handler&& handler) {
        return boost::asio::async_compose<Handler, void(error_code)>(HandshakeOp{this, State::start, false, {}}, handler, socket_);
    }

    template <class Buffers, class Handler>
    auto async_read_some(const Buffers& buffers, Handler&& handler) {
        return boost::asio::async_compose<Handler, void(error_code, std::size_t)>(
            ReadOp{this, first(buffers)}, handler, socket_);
    }

    template <class Buffers, class Handler>
    auto async_write_some(const Buffers& buffers, Handler&& handler) {
        return boost::asio::async_compose<Handler, void(error_code, std::size_t)>(
            WriteOp{this, first(buffers)}, handler, socket_);
    }

    // Encrypts up to 64 KiB of `from` and sends the records at once (SendNow.hpp): the bytes of
    // `from` taken, or 0 with the error. Records the socket does not take now stay unsent(); an
    // async_write of the rest of `from`, even of nothing, sends them first.
    std::size_t writeNow(boost::asio::const_buffer from, error_code& ec);
    bool unsent() const { return !pending_.empty(); }

    // For the BIO (TlsStream.cpp): records OpenSSL wrote, and received bytes it has not taken.
    std::string pending_;
    std::unique_ptr<char[]> in_;  // not zeroed: only what the socket delivered is read
    std::size_t inBegin_ = 0, inEnd_ = 0;

private:
    enum class State { start, reading, writing, posted };

    template <class Buffers>
    static auto first(const Buffers& buffers) {
        return *boost::asio::buffer_sequence_begin(buffers);
    }

    // What OpenSSL's answer `result` to a call means as an error (after a call that failed).
    error_code sslError(int result);
    // A socket read into readSpace() ended: its bytes are OpenSSL's to take, or its failure is
    // returned as Asio's stream reports it.
    error_code received(error_code ec, std::size_t n);
    // Room after the received bytes for the next socket read.
    boost::asio::mutable_buffer readSpace();
    // Decrypts into `into`: the bytes, 0 when OpenSSL needs more from the socket (ec clear), or an error.
    std::size_t decrypt(boost::asio::mutable_buffer into, error_code& ec);
    bool needsSocket() const;
    // Encrypts into pending_ at most 64 KiB of `from` (a request body of any size: memory stays
    // bounded): the bytes taken, or 0 with the error.
    std::size_t encrypt(boost::asio::const_buffer from, error_code& ec);
    // Moves what OpenSSL wrote into sending_, to go out in one write.
    boost::asio::const_buffer takePending();

    // The handler is not called inside the call that started the operation (Asio's rule): a
    // result known at once is posted.
    template <class Op, class Self, class... Result>
    static void finish(Op& op, Self& self, Result... result) {
        if (op.state != State::start) return self.complete(result...);
        op.state = State::posted;
        boost::asio::post(op.s->socket_.get_executor(),
                          [self = std::move(self), result...]() mutable { self.complete(result...); });
    }

    struct ReadOp {
        TlsStream* s;
        boost::asio::mutable_buffer into;
        State state = State::start;

        template <class Self>
        void operator()(Self& self, error_code ec = {}, std::size_t n = 0) {
            if (state == State::reading && (ec = s->received(ec, n))) return self.complete(ec, std::size_t{0});
            if (into.size() == 0) return finish(*this, self, error_code{}, std::size_t{0});
            // Nothing received and nothing decrypted waiting: OpenSSL would only ask for more.
            if (!s->needsSocket()) {
                const std::size_t got = s->decrypt(into, ec);
                if (got || ec) return finish(*this, self, ec, got);
            }
            state = State::reading;
            s->socket_.async_read_some(s->readSpace(), std::move(self));
        }
    };

    struct WriteOp {
        TlsStream* s;
        boost::asio::const_buffer from;
        State state = State::start;
        std::size_t written = 0;

        template <class Self>
        void operator()(Self& self, error_code ec = {}, std::size_t = 0) {
            if (state == State::writing) {
                s->sending_.clear();
                return self.complete(ec, ec ? std::size_t{0} : written);
            }
            if (from.size() == 0) {  // records writeNow left unsent still go out
                if (s->pending_.empty()) return finish(*this, self, error_code{}, std::size_t{0});
                state = State::writing;
                return boost::asio::async_write(s->socket_, s->takePending(), std::move(self));
            }
            written = s->encrypt(from, ec);
            if (ec) return finish(*this, self, ec, std::size_t{0});
            state = State::writing;
            boost::asio::async_write(s->socket_, s->takePending(), std::move(self));
        }
    };

    struct HandshakeOp {
        TlsStream* s;
        State state = State::start;
        bool done = false;   // the handshake is over: once what OpenSSL wrote is sent
        error_code failed;   // it failed: once the alert OpenSSL wrote is sent, as Asio does

        template <class Self>
        void operator()(Self& self, error_code ec = {}, std::size_t n = 0) {
            if (state == State::reading) {
                if ((ec = s->received(ec, n))) return self.complete(ec);
            } else if (state == State::writing) {
                s->sending_.clear();
                if (ec || done) return self.complete(failed ? failed : ec);
            } else {
                ERR_clear_error();  // what other code on this thread left (loading certificates): from here on, empty
            }
            const int r = SSL_do_handshake(s->ssl_);
            done = r == 1;
            if (!done && SSL_get_error(s->ssl_, r) != SSL_ERROR_WANT_READ) {
                failed = s->sslError(r);
                done = true;
            }
            if (!s->pending_.empty()) {  // the ClientHello, a Finished, an alert: out first
                state = State::writing;
                return boost::asio::async_write(s->socket_, s->takePending(), std::move(self));
            }
            if (done) return finish(*this, self, failed);
            state = State::reading;
            s->socket_.async_read_some(s->readSpace(), std::move(self));
        }
    };

    Socket socket_;
    SSL* ssl_ = nullptr;
    std::string sending_;  // the records of the write under way
};

}  // namespace salvo
