#pragma once

#include <array>
#include <cstddef>

namespace salvo {

// Why a request (or the run) failed, counted by kind like wrk's `errors` and oha's distribution.
enum class ErrorKind : std::size_t {
    resolve,   // host name could not be resolved
    connect,   // TCP connect refused, unreachable, or out of local resources
    tls,       // TLS handshake or certificate verification
    timeout,   // the per-request (or connect) timeout fired
    write,     // sending the request failed (reset, broken pipe)
    read,      // the connection failed or closed while reading the response
    protocol,  // the bytes received were not a valid HTTP/1.1 response
    status,    // a valid response with status >= 400 (with expected statuses: a 'check' instead)
    check,     // a response that failed a check on its status or body
    redirect,  // a redirect not followed: a loop, another host, too many, no usable Location
    rstStream, // HTTP/2: the server reset the request's stream (RST_STREAM, by its error code)
    goaway,    // HTTP/2: lost to the server's GOAWAY (it had accepted the stream, then went away)
};
inline constexpr std::size_t kErrorKindCount = 12;

inline constexpr std::array<const char*, kErrorKindCount> kErrorKindNames = {
    "resolve", "connect", "tls", "timeout", "write", "read", "protocol", "status", "check", "redirect",
    "rst_stream", "goaway"};

inline const char* errorKindName(ErrorKind kind) {
    return kErrorKindNames[static_cast<std::size_t>(kind)];
}

}  // namespace salvo
