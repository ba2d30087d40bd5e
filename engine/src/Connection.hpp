#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <optional>
#include <type_traits>

#include "DiscardingParser.hpp"
#include "ErrorText.hpp"
#include "TlsContext.hpp"
#include "Worker.hpp"

namespace salvo {

class ConnectionBase {
public:
    virtual ~ConnectionBase() = default;
    virtual void start() = 0;
    virtual void close() = 0;  // on the worker thread: pending operations end as aborted
};

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// One keep-alive HTTP/1.1 connection that sends requests while the worker has tickets.
// Plain or TLS is fixed by the Stream type; the only difference is the handshake step.
// The worker owns connections and outlives its io_context's run(), so handlers capture `this`.
template <class Stream>
class Connection final : public ConnectionBase {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
    using error_code = boost::system::error_code;

public:
    explicit Connection(Worker& worker) : worker_(worker) {}

    void start() override { doConnect(); }

    void close() override {
        if (stream_) {
            error_code ignored;
            boost::beast::get_lowest_layer(*stream_).socket().close(ignored);
        }
    }

private:
    auto& lowest() { return boost::beast::get_lowest_layer(*stream_); }

    void doConnect() {
        if (worker_.stopping()) return finish();
        // A connection opens only for a request it has already claimed, so no connection is
        // opened just to find the work gone (and `count` bounds connects as well as requests).
        if (!holdsTicket_ && !worker_.takeTicket()) return finish();
        holdsTicket_ = true;
        if constexpr (kTls) stream_.emplace(worker_.io(), *worker_.tls());
        else stream_.emplace(worker_.io());
        reused_ = false;
        lowest().expires_after(worker_.spec().timeout);
        boost::asio::async_connect(lowest().socket(), worker_.endpoints(),
                                   [this](error_code ec, const auto&) { onConnect(ec); });
    }

    void onConnect(error_code ec) {
        if (worker_.stopping()) return finish();
        if (ec) return connectFailed(ec == boost::beast::error::timeout ? ErrorKind::timeout
                                                                        : ErrorKind::connect,
                                     describeConnectError(ec));
        lowest().socket().set_option(boost::asio::ip::tcp::no_delay(true), ec);
        if constexpr (kTls) {
            prepareTlsConnection(stream_->native_handle(), worker_.spec().target,
                                 worker_.spec().tls.verify);
            stream_->async_handshake(boost::asio::ssl::stream_base::client,
                                     [this](error_code e) { onHandshake(e); });
        } else {
            worker_.connected();
            doRequest();
        }
    }

    void onHandshake(error_code ec) {
        if (worker_.stopping()) return finish();
        if (ec) {
            const bool timedOut = ec == boost::beast::error::timeout;
            return connectFailed(timedOut ? ErrorKind::timeout : ErrorKind::tls,
                                 timedOut ? "TLS handshake timed out"
                                          : describeTlsFailure(stream_->native_handle(), ec));
        }
        worker_.connected();
        doRequest();
    }

    // A failed connect fails the request this connection had claimed.
    void connectFailed(ErrorKind kind, const std::string& message) {
        holdsTicket_ = false;
        worker_.connectFailed(kind, message);
        doConnect();  // bounded: every further attempt spends a ticket
    }

    void doRequest() {
        if (!holdsTicket_ && !worker_.takeTicket()) return finish();
        holdsTicket_ = true;
        sentAt_ = Worker::Clock::now();
        lowest().expires_after(worker_.spec().timeout);
        boost::asio::async_write(*stream_, boost::asio::buffer(worker_.request()),
                                 [this](error_code ec, std::size_t) { onWrite(ec); });
    }

    void onWrite(error_code ec) {
        if (worker_.stopping()) return finish();
        if (ec) return requestFailed(ec, ErrorKind::write);
        parser_.emplace();
        boost::beast::http::async_read(*stream_, buffer_, *parser_,
                                       [this](error_code e, std::size_t n) { onRead(e, n); });
    }

    void onRead(error_code ec, std::size_t bytes) {
        if (worker_.stopping()) return finish();
        if (ec) return requestFailed(ec, classifyReadError(ec));
        worker_.recordResponse(parser_->status(), bytes, Worker::Clock::now() - sentAt_);
        holdsTicket_ = false;
        retried_ = false;
        reused_ = true;
        if (!parser_->keep_alive()) return reconnect();  // e.g. Connection: close
        doRequest();
    }

    void requestFailed(error_code ec, ErrorKind kind) {
        // A keep-alive connection the server closed while idle fails the next request before
        // any byte of a response arrives. Clients retry that once on a fresh connection
        // (RFC 9112 9.3.1); the request is counted only by how the retry ends.
        if (reused_ && !retried_ && buffer_.size() == 0 && isPeerClose(ec) &&
            (!parser_ || !parser_->got_some())) {
            retried_ = true;
            return reconnect();
        }
        holdsTicket_ = false;
        retried_ = false;
        worker_.recordError(kind, describeRequestError(ec, kind));
        reconnect();
    }

    void reconnect() {
        close();
        buffer_.clear();
        doConnect();
    }

    void finish() {
        close();
        worker_.connectionFinished();
    }

    Worker& worker_;
    std::optional<Stream> stream_;  // remade for every connect: an ssl stream is single-use
    std::optional<DiscardingParser> parser_;  // remade per response, in place: no allocation
    boost::beast::flat_buffer buffer_;
    Worker::Clock::time_point sentAt_{};
    bool holdsTicket_ = false;  // a request is in flight (or being retried) on this connection
    bool reused_ = false;       // at least one response came back on this connection
    bool retried_ = false;      // the current request was already retried once
};

}  // namespace salvo
