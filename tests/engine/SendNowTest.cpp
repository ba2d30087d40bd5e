// sendNow (engine/src/SendNow.hpp): a request goes to the socket in one call, outside Asio, and
// what the socket does not take goes with an asynchronous write. A full socket is not an error, a
// reset peer is one (and no SIGPIPE), and bodies larger than the socket takes arrive whole at nginx.
#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <string>

#include "Nginx.hpp"
#include "SendNow.hpp"
#include "Specs.hpp"
#include "TestPki.hpp"
#include "salvo/Runner.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

struct Pair {
    asio::io_context io;
    salvo::Socket client{io};
    tcp::socket server{io};
    Pair() {
        tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        client.connect(acceptor.local_endpoint());
        server = acceptor.accept();
    }
};

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return s;
}

}  // namespace

TEST(SendNow, whatTheSocketTakesGoesAtOnceAndAFullSocketIsNoError) {
    Pair pair;
    error_code ec;
    if (!salvo::kSendNow) {  // an io_uring build: every write is Asio's
        EXPECT_EQ(salvo::sendNow(pair.client, asio::buffer("GET", 3), ec), 0u);
        EXPECT_FALSE(ec);
        return;
    }
    pair.client.set_option(asio::socket_base::send_buffer_size(4096));
    const std::string sent = pattern(8 << 20);  // far more than both sockets' buffers hold
    std::size_t offset = salvo::sendNow(pair.client, asio::buffer(sent.data(), 100), ec);
    EXPECT_EQ(offset, 100u);  // a request's worth: all of it, in the one call
    std::size_t last = 1;
    while (!ec && last && offset < sent.size()) {  // nobody reads: the socket fills
        last = salvo::sendNow(pair.client, asio::buffer(sent) + offset, ec);
        offset += last;
    }
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(last, 0u);
    EXPECT_LT(offset, sent.size());
    std::string got(offset, '\0');
    asio::read(pair.server, asio::buffer(got), ec);
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_TRUE(got == sent.substr(0, offset));
}

TEST(SendNow, aResetPeerIsAnErrorAndNoSignal) {
    if (!salvo::kSendNow) return;  // an io_uring build: sendNow sends nothing (the test above)
    Pair pair;
    pair.server.set_option(asio::socket_base::linger(true, 0));
    pair.server.close();  // with linger 0: a reset, not a close
    error_code ec;
    const std::string bytes = pattern(1000);
    for (int i = 0; i < 100 && !ec; ++i) salvo::sendNow(pair.client, asio::buffer(bytes), ec);
    ASSERT_TRUE(ec);  // and the process is still here: no SIGPIPE
    EXPECT_EQ(ec.category(), boost::system::system_category());
    EXPECT_TRUE(ec == asio::error::connection_reset || ec == asio::error::broken_pipe) << ec.message();
}

// An 8 MiB body is more than a loopback socket takes at once (its send buffer grows to 4 MiB at
// most), so the rest goes with Asio's write; over TLS, 64 KiB of plaintext at a time. nginx logs
// a request once it has read its body whole, and a body cut short or sent twice would not be 200.
TEST(SendNow, bodiesLargerThanTheSocketTakesArriveWholeWithAndWithoutTls) {
    using namespace salvo;
    test::Nginx nginx(test::Nginx::Tls{test::pki().goodCert, test::pki().goodKey});
    for (const bool tls : {false, true}) {
        SCOPED_TRACE(tls ? "TLS" : "plain");
        RunInput in;
        in.url = tls ? nginx.tlsUrl() : nginx.url();
        in.caFile = tls ? test::pki().caFile : "";
        in.method = "PUT";
        in.body = pattern(8 << 20);
        in.count = "6";
        in.connections = "2";
        in.timeoutSeconds = "30";
        const Validation v = validate(in);
        ASSERT_TRUE(v.ok());
        const RunResult r = runBlocking(v.spec);
        EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
        EXPECT_EQ(r.total.succeeded, 6u);
        EXPECT_EQ(r.total.failed, 0u);
        const auto log = tls ? nginx.tlsLog(6) : nginx.accessLog(6);
        EXPECT_EQ(log.size(), 6u);
        for (const auto& line : log) EXPECT_EQ(line.rfind("PUT 200", 0), 0u) << line;
    }
}
