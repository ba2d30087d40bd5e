#include "ErrorText.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "salvo/Report.hpp"

namespace salvo {
namespace {
namespace http = boost::beast::http;

bool isHttpError(const boost::system::error_code& ec) {
    return ec.category() == make_error_code(http::error::end_of_stream).category();
}
}  // namespace

bool isPeerClose(const boost::system::error_code& ec) {
    namespace error = boost::asio::error;
    // end_of_stream: the peer closed a keep-alive connection cleanly between messages.
    // stream_truncated: a TLS peer closed without close_notify; for us the same thing.
    return ec == http::error::end_of_stream || ec == error::eof || ec == error::connection_reset ||
           ec == error::broken_pipe || ec == boost::asio::ssl::error::stream_truncated;
}

ErrorKind classifyReadError(const boost::system::error_code& ec) {
    if (ec == boost::beast::error::timeout) return ErrorKind::timeout;
    if (isPeerClose(ec) || ec == http::error::partial_message) return ErrorKind::read;
    if (isHttpError(ec)) return ErrorKind::protocol;  // bad status line, header limit, ...
    return ErrorKind::read;
}

std::string describeConnectError(const boost::system::error_code& ec) {
    namespace error = boost::asio::error;
    if (ec == boost::beast::error::timeout) return "connect timed out";
    if (ec == error::no_descriptors)
        return "out of file descriptors: raise the open-file limit (ulimit -n) or use fewer connections";
    // EADDRNOTAVAIL on connect: every local port towards this address and port is taken.
    if (ec == error::address_in_use || ec == error::no_buffer_space ||
        ec == boost::system::errc::address_not_available)
        return "out of local ports or socket buffers: use fewer connections, or widen net.ipv4.ip_local_port_range (" + ec.message() + ")";
    return "cannot connect: " + ec.message();
}

std::string describeRequestError(const boost::system::error_code& ec, ErrorKind kind, bool gotSome,
                                 std::uint32_t headerLimit) {
    if (ec == http::error::header_limit)
        return "response headers are larger than the limit of " + formatBytes(headerLimit) +
               " (raise it with --max-header-size, or Max header size in the window)";
    switch (kind) {
        case ErrorKind::timeout: return "no complete response within the timeout";
        case ErrorKind::protocol: return "invalid HTTP response: " + ec.message();
        case ErrorKind::write: return "sending the request failed: " + ec.message();
        default: break;
    }
    // Over TLS every close looks alike (stream_truncated): what the parser saw tells them apart.
    if (isPeerClose(ec) || ec == http::error::partial_message)
        return gotSome ? "connection closed in the middle of a response (" + ec.message() + ")"
                       : "connection closed before a response arrived (" + ec.message() + ")";
    return "reading the response failed: " + ec.message();
}

}  // namespace salvo
