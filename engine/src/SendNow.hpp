#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>
#include <cerrno>
#include <cstddef>
#include <sys/socket.h>

#include "Socket.hpp"

namespace salvo {

// Whether a write may go to the socket at once, outside Asio (sendNow). With io_uring Asio batches
// its writes into the submissions it makes anyway, which a send of our own would only add to.
#ifdef BOOST_ASIO_HAS_IO_URING
inline constexpr bool kSendNow = false;
#else
inline constexpr bool kSendNow = true;
#endif

// Sends what the socket takes now, without waiting: the bytes it took (0 when its buffer is full,
// or with the error that ended it). A request fits the socket's buffer almost always, so it goes
// out in this one system call, where Asio's write would queue an operation, try the same call,
// and post its completion to run later (about a fifth of the engine's own work a request).
inline std::size_t sendNow(Socket& socket, boost::asio::const_buffer bytes, boost::system::error_code& ec) {
    if constexpr (!kSendNow) return 0;
    for (;;) {
        const ssize_t n = ::send(socket.native_handle(), bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0) return static_cast<std::size_t>(n);
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) ec.assign(errno, boost::asio::error::get_system_category());
        return 0;
    }
}

}  // namespace salvo
