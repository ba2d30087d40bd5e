#include "TlsContext.hpp"

#include "FileRead.hpp"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ssl/error.hpp>
#include <algorithm>

namespace salvo {
namespace {

int certificatesIn(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!bio) return 0;
    int count = 0;
    while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        X509_free(cert);
        ++count;
    }
    BIO_free(bio);
    ERR_clear_error();  // the loop ends on "no start line": not an error of the next handshake
    return count;
}

// Marks, on the connection, that the server sent a CertificateRequest. Salvo sends no
// certificate (returning 0), exactly as OpenSSL would without this callback.
int exDataIndex() {
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

void markRequested(SSL* ssl) {
    static char requested;
    SSL_set_ex_data(ssl, exDataIndex(), &requested);
}

int onClientCertificateRequest(SSL* ssl, X509**, EVP_PKEY**) {
    markRequested(ssl);
    return 0;
}

// Called for every CertificateRequest, whether or not a certificate is loaded (the callback
// above runs only when none is): so a refusal is blamed on our certificate only when the
// server asked for one.
int onCertificateRequest(SSL* ssl, void*) {
    markRequested(ssl);
    return 1;
}

}  // namespace

bool readCaFile(const std::string& path, std::uint64_t maxBytes, std::string& pem, std::string& message) {
    std::string problem;
    if (!readRegularFile(path, maxBytes, pem, problem)) {
        message = "CA file '" + path + "' " + problem;
        return false;
    }
    if (certificatesIn(pem) == 0) {
        message = "CA file '" + path + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
        return false;
    }
    return true;
}

namespace {

// A memory BIO over PEM text, freed with the scope.
struct PemBio {
    BIO* bio;
    PemBio(const PemBio&) = delete;
    PemBio& operator=(const PemBio&) = delete;
    explicit PemBio(const std::string& pem) : bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))) {}
    ~PemBio() { BIO_free(bio); }
};

}  // namespace

bool useClientCertificate(SSL_CTX* ctx, const TlsOptions& options, std::string& message) {
    const std::string keyName = options.keyFile.empty() ? options.certFile : options.keyFile;
    PemBio certs(options.certPem);
    X509* leaf = certs.bio ? PEM_read_bio_X509(certs.bio, nullptr, nullptr, nullptr) : nullptr;
    bool ok = leaf && SSL_CTX_use_certificate(ctx, leaf) == 1;
    X509_free(leaf);
    if (!ok) message = "client certificate '" + options.certFile + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
    while (ok) {  // the rest of the file: intermediate certificates, sent with it
        X509* extra = PEM_read_bio_X509(certs.bio, nullptr, nullptr, nullptr);
        if (!extra) break;
        if (SSL_CTX_add0_chain_cert(ctx, extra) != 1) X509_free(extra);
    }
    ERR_clear_error();
    PemBio keys(options.keyPem.empty() ? options.certPem : options.keyPem);
    // No password prompt: an encrypted key is refused with a message, never read from a terminal.
    EVP_PKEY* key = ok && keys.bio ? PEM_read_bio_PrivateKey(keys.bio, nullptr, [](char*, int, int, void*) { return 0; }, nullptr)
                                   : nullptr;
    if (ok && !key) message = "client key '" + keyName + "' holds no unencrypted PEM private key", ok = false;
    if (ok && X509_check_private_key(SSL_CTX_get0_certificate(ctx), key) != 1)
        message = "client key '" + keyName + "' does not match the certificate '" + options.certFile + "'", ok = false;
    if (ok && SSL_CTX_use_PrivateKey(ctx, key) != 1) message = "client key '" + keyName + "' cannot be used", ok = false;
    EVP_PKEY_free(key);
    ERR_clear_error();
    return ok;
}

