#pragma once

#include <boost/asio/associator.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/detail/handler_cont_helpers.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace salvo {

// The handler a read was given, called after noting whether the read came back short of the space
// it was offered. It keeps the handler's executor, allocator and cancellation slot (the associator
// below) and its continuation hint, so Asio treats it as it would the handler itself.
template <class Handler>
struct DrainCompletion {
    Handler handler;
    bool* drained;
    std::size_t offered;

    void operator()(boost::system::error_code ec, std::size_t n) {
        *drained = !ec && n < offered;
        std::move(handler)(ec, n);
    }
    friend bool asio_handler_is_continuation(DrainCompletion* self) {
        return boost_asio_handler_cont_helpers::is_continuation(self->handler);
    }
};

// A plain socket as Beast reads a response from it, remembering whether its last read came back
// short. Then the kernel's queue was empty at that moment (a TCP recv takes everything queued, up
// to the space given), so no byte can be waiting unseen, and the FIONREAD that looks for
// unsolicited bytes after each response (a system call per request) is needed only after a read
// that filled its space.
template <class Socket>
class DrainWatch {
public:
    using executor_type = typename Socket::executor_type;

    // The socket the next reads are from (a reconnect replaces it), until further notice.
    DrainWatch& on(Socket& socket) {
        socket_ = &socket;
        return *this;
    }
    executor_type get_executor() { return socket_->get_executor(); }

    template <class Buffers, class Handler>
    auto async_read_some(const Buffers& buffers, Handler&& handler) {
        return socket_->async_read_some(buffers, DrainCompletion<std::decay_t<Handler>>{
                                                     std::forward<Handler>(handler), &drained_,
                                                     boost::asio::buffer_size(buffers)});
    }

    // Whether the last read left the socket empty (it read less than it could have).
    bool drained() const { return drained_; }

private:
    Socket* socket_ = nullptr;
    bool drained_ = false;
};

}  // namespace salvo

template <template <typename, typename> class Associator, typename Handler, typename DefaultCandidate>
struct boost::asio::associator<Associator, salvo::DrainCompletion<Handler>, DefaultCandidate> {
    using type = typename Associator<Handler, DefaultCandidate>::type;
    static type get(const salvo::DrainCompletion<Handler>& c) noexcept {
        return Associator<Handler, DefaultCandidate>::get(c.handler);
    }
    static auto get(const salvo::DrainCompletion<Handler>& c, const DefaultCandidate& d) noexcept {
        return Associator<Handler, DefaultCandidate>::get(c.handler, d);
    }
};
