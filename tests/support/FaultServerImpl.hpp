#pragma once

// FaultServer's insides, shared by its HTTP/1.1 faults (FaultServer.cpp) and its HTTP/2 ones
// (FaultServerH2.cpp). Everything here runs on the server's one io thread, except the atomics and
// `arrivals`, which the test's thread reads.

#include <openssl/ssl.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "FaultServer.hpp"

namespace salvo::test {

struct FaultServer::Impl {
    Fault fault;
    boost::asio::io_context io{1};
    boost::asio::ip::tcp::acceptor acceptor{io};
    std::unique_ptr<boost::asio::ssl::context> tls;
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::size_t> maxConcurrent{0};                  // HTTP/2 streams open at once, at most
    std::atomic<std::chrono::steady_clock::rep> stallUntil{0};  // Fault::ok holds answers until then
    mutable std::mutex arrivalsMutex;
    std::vector<std::chrono::steady_clock::time_point> arrivals;
    std::uint16_t port = 0;
    std::thread thread;

    void countRequest() {
        requests.fetch_add(1);
        const std::lock_guard lock(arrivalsMutex);
        arrivals.push_back(std::chrono::steady_clock::now());
    }
    void noteConcurrent(std::size_t open) {
        if (open > maxConcurrent.load()) maxConcurrent.store(open);  // one writer: the io thread
    }
};

inline boost::asio::ip::tcp::socket& lowest(boost::asio::ip::tcp::socket& s) { return s; }
inline boost::asio::ip::tcp::socket& lowest(boost::asio::ssl::stream<boost::asio::ip::tcp::socket>& s) {
    return s.next_layer();
}

// The HTTP/2 faults (FaultServerH2.cpp).
bool isHttp2(Fault fault);
// TLS: ALPN selects "h2" when the client offers it (and nothing otherwise, as nghttpd does).
void selectH2ByAlpn(SSL_CTX* context);
// Serves one connection, after its TLS handshake, until the client or the fault ends it.
boost::asio::awaitable<void> serveHttp2(boost::asio::ip::tcp::socket& stream, FaultServer::Impl& impl);
boost::asio::awaitable<void> serveHttp2(boost::asio::ssl::stream<boost::asio::ip::tcp::socket>& stream,
                                        FaultServer::Impl& impl);

}  // namespace salvo::test
