// The engine's TLS stream (engine/src/TlsStream.hpp) against a server on Asio's own ssl::stream:
// bytes arrive whole in reads of any size and writes of any size, a read and a write may be
// pending together, and the ends and failures read as Asio's stream reports them.
#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <string>
#include <string_view>

#include "SendNow.hpp"
#include "TestPki.hpp"
#include "TlsBufferPool.hpp"
#include "TlsContext.hpp"
#include "TlsStream.hpp"

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using boost::system::error_code;
using salvo::TlsStream;
using tcp = asio::ip::tcp;

namespace {

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return s;
}

// A TLS server for one connection, and the client's stream connected and handshaken to it; each
// test says what the server does once its handshake is done.
struct Pair {
    asio::io_context io{1};
    ssl::context serverContext{ssl::context::tls_server};
    ssl::context clientContext{ssl::context::tls_client};
    tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
    std::unique_ptr<ssl::stream<tcp::socket>> server;
    std::unique_ptr<TlsStream> client;
    error_code clientHandshake = asio::error::would_block;
    std::function<void()> afterHandshake = [] {};  // what the client does then

    explicit Pair(std::function<void(ssl::stream<tcp::socket>&)> serve, bool trustTheCa = true,
                  bool releaseBuffers = false) {
        serverContext.use_certificate_chain_file(salvo::test::pki().goodCert);
        serverContext.use_private_key_file(salvo::test::pki().goodKey, ssl::context::pem);
        if (trustTheCa) clientContext.load_verify_file(salvo::test::pki().caFile);
        clientContext.set_verify_mode(ssl::verify_peer);
        server = std::make_unique<ssl::stream<tcp::socket>>(io, serverContext);
        acceptor.async_accept(server->next_layer(), [this, serve](error_code ec) {
            ASSERT_FALSE(ec) << ec.message();
            server->async_handshake(ssl::stream_base::server, [this, serve](error_code e) {
                if (!e) serve(*server);
            });
        });
        client = std::make_unique<TlsStream>(io, clientContext, releaseBuffers);
        client->next_layer().async_connect(acceptor.local_endpoint(), [this](error_code ec) {
            ASSERT_FALSE(ec) << ec.message();
            client->async_handshake(ssl::stream_base::client, [this](error_code e) {
                clientHandshake = e;
                if (!e) afterHandshake();
            });
        });
    }

    void run() { io.run_for(std::chrono::seconds(20)); }
};

// Reads until an error, in buffers of 1, 7 and 4096 bytes in turn, then closes (so that a server
// waiting for the client's close_notify stops waiting).
void readAll(TlsStream& s, std::string& into, error_code& end, std::size_t turn = 0) {
    static constexpr std::size_t kSizes[] = {1, 7, 4096};
    auto buffer = std::make_shared<std::string>(kSizes[turn % 3], '\0');
    s.async_read_some(asio::buffer(*buffer), [&s, &into, &end, turn, buffer](error_code ec, std::size_t n) {
        into.append(buffer->data(), n);
        if (!ec) return readAll(s, into, end, turn + 1);
        end = ec;
        error_code ignored;
        s.next_layer().close(ignored);
    });
}

}  // namespace

