#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo {

// A client TLS context: system CA store plus the optional CA file, TLS 1.2 or newer,
// peer verification unless the user chose otherwise. Returns null and sets `error` on failure.
std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error);

// Sets SNI and the name (or IP address) the certificate must match, on one connection.
void prepareTlsConnection(SSL* ssl, const Target& target, bool verify);

// Why a handshake failed, naming the certificate problem when verification was the cause.
std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec);

}  // namespace salvo
