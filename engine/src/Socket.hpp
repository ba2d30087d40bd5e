#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace salvo {

// A socket bound to its worker's io_context by type, not through any_io_executor: every read and
// write copies, checks and destroys the socket's executor, and the type-erased one made that cost a
// virtual call and a heap check per operation.
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

}  // namespace salvo
