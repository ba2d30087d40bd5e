#include "TlsContext.hpp"

#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/ssl/error.hpp>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace salvo {
namespace {

// Reads a whole regular file; refuses anything else without reading (or blocking on) it.
bool readRegularFile(const std::string& path, std::uint64_t maxBytes, std::string& content,
                     std::string& problem) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        problem = std::string("cannot be read: ") + std::strerror(errno);
        return false;
    }
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0;
    if (!ok) problem = std::string("cannot be read: ") + std::strerror(errno);
    else if (S_ISDIR(info.st_mode)) problem = "is a directory, not a file", ok = false;
    else if (!S_ISREG(info.st_mode)) problem = "is not a regular file (a pipe, device or socket)", ok = false;
    else if (info.st_size == 0) problem = "is empty", ok = false;
    else if (static_cast<std::uint64_t>(info.st_size) > maxBytes)
        problem = "is too large (" + std::to_string(info.st_size) + " bytes, at most " + std::to_string(maxBytes) + ")", ok = false;
    if (ok) {
        content.resize(static_cast<std::size_t>(info.st_size));
        std::size_t got = 0;
        while (got < content.size()) {
            const ssize_t n = ::read(fd, content.data() + got, content.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        content.resize(got);
    }
    ::close(fd);
    return ok;
}

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

int onClientCertificateRequest(SSL* ssl, X509**, EVP_PKEY**) {
    static char requested;
    SSL_set_ex_data(ssl, exDataIndex(), &requested);
    return 0;
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

std::unique_ptr<boost::asio::ssl::context> makeClientTlsContext(const TlsOptions& options,
                                                                std::string& error) {
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

bool clientCertificateRequested(SSL* ssl) { return SSL_get_ex_data(ssl, exDataIndex()) != nullptr; }

bool isCertificateRequiredAlert(const boost::system::error_code& ec) {
    return ec.category() == boost::asio::error::get_ssl_category() &&
           ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED;
}

std::size_t bufferedTlsData(SSL* ssl) {
    if (SSL_pending(ssl) == 0 && BIO_ctrl_pending(SSL_get_rbio(ssl)) > 0) {
        // Whole records may wait undecrypted: a peek decrypts them without consuming data.
        char byte;
        if (SSL_peek(ssl, &byte, 1) <= 0) ERR_clear_error();  // no data: want-read, or a close
    }
    return static_cast<std::size_t>(std::max(0, SSL_pending(ssl)));
}

std::string describeTlsFailure(SSL* ssl, const boost::system::error_code& ec) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
        return std::string("certificate rejected: ") + X509_verify_cert_error_string(verify);
    // TLS 1.2 servers refuse the handshake (alert handshake_failure); TLS 1.3 servers finish it
    // and then send alert certificate_required. Both mean the same and read the same.
    if (clientCertificateRequested(ssl))
        return "the server requires a client certificate (certificate required): " + ec.message();
    return "TLS handshake failed: " + ec.message();
}

}  // namespace salvo
