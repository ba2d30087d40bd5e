#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo {

// Checks that `path` is a regular file of at most `maxBytes` holding at least one PEM
// certificate. It never blocks: a FIFO, /dev/stdin or a device is refused by its type, unread.
bool checkCaFile(const std::string& path, std::uint64_t maxBytes, std::string& message);

// A client TLS context: system CA store plus the optional CA file, TLS 1.2 or newer,
// peer verification unless the user chose otherwise. Built once per run and shared by every
// engine thread (OpenSSL contexts are safe to share once set up). Null and `error` on failure.
std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error);

// Sets SNI and the name (or IP address) the certificate must match, on one connection.
void prepareTlsConnection(SSL* ssl, const Target& target, bool verify);

// Whether this connection's server asked for a client certificate (which Salvo has none of).
bool clientCertificateRequested(SSL* ssl);

// True for errors raised by OpenSSL itself (alerts, handshake and record failures).
bool isTlsError(const boost::system::error_code& ec);

// Why a handshake failed, naming the certificate problem when verification was the cause.
std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec);

}  // namespace salvo
