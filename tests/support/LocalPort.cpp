#include "LocalPort.hpp"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <fstream>
#include <mutex>
#include <random>
#include <set>

namespace salvo::test {
using tcp = boost::asio::ip::tcp;
namespace {

// The kernel's ephemeral range: where bind(0) looks, and where every outgoing connection takes its
// source port.
std::pair<int, int> ephemeralRange() {
    std::ifstream file("/proc/sys/net/ipv4/ip_local_port_range");
    int low = 32768, high = 60999;
    file >> low >> high;
    return {low, high};
}

bool canListenOn(std::uint16_t port) {
    boost::asio::io_context io;
    tcp::acceptor acceptor(io);
    boost::system::error_code ec;
    acceptor.open(tcp::v4(), ec);
    acceptor.set_option(tcp::acceptor::reuse_address(true), ec);  // as nginx does: TIME_WAIT is no obstacle
    acceptor.bind(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
}

std::uint16_t anyPort() {
    boost::asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}
}  // namespace

// A random port below the ephemeral range, never the same twice in one process. A port that bind(0)
// found free is soon the source port of some concurrent test's client connection (tests run in
// parallel and open thousands), and two bind(0) calls can return the same port: either way a server
// started on it fails, as CI once saw ("no ssl_certificate" when nginx's plain and TLS servers got one
// port).
std::uint16_t freePort() {
    static std::mutex mutex;
    static std::set<std::uint16_t> given;
    static std::mt19937 random(std::random_device{}() ^ static_cast<unsigned>(getpid()));
    const std::lock_guard lock(mutex);
    const int low = 10000, high = ephemeralRange().first - 1;
    for (int attempt = 0; high > low && attempt < 1000; ++attempt) {
        const auto port = static_cast<std::uint16_t>(std::uniform_int_distribution<int>(low, high)(random));
        if (given.count(port) == 0 && canListenOn(port)) {
            given.insert(port);
            return port;
        }
    }
    return anyPort();  // an unusual range: fall back to the kernel's choice
}

bool acceptsConnections(std::uint16_t port) {
    boost::asio::io_context io;
    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
}

}  // namespace salvo::test
