#include "FaultServer.hpp"

#include "FaultServerImpl.hpp"

namespace salvo::test {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

const char* faultName(Fault fault) {
    static constexpr const char* names[] = {"resetMidRequest", "closeWithoutResponse", "garbage", "noReply",
                                            "trickle", "chunked", "shortBody", "badContentLength",
                                            "hugeHeader", "hugeBody", "badStatus", "earlyHints",
                                            "dropSecondRequest", "answerTwice", "bytesAfterResponse",
                                            "bodyAfter204", "strayRecord", "bigCookie", "manyHeaders", "ok",
                                            "closeWhenIdle", "h2Ok", "h2GoawayAfter", "h2RstStream",
                                            "h2Refuse", "h2MaxStreams1", "h2TinyWindow", "h2StopReading",
                                            "h2HugeHeaders", "h2NoReply"};
    return names[static_cast<int>(fault)];
}

namespace {

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// Reads one request head (up to the blank line); false when the client went away.
template <class Stream>
awaitable<bool> readRequest(Stream& stream, std::string& buffer) {
    for (;;) {
        if (const auto end = buffer.find("\r\n\r\n"); end != std::string::npos) {
            buffer.erase(0, end + 4);  // our client sends no request bodies in these tests
            co_return true;
        }
        char chunk[4096];
        boost::system::error_code ec;
        const auto n = co_await stream.async_read_some(asio::buffer(chunk), asio::redirect_error(use_awaitable, ec));
        if (ec) co_return false;
        buffer.append(chunk, n);
    }
}

template <class Stream>
awaitable<void> send(Stream& stream, const std::string& bytes) {
    co_await asio::async_write(stream, asio::buffer(bytes), use_awaitable);
}

std::string hugeHeaderResponse() {
    return "HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\nContent-Length: 2\r\n\r\nok";
}

std::string bigCookieResponse() {
    return "HTTP/1.1 200 OK\r\nSet-Cookie: session=" + std::string(16 * 1024, 'c') + "\r\nContent-Length: 2\r\n\r\nok";
}

// 16,384 bytes, the largest TLS record: stray bytes written with it go into a record of their own.
std::string exactRecordResponse() {
    const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: ";
    std::string response = head + "16344\r\n\r\n";
    return response + std::string(16384 - response.size(), 'r');
}

std::string manyHeadersResponse() {
    std::string head = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 500; ++i) head += "X-Header-" + std::to_string(i) + ": value " + std::to_string(i) + "\r\n";
    return head + "Content-Length: 2\r\n\r\nok";
}

// One request's misbehaviour; returns false when the connection is to end.
template <class Stream>
awaitable<bool> misbehave(Stream& stream, FaultServer::Impl& impl, std::uint64_t requestOnConnection) {
    auto timer = asio::steady_timer(stream.get_executor());
    switch (impl.fault) {
        case Fault::closeWhenIdle: co_await send(stream, kOk); co_return true;
        case Fault::ok: {
            const std::chrono::steady_clock::time_point until{std::chrono::steady_clock::duration(impl.stallUntil.load())};
            if (until > std::chrono::steady_clock::now()) {
                timer.expires_at(until);
                co_await timer.async_wait(use_awaitable);
            }
            co_await send(stream, kOk);
            co_return true;
        }
        case Fault::dropSecondRequest:
            if (requestOnConnection == 2) co_return false;
            co_await send(stream, kOk);
            co_return true;
        case Fault::answerTwice: co_await send(stream, kOk + kOk); co_return true;
        case Fault::bytesAfterResponse: co_await send(stream, kOk + "stray bytes"); co_return true;
        case Fault::bodyAfter204: co_await send(stream, "HTTP/1.1 204 No Content\r\n\r\nno body here"); co_return true;
        case Fault::strayRecord: co_await send(stream, exactRecordResponse() + "stray bytes"); co_return true;
        case Fault::bigCookie: co_await send(stream, bigCookieResponse()); co_return true;
        case Fault::manyHeaders: co_await send(stream, manyHeadersResponse()); co_return true;
        case Fault::closeWithoutResponse: co_return false;
        case Fault::garbage: co_await send(stream, "SSH-2.0-OpenSSH_9.2\r\n\r\n\x01\x02\x03 not http at all\r\n\r\n"); co_return false;
        case Fault::noReply: {
            // Never answer, but notice when the client closes, so the test can see it happen.
            char ignored[256];
            for (;;) co_await stream.async_read_some(asio::buffer(ignored), use_awaitable);
        }
        case Fault::trickle:
            for (char c : kOk) {
                co_await send(stream, std::string(1, c));
                timer.expires_after(100ms);
                co_await timer.async_wait(use_awaitable);
            }
            co_return true;
        case Fault::chunked:
            co_await send(stream, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "5\r\nhello\r\n6\r\n world\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n");
            co_return true;
        case Fault::shortBody: co_await send(stream, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"); co_return false;
        case Fault::badContentLength: co_await send(stream, "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok"); co_return false;
        case Fault::hugeHeader: co_await send(stream, hugeHeaderResponse()); co_return false;
        case Fault::hugeBody: {
            const std::uint64_t size = 50ull << 20;
            co_await send(stream, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n");
            static const std::string piece(256 * 1024, 'z');
            for (std::uint64_t sent = 0; sent < size; sent += piece.size()) co_await send(stream, piece);
            co_return true;
        }
        case Fault::badStatus: co_await send(stream, "HTTP/1.1 000 OK\r\nContent-Length: 2\r\n\r\nok"); co_return true;
        case Fault::earlyHints:
            co_await send(stream, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" + kOk);
            co_return true;
        case Fault::resetMidRequest: break;  // handled before the request is read
        case Fault::h2Ok: case Fault::h2GoawayAfter: case Fault::h2RstStream: case Fault::h2Refuse:
        case Fault::h2MaxStreams1: case Fault::h2TinyWindow: case Fault::h2StopReading:
        case Fault::h2HugeHeaders: case Fault::h2NoReply: break;  // served by serveHttp2
    }
    co_return false;
}

template <class Stream>
awaitable<void> session(Stream stream, FaultServer::Impl& impl) {
    try {
        if constexpr (!std::is_same_v<Stream, tcp::socket>)
            co_await stream.async_handshake(asio::ssl::stream_base::server, use_awaitable);
        if (isHttp2(impl.fault)) {
            co_await serveHttp2(stream, impl);
            co_return;
        }
        if (impl.fault == Fault::resetMidRequest) {
            char some[8];
            co_await stream.async_read_some(asio::buffer(some), use_awaitable);
            impl.requests.fetch_add(1);
            lowest(stream).set_option(asio::socket_base::linger(true, 0));  // close sends RST
            lowest(stream).close();
            co_return;
        }
        std::string buffer;
        std::uint64_t onConnection = 0;
        // closeWhenIdle: a keep-alive timeout, as servers have (Node's is 5 s): armed after each
        // answer, it closes the connection unless the next request starts first.
        asio::steady_timer idle(stream.get_executor());
        while (co_await readRequest(stream, buffer)) {
            idle.cancel();
            impl.countRequest();
            if (!co_await misbehave(stream, impl, ++onConnection)) break;
            if (impl.fault == Fault::closeWhenIdle) {
                idle.expires_after(100ms);
                idle.async_wait([&stream](boost::system::error_code ec) {
                    if (ec) return;  // a request came (or the session ended): the stream is not touched
                    boost::system::error_code ignored;
                    lowest(stream).close(ignored);
                });
            }
        }
        boost::system::error_code ignored;
        lowest(stream).close(ignored);
    } catch (const boost::system::system_error&) {
        // The client gave up (timeout, cancel): that is the point of these tests.
    }
}

awaitable<void> acceptLoop(FaultServer::Impl& impl) {
    for (;;) {
        tcp::socket socket = co_await impl.acceptor.async_accept(use_awaitable);
        if (impl.tls) {
            asio::co_spawn(impl.io, session(asio::ssl::stream<tcp::socket>(std::move(socket), *impl.tls), impl),
                           asio::detached);
        } else {
            asio::co_spawn(impl.io, session(std::move(socket), impl), asio::detached);
        }
    }
}

}  // namespace

FaultServer::FaultServer(Fault fault, const Tls& tls) : impl_(std::make_unique<Impl>()) {
    impl_->fault = fault;
    if (!tls.certificateFile.empty()) {
        impl_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        impl_->tls->use_certificate_chain_file(tls.certificateFile);
        impl_->tls->use_private_key_file(tls.keyFile, asio::ssl::context::pem);
        if (tls.tls12Only) SSL_CTX_set_max_proto_version(impl_->tls->native_handle(), TLS1_2_VERSION);
        if (tls.requireClientCertificate)
            impl_->tls->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
        if (tls.requestClientCertificate) impl_->tls->set_verify_mode(asio::ssl::verify_peer);
        if (!tls.clientCaFile.empty()) impl_->tls->load_verify_file(tls.clientCaFile);
        if (isHttp2(fault)) selectH2ByAlpn(impl_->tls->native_handle());
    }
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen();
    impl_->port = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->io, acceptLoop(*impl_), asio::detached);
    impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

FaultServer::~FaultServer() {
    impl_->io.stop();
    impl_->thread.join();
}

std::string FaultServer::url() const {
    return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(impl_->port) + "/";
}

std::uint64_t FaultServer::requestsSeen() const { return impl_->requests.load(); }

std::size_t FaultServer::maxConcurrentSeen() const { return impl_->maxConcurrent.load(); }

std::vector<std::chrono::steady_clock::time_point> FaultServer::arrivals() const {
    const std::lock_guard lock(impl_->arrivalsMutex);
    return impl_->arrivals;
}

void FaultServer::stall(std::chrono::milliseconds length) {
    impl_->stallUntil.store((std::chrono::steady_clock::now() + length).time_since_epoch().count());
}

}  // namespace salvo::test
