#include "TlsStream.hpp"

#include <boost/asio/ssl/error.hpp>
#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "SendNow.hpp"
#include "TlsBufferPool.hpp"

namespace salvo {
namespace {

// OpenSSL's record buffers come from a pool (TlsBufferPool.hpp), made its allocator before main:
// before OpenSSL allocates anything, in any program that makes TLS connections.
[[maybe_unused]] const bool kPooledBuffers = installTlsBufferPool();

constexpr std::size_t kInput = 17 * 1024;  // a whole TLS record (16 KiB and its overhead) in one read

TlsStream& streamOf(BIO* bio) { return *static_cast<TlsStream*>(BIO_get_data(bio)); }

// OpenSSL's records go to pending_, to be sent with the next write.
int bioWrite(BIO* bio, const char* data, int size) {
    streamOf(bio).pending_.append(data, static_cast<std::size_t>(size));
    return size;
}

// OpenSSL reads what the socket delivered; when that is all taken, it is asked to retry later.
int bioRead(BIO* bio, char* into, int size) {
    TlsStream& s = streamOf(bio);
    BIO_clear_retry_flags(bio);
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(size), s.inEnd_ - s.inBegin_);
    if (n == 0) {
        BIO_set_retry_read(bio);
        return -1;
    }
    std::memcpy(into, s.in_.get() + s.inBegin_, n);
    s.inBegin_ += n;
    return static_cast<int>(n);
}

long bioControl(BIO* bio, int command, long, void*) {
    switch (command) {
        case BIO_CTRL_FLUSH: return 1;  // written is as good as sent: the stream sends it
        case BIO_CTRL_PENDING: return static_cast<long>(streamOf(bio).inEnd_ - streamOf(bio).inBegin_);
        case BIO_CTRL_WPENDING: return static_cast<long>(streamOf(bio).pending_.size());
        default: return 0;
    }
}

int bioCreate(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD* bioMethods() {
    static BIO_METHOD* methods = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "salvo TLS stream");
        BIO_meth_set_write(m, bioWrite);
        BIO_meth_set_read(m, bioRead);
        BIO_meth_set_ctrl(m, bioControl);
        BIO_meth_set_create(m, bioCreate);
        return m;
    }();
    return methods;
}

}  // namespace

TlsStream::TlsStream(boost::asio::io_context& io, boost::asio::ssl::context& context, bool releaseIdleBuffers)
    : in_(new char[kInput]), socket_(io), ssl_(SSL_new(context.native_handle())) {
    if (!ssl_) throw boost::system::system_error(static_cast<int>(ERR_get_error()), boost::asio::error::get_ssl_category(),
                                                 "SSL_new");
    BIO* bio = BIO_new(bioMethods());
    BIO_set_data(bio, this);
    SSL_set_bio(ssl_, bio, bio);  // one BIO both ways: SSL_free frees it
    SSL_set_connect_state(ssl_);
    // A record's header and body in one read from the BIO, and as much more of what the socket
    // delivered as OpenSSL's record buffer holds, where OpenSSL would ask for the 5-byte header
    // first (~440 instructions a request). Bytes read ahead wait in OpenSSL's buffer:
    // SSL_has_pending sees them.
    SSL_set_read_ahead(ssl_, 1);
    // SSL_MODE_RELEASE_BUFFERS (Asio's stream always set it) frees a connection's record buffers
    // whenever they empty: an allocation and a free per record. With a few hundred connections a
    // thread that is the cheaper way: the buffer freed by one connection is the next one's, still
    // in cache, where each connection's own pair of 17 KB buffers is cold by the time it reads
    // again (TLS, user CPU a request against keeping them: 0.89x at 500 connections, 1.06x at 200,
    // 1.13x at 50, measured before the pool cut the allocations' ~1,250 instructions a request to
    // ~520). Worker decides (kReleaseTlsBuffersAbove).
    if (releaseIdleBuffers) SSL_set_mode(ssl_, SSL_MODE_RELEASE_BUFFERS);
}

TlsStream::~TlsStream() { SSL_free(ssl_); }

TlsStream::error_code TlsStream::sslError(int result) {
    const int kind = SSL_get_error(ssl_, result);
    const unsigned long code = ERR_get_error();
    ERR_clear_error();  // empty again: every call here relies on it (SSL_get_error reads the queue)
    namespace ssl = boost::asio::ssl;
    if (kind == SSL_ERROR_ZERO_RETURN) return boost::asio::error::eof;  // close_notify
    if (kind == SSL_ERROR_SSL) return {static_cast<int>(code), boost::asio::error::get_ssl_category()};
    if (kind == SSL_ERROR_SYSCALL)
        return code ? error_code(static_cast<int>(code), boost::asio::error::get_ssl_category())
                    : error_code(ssl::error::unspecified_system_error);
    return ssl::error::unexpected_result;  // a write that must read first: a TLS 1.2 renegotiation
}

TlsStream::error_code TlsStream::received(error_code ec, std::size_t n) {
    if (!ec) {
        inEnd_ += n;
        return ec;
    }
    if (ec != boost::asio::error::eof) return ec;
    if (SSL_get_shutdown(ssl_) & SSL_RECEIVED_SHUTDOWN) return ec;
    return boost::asio::ssl::error::stream_truncated;  // closed without close_notify
}

boost::asio::mutable_buffer TlsStream::readSpace() {
    if (inBegin_ == inEnd_) inBegin_ = inEnd_ = 0;
    if (kInput - inEnd_ < kInput / 4) {  // little room left: the unread bytes move to the front
        std::memmove(in_.get(), in_.get() + inBegin_, inEnd_ - inBegin_);
        inEnd_ -= inBegin_;
        inBegin_ = 0;
    }
    return boost::asio::buffer(in_.get() + inEnd_, kInput - inEnd_);
}

bool TlsStream::needsSocket() const { return inBegin_ == inEnd_ && !SSL_has_pending(ssl_); }

std::size_t TlsStream::decrypt(boost::asio::mutable_buffer into, error_code& ec) {
    std::size_t got = 0;
    const int r = SSL_read_ex(ssl_, into.data(), into.size(), &got);
    if (r == 1) return got;
    if (SSL_get_error(ssl_, r) == SSL_ERROR_WANT_READ) return 0;  // a record not all here, or no data in it
    ec = sslError(r);
    return 0;
}

std::size_t TlsStream::encrypt(boost::asio::const_buffer from, error_code& ec) {
    std::size_t written = 0;
    const int r = SSL_write_ex(ssl_, from.data(), std::min<std::size_t>(from.size(), 65536), &written);
    if (r != 1) ec = sslError(r);
    return r == 1 ? written : 0;
}

std::size_t TlsStream::writeNow(boost::asio::const_buffer from, error_code& ec) {
    if (!kSendNow || from.size() == 0) return 0;
    const std::size_t written = encrypt(from, ec);
    if (ec) return 0;
    const std::size_t sent = sendNow(socket_, boost::asio::buffer(pending_), ec);
    if (ec) return 0;
    if (sent == pending_.size()) pending_.clear();  // keeps its capacity for the next request
    else pending_.erase(0, sent);
    return written;
}

boost::asio::const_buffer TlsStream::takePending() {
    sending_.swap(pending_);
    return boost::asio::buffer(sending_);
}

}  // namespace salvo