std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error, bool offerHttp2) {
    namespace ssl = boost::asio::ssl;
    std::unique_ptr<ssl::context> context;
    try {
        context = std::make_unique<ssl::context>(ssl::context::tls_client);  // throws if OpenSSL fails
    } catch (const boost::system::system_error& e) {
        error = std::string("cannot set up TLS: ") + e.what();
        return nullptr;
    }
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_client_cert_cb(context->native_handle(), onClientCertificateRequest);
    SSL_CTX_set_cert_cb(context->native_handle(), onCertificateRequest, nullptr);
    exDataIndex();  // allocated here, before any engine thread can race for it
    boost::system::error_code ec;
    context->set_default_verify_paths(ec);  // the system store; a missing one is not fatal
    if (!options.caPem.empty()) {
        context->add_certificate_authority(boost::asio::buffer(options.caPem), ec);
        if (ec) {
            error = "CA file '" + options.caFile + "' holds no usable PEM certificate: " + ec.message();
            return nullptr;
        }
    }
    if (!options.certPem.empty() && !useClientCertificate(context->native_handle(), options, error)) return nullptr;
    context->set_verify_mode(options.verify ? ssl::verify_peer : ssl::verify_none);
    // HTTP/2 is offered with HTTP/1.1 beside it even when it is required: a server without h2
    // then chooses http/1.1, and Salvo can say so, where an offer of h2 alone ends in a bare
    // no_application_protocol alert (nginx). Returns 0 on success, unlike most of OpenSSL.
    static constexpr unsigned char kAlpn[] = "\x02h2\x08http/1.1";
    if (offerHttp2 && SSL_CTX_set_alpn_protos(context->native_handle(), kAlpn, sizeof kAlpn - 1) != 0) {
        error = "cannot set up TLS: ALPN could not be offered";
        return nullptr;
    }
    return context;
}

std::string selectedAlpn(SSL* ssl) {
    const unsigned char* name = nullptr;
    unsigned length = 0;
    SSL_get0_alpn_selected(ssl, &name, &length);
    return name ? std::string(reinterpret_cast<const char*>(name), length) : std::string();
}

void prepareTlsConnection(SSL* ssl, const Target& target, bool verify) {
    // SNI carries names only; RFC 6066 forbids IP literals there.
    if (!target.hostIsIpAddress) SSL_set_tlsext_host_name(ssl, target.host.c_str());
    if (!verify) return;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (target.hostIsIpAddress) X509_VERIFY_PARAM_set1_ip_asc(param, target.host.c_str());
    else X509_VERIFY_PARAM_set1_host(param, target.host.c_str(), 0);
}

bool clientCertificateRequested(SSL* ssl) { return SSL_get_ex_data(ssl, exDataIndex()) != nullptr; }

bool isCertificateRequiredAlert(const boost::system::error_code& ec) {
    return ec.category() == boost::asio::error::get_ssl_category() &&
           ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED;
}

// The alerts a server sends when it does not accept the certificate it was given.
bool isCertificateRejection(const boost::system::error_code& ec) {
    if (ec.category() != boost::asio::error::get_ssl_category()) return false;
    switch (ERR_GET_REASON(static_cast<unsigned long>(ec.value()))) {
        case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
        case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
        case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
        case SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED:
        case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
        case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
        case SSL_R_TLSV1_ALERT_ACCESS_DENIED:
        case SSL_R_TLSV1_ALERT_DECRYPT_ERROR:
        case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
        case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
            return true;
        default:
            return false;
    }
}

bool isLateCertificateRefusal(SSL* ssl, const boost::system::error_code& ec) {
    return isCertificateRequiredAlert(ec) ||
           (SSL_get_certificate(ssl) && clientCertificateRequested(ssl) && isCertificateRejection(ec));
}

std::size_t bufferedTlsData(SSL* ssl) {
    if (SSL_pending(ssl) == 0 && (SSL_has_pending(ssl) || BIO_ctrl_pending(SSL_get_rbio(ssl)) > 0)) {
        // Whole records may wait undecrypted, read ahead into OpenSSL's buffer or in the stream's:
        // a peek decrypts them without consuming data.
        char byte;
        if (SSL_peek(ssl, &byte, 1) <= 0) ERR_clear_error();  // no data: want-read, or a close
    }
    return static_cast<std::size_t>(std::max(0, SSL_pending(ssl)));
}

std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec) {
    // With verification off (-k) OpenSSL still keeps a verify result; it is not why we failed.
    const long verify = SSL_get_verify_mode(ssl) == SSL_VERIFY_NONE ? X509_V_OK : SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
        return std::string("certificate rejected: ") + X509_verify_cert_error_string(verify);
    if (SSL_get_certificate(ssl) && clientCertificateRequested(ssl) && isCertificateRejection(ec))
        return "the server rejected the client certificate: " + ec.message();
    // Without one: TLS 1.2 servers refuse the handshake (alert handshake_failure); TLS 1.3
    // servers finish it and then send alert certificate_required. Both read the same.
    if (clientCertificateRequested(ssl))
        return "the server requires a client certificate (certificate required): " + ec.message();
    return "TLS handshake failed: " + ec.message();
}

}  // namespace salvo
