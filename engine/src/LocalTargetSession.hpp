#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "LocalTargetRoutes.hpp"

namespace salvo {

// One server-side connection of LocalTarget: read a request, answer per its route, repeat.
// Kept alive by its own async chain (shared_from_this), as in Beast's server examples.
template <class Stream>
class LocalTargetSession : public std::enable_shared_from_this<LocalTargetSession<Stream>> {
    static constexpr bool kTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;
    using error_code = boost::system::error_code;

public:
    template <class... TlsArgs>
    LocalTargetSession(boost::asio::ip::tcp::socket&& socket, LocalTargetCounters& counters,
                       TlsArgs&... tls)
        : stream_(std::move(socket), tls...), timer_(stream_.get_executor()), counters_(counters) {}

    void start() {
        if constexpr (kTls) {
            boost::beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
            stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                    [self = this->shared_from_this()](error_code ec) {
                                        if (!ec) self->doRead();
                                    });
        } else {
            doRead();
        }
    }

private:
    void doRead() {
        parser_.emplace();
        parser_->body_limit(1 << 20);
        boost::beast::get_lowest_layer(stream_).expires_never();  // idle keep-alive is fine
        boost::beast::http::async_read(stream_, buffer_, *parser_,
                                       [self = this->shared_from_this()](error_code ec, std::size_t) {
                                           self->onRead(ec);
                                       });
    }

    void onRead(error_code ec) {
        if (ec) return close();  // end_of_stream: the client closed between requests
        counters_.requests.fetch_add(1, std::memory_order_relaxed);
        const auto& request = parser_->get();
        reply_ = routeRequest(request.target(), request.keep_alive());
        head_ = formatReplyHead(reply_);
        // HEAD gets the same head, Content-Length included, and no body (RFC 9110 9.3.2).
        if (request.method() == boost::beast::http::verb::head) {
            reply_.body.clear();
            reply_.fillerBytes = 0;
        }
        if (reply_.delay.count() > 0) {
            timer_.expires_after(reply_.delay);
            return timer_.async_wait([self = this->shared_from_this()](error_code e) {
                if (!e) self->writeHead();
            });
        }
        writeHead();
    }

    void writeHead() {
        std::array<boost::asio::const_buffer, 2> pieces{boost::asio::buffer(head_),
                                                        boost::asio::buffer(reply_.body)};
        boost::asio::async_write(stream_, pieces,
                                 [self = this->shared_from_this()](error_code ec, std::size_t) {
                                     if (ec) return self->close();
                                     self->writeFiller();
                                 });
    }

    // Large bodies go out in pieces from one static buffer, so the server stays small too.
    void writeFiller() {
        if (reply_.fillerBytes == 0) return reply_.close ? close() : doRead();
        const auto& filler = fillerChunk();
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(reply_.fillerBytes, filler.size()));
        reply_.fillerBytes -= n;
        boost::asio::async_write(stream_, boost::asio::buffer(filler.data(), n),
                                 [self = this->shared_from_this()](error_code ec, std::size_t) {
                                     if (ec) return self->close();
                                     self->writeFiller();
                                 });
    }

    void close() {
        error_code ignored;
        auto& socket = boost::beast::get_lowest_layer(stream_).socket();
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
        socket.close(ignored);
    }

    Stream stream_;
    boost::asio::steady_timer timer_;
    LocalTargetCounters& counters_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    Reply reply_;
    std::string head_;
};

}  // namespace salvo
