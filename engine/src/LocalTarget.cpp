#include "salvo/LocalTarget.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <stdexcept>
#include <thread>

#include "LocalTargetSession.hpp"

namespace salvo {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct LocalTarget::Impl {
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    asio::steady_timer retry{io};
    std::unique_ptr<asio::ssl::context> tls;
    LocalTargetCounters counters;
    std::uint16_t port = 0;  // fixed once listening; read from any thread
    std::thread thread;

    void doAccept() {
        acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted) return;  // stopping
            if (ec) {
                // Out of file descriptors (EMFILE) or similar: keep serving the connections we
                // have and try again shortly, rather than stop accepting for good.
                retry.expires_after(std::chrono::milliseconds(10));
                return retry.async_wait([this](boost::system::error_code e) { if (!e) doAccept(); });
            }
            counters.connections.fetch_add(1, std::memory_order_relaxed);
            socket.set_option(tcp::no_delay(true), ec);
            if (tls) {
                std::make_shared<LocalTargetSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>>(
                    std::move(socket), counters, *tls)->start();
            } else {
                std::make_shared<LocalTargetSession<boost::beast::tcp_stream>>(std::move(socket), counters)
                    ->start();
            }
            doAccept();
        });
    }
};

LocalTarget::LocalTarget() : LocalTarget(Options{}) {}

LocalTarget::LocalTarget(const Options& options) : impl_(std::make_unique<Impl>()) {
    if (!options.certificateFile.empty()) {
        impl_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        impl_->tls->use_certificate_chain_file(options.certificateFile);
        impl_->tls->use_private_key_file(options.keyFile, asio::ssl::context::pem);
    }
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(asio::socket_base::max_listen_connections);
    impl_->port = impl_->acceptor.local_endpoint().port();
    impl_->doAccept();
    impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

LocalTarget::~LocalTarget() {
    impl_->io.stop();
    impl_->thread.join();
}

std::uint16_t LocalTarget::port() const { return impl_->port; }

std::string LocalTarget::url(const std::string& path) const {
    return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()) + path;
}

std::uint64_t LocalTarget::requestsServed() const {
    return impl_->counters.requests.load(std::memory_order_relaxed);
}

std::uint64_t LocalTarget::connectionsAccepted() const {
    return impl_->counters.connections.load(std::memory_order_relaxed);
}

}  // namespace salvo
