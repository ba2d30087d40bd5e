#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo {

// Reads `path` into `pem` if it is a regular file of at most `maxBytes` holding at least one
// PEM certificate. It never blocks: a FIFO, /dev/stdin or a device is refused by its type, unread.
bool readCaFile(const std::string& path, std::uint64_t maxBytes, std::string& pem, std::string& message);

// A client TLS context: system CA store plus the optional CA file, TLS 1.2 or newer,
// peer verification unless the user chose otherwise. Built once per run and shared by every
// engine thread (OpenSSL contexts are safe to share once set up). Null and `error` on failure.
// `offerHttp2`: ALPN offers h2 and http/1.1 (else no ALPN: HTTP/1.1, as before).
std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error, bool offerHttp2 = false);
// The protocol ALPN chose on this connection ("h2", "http/1.1"); empty when none.
std::string selectedAlpn(SSL* ssl);

// Puts the client certificate (and any intermediates after it) and its key into `ctx`; false
// with a message naming the file when either does not read or the key does not match.
bool useClientCertificate(SSL_CTX* ctx, const TlsOptions& options, std::string& message);

// Whether a handshake error is a server's alert about the certificate it was given.
bool isCertificateRejection(const boost::system::error_code& ec);

// On a connection's first read: TLS 1.3's way of refusing the client's certificate (or its
// absence) after the handshake — certificate_required, or, when one was sent, a rejection.
bool isLateCertificateRefusal(SSL* ssl, const boost::system::error_code& ec);

// Sets SNI and the name (or IP address) the certificate must match, on one connection.
void prepareTlsConnection(SSL* ssl, const Target& target, bool verify);

// Whether this connection's server asked for a client certificate (which Salvo has none of).
bool clientCertificateRequested(SSL* ssl);

// TLS 1.3's alert certificate_required: the server rejected the handshake after the fact.
bool isCertificateRequiredAlert(const boost::system::error_code& ec);

// Application data that has reached this connection but was not read yet: decrypted and held
// by OpenSSL, or whole records waiting undecrypted (read ahead into OpenSSL's buffer, or in the
// stream's). Neither a close_notify nor a session ticket is data: the close is left for the next
// read, the ticket is processed.
std::size_t bufferedTlsData(SSL* ssl);

// Why a handshake failed, naming the certificate problem when verification was the cause.
std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec);

}  // namespace salvo
