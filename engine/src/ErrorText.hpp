#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>

#include "salvo/ErrorKind.hpp"

namespace salvo {

// Turning socket, TLS and parser errors into counted kinds and messages a person can act on.
ErrorKind classifyReadError(const boost::system::error_code& ec);
bool isPeerClose(const boost::system::error_code& ec);
std::string describeConnectError(const boost::system::error_code& ec);
// gotSome: whether any byte of the response had arrived.
// `headerLimit` is the response head limit in force, named when a response exceeds it.
std::string describeRequestError(const boost::system::error_code& ec, ErrorKind kind, bool gotSome,
                                 std::uint32_t headerLimit);

}  // namespace salvo