TEST(TlsStream, readsWhatTheServerWroteInReadsOfAnySizeThenEofAtCloseNotify) {
    const std::string sent = pattern(100'000);
    Pair pair([&](ssl::stream<tcp::socket>& server) {
        asio::async_write(server, asio::buffer(sent), [&server](error_code ec, std::size_t) {
            ASSERT_FALSE(ec);
            server.async_shutdown([](error_code) {});  // close_notify; the client never answers it
        });
    });
    std::string got;
    error_code end;
    pair.afterHandshake = [&] { readAll(*pair.client, got, end); };
    pair.run();
    EXPECT_FALSE(pair.clientHandshake) << pair.clientHandshake.message();
    EXPECT_EQ(got.size(), sent.size());
    EXPECT_TRUE(got == sent);
    EXPECT_EQ(end, asio::error::eof) << end.message();
}

// OpenSSL reads ahead: every record the socket delivered at once moves into its buffer, where the
// stream's own input no longer shows it. A record still there undecrypted is data that reached
// the connection (what HTTP/1.1 counts as unsolicited after a response), and is read next.
TEST(TlsStream, aRecordReadAheadCountsAsBufferedDataAndIsReadNext) {
    bool written = false, handshaken = false;
    std::string first(5, '\0'), second(6, '\0');
    std::size_t buffered = 99;
    error_code firstEnd = asio::error::would_block, secondEnd = asio::error::would_block;
    std::function<void()> readBoth;  // once both records wait in the client's socket
    Pair pair([&](ssl::stream<tcp::socket>& server) {
        // Corked, the two records leave in one segment, whatever Nagle or the kernel would do.
        const int fd = server.next_layer().native_handle(), on = 1, off = 0;
        ASSERT_EQ(setsockopt(fd, IPPROTO_TCP, TCP_CORK, &on, sizeof on), 0);
        asio::async_write(server, asio::buffer(std::string_view("first")), [&, fd](error_code ec, std::size_t) {
            ASSERT_FALSE(ec);
            asio::async_write(server, asio::buffer(std::string_view("second")), [&, fd](error_code e, std::size_t) {
                ASSERT_FALSE(e);
                ASSERT_EQ(setsockopt(fd, IPPROTO_TCP, TCP_CORK, &off, sizeof off), 0);
                written = true;
                readBoth();
            });
        });
    });
    readBoth = [&] {
        if (!written || !handshaken) return;
        asio::async_read(*pair.client, asio::buffer(first), [&](error_code ec, std::size_t) {
            firstEnd = ec;
            buffered = salvo::bufferedTlsData(pair.client->native_handle());
            asio::async_read(*pair.client, asio::buffer(second), [&](error_code e, std::size_t) { secondEnd = e; });
        });
    };
    pair.afterHandshake = [&] {
        handshaken = true;
        readBoth();
    };
    pair.run();
    EXPECT_FALSE(firstEnd) << firstEnd.message();
    EXPECT_EQ(first, "first");
    EXPECT_EQ(buffered, second.size());
    EXPECT_FALSE(secondEnd) << secondEnd.message();
    EXPECT_EQ(second, "second");
}

// A thread with many connections lets OpenSSL free each connection's record buffers when they
// empty (and take them again from the pool for the next record): every byte still arrives, both ways.
TEST(TlsStream, withIdleBuffersReleasedEveryByteStillArrivesBothWays) {
    const std::string toClient = pattern(100'000), toServer = pattern(70'000);
    std::string atServer(toServer.size(), '\0');
    Pair pair([&](ssl::stream<tcp::socket>& server) {
        asio::async_read(server, asio::buffer(atServer), [&](error_code ec, std::size_t) {
            ASSERT_FALSE(ec) << ec.message();
            asio::async_write(server, asio::buffer(toClient), [&server](error_code e, std::size_t) {
                ASSERT_FALSE(e);
                server.async_shutdown([](error_code) {});
            });
        });
    }, true, true);
    std::string got;
    error_code end;
    pair.afterHandshake = [&] {
        asio::async_write(*pair.client, asio::buffer(toServer), [&](error_code ec, std::size_t) {
            ASSERT_FALSE(ec) << ec.message();
            readAll(*pair.client, got, end);
        });
    };
    pair.run();
    EXPECT_TRUE(SSL_get_mode(pair.client->native_handle()) & SSL_MODE_RELEASE_BUFFERS);
    // The buffers came from the pool, made OpenSSL's allocator before main, and went back to it.
    EXPECT_TRUE(salvo::installTlsBufferPool());
    EXPECT_GT(salvo::tlsbuffers::spares(), 0u);
    EXPECT_TRUE(atServer == toServer);
    EXPECT_TRUE(got == toClient);
    EXPECT_EQ(end, asio::error::eof) << end.message();
}

TEST(TlsStream, aCloseWithoutCloseNotifyIsATruncation) {
    Pair pair([](ssl::stream<tcp::socket>& server) {
        asio::async_write(server, asio::buffer("hi", 2), [&server](error_code, std::size_t) {
            server.next_layer().shutdown(tcp::socket::shutdown_both);
        });
    });
    std::string got;
    error_code end;
    pair.afterHandshake = [&] { readAll(*pair.client, got, end); };
    pair.run();
    EXPECT_EQ(got, "hi");
    EXPECT_EQ(end, ssl::error::stream_truncated) << end.message();
}

TEST(TlsStream, writesOfAnySizeArriveWholeAndAReadMayWaitMeanwhile) {
    const std::string sent = pattern(300'000);  // more than one write_some takes (64 KiB)
    std::string atServer(sent.size(), '\0');
    Pair pair([&](ssl::stream<tcp::socket>& server) {
        asio::async_read(server, asio::buffer(atServer), [&server](error_code ec, std::size_t) {
            ASSERT_FALSE(ec) << ec.message();
            asio::async_write(server, asio::buffer("pong", 4), [](error_code, std::size_t) {});
        });
    });
    std::string reply;
    error_code readEnd;
    error_code writeEnd = asio::error::would_block;
    auto in = std::make_shared<std::string>(16, '\0');
    // The read is pending before the write starts and completes after it, as HTTP/2 does.
    pair.afterHandshake = [&] {
        pair.client->async_read_some(asio::buffer(*in), [&, in](error_code ec, std::size_t n) {
            reply.assign(in->data(), n);
            readEnd = ec;
        });
        asio::async_write(*pair.client, asio::buffer(sent), [&](error_code ec, std::size_t n) {
            writeEnd = ec;
            EXPECT_EQ(n, sent.size());
        });
    };
    pair.run();
    EXPECT_FALSE(writeEnd) << writeEnd.message();
    EXPECT_TRUE(atServer == sent);
    EXPECT_FALSE(readEnd) << readEnd.message();
    EXPECT_EQ(reply, "pong");
}

// The stream clears OpenSSL's error queue only after an error (Asio's clears it before every
// call): a failure must leave it empty, or the next call's SSL_get_error would read a stale error.
TEST(TlsStream, anUntrustedCertificateFailsInTheSslCategoryAndLeavesNoErrorQueued) {
    Pair pair([](ssl::stream<tcp::socket>&) {}, /*trustTheCa=*/false);
    pair.run();
    ASSERT_TRUE(pair.clientHandshake);
    EXPECT_EQ(pair.clientHandshake.category(), asio::error::get_ssl_category());
    EXPECT_NE(pair.clientHandshake.message().find("certificate verify failed"), std::string::npos)
        << pair.clientHandshake.message();
    EXPECT_EQ(ERR_peek_error(), 0ul);
}

// writeNow encrypts at most 64 KiB and sends the records at once. Those the socket does not take
// (the server is not reading) stay unsent(), and a write of nothing sends them, in order.
TEST(TlsStream, writeNowKeepsTheRecordsTheSocketDoesNotTakeForTheNextWrite) {
    if (!salvo::kSendNow) return;  // an io_uring build: writeNow takes nothing (SendNowTest)
    const std::string sent = pattern(8 << 20);
    std::string atServer;
    error_code writeEnd = asio::error::would_block, readEnd = asio::error::would_block;
    // The server reads once its handshake is over (it ends after the client's) and the client has
    // written, so what the client wrote waits in the socket meanwhile.
    bool serverReady = false, clientWrote = false;
    std::unique_ptr<Pair> pairOwner;
    auto read = [&] {
        if (!serverReady || !clientWrote) return;
        asio::async_read(*pairOwner->server, asio::buffer(atServer), [&](error_code ec, std::size_t) { readEnd = ec; });
    };
    pairOwner = std::make_unique<Pair>([&](ssl::stream<tcp::socket>&) {
        serverReady = true;
        read();
    });
    Pair& pair = *pairOwner;
    pair.afterHandshake = [&] {
        pair.client->next_layer().set_option(asio::socket_base::send_buffer_size(4096));
        std::size_t offset = 0;
        while (offset < sent.size() && !pair.client->unsent()) {
            error_code ec;
            const std::size_t n = pair.client->writeNow(asio::buffer(sent) + offset, ec);
            ASSERT_FALSE(ec) << ec.message();
            ASSERT_GT(n, 0u);
            ASSERT_LE(n, 65536u);
            offset += n;
        }
        ASSERT_TRUE(pair.client->unsent());
        atServer.assign(offset, '\0');
        clientWrote = true;
        read();
        asio::async_write(*pair.client, asio::buffer(sent.data() + offset, 0), [&](error_code ec, std::size_t n) {
            writeEnd = ec;
            EXPECT_EQ(n, 0u);
            EXPECT_FALSE(pair.client->unsent());
        });
    };
    pair.run();
    EXPECT_FALSE(writeEnd) << writeEnd.message();
    EXPECT_FALSE(readEnd) << readEnd.message();
    EXPECT_GT(atServer.size(), 0u);
    EXPECT_TRUE(atServer == sent.substr(0, atServer.size()));
}
