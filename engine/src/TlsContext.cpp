#include "TlsContext.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace salvo {

std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error) {
    namespace ssl = boost::asio::ssl;
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    boost::system::error_code ec;
    context->set_default_verify_paths(ec);  // the system store; a missing one is not fatal
    if (!options.caFile.empty()) {
        context->load_verify_file(options.caFile, ec);
        if (ec) {
            error = "CA file '" + options.caFile + "' holds no usable PEM certificate: " + ec.message();
            return nullptr;
        }
    }
    context->set_verify_mode(options.verify ? ssl::verify_peer : ssl::verify_none);
    return context;
}

void prepareTlsConnection(SSL* ssl, const Target& target, bool verify) {
    // SNI carries names only; RFC 6066 forbids IP literals there.
    if (!target.hostIsIpAddress) SSL_set_tlsext_host_name(ssl, target.host.c_str());
    if (!verify) return;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (target.hostIsIpAddress) X509_VERIFY_PARAM_set1_ip_asc(param, target.host.c_str());
    else X509_VERIFY_PARAM_set1_host(param, target.host.c_str(), 0);
}

std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
        return std::string("certificate rejected: ") + X509_verify_cert_error_string(verify);
    return "TLS handshake failed: " + ec.message();
}

}  // namespace salvo
