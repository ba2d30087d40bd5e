// DrainWatch: whether a read came back short of its space (the socket emptied), which spares the
// FIONREAD after each plain HTTP/1.1 response; and that the handler it wraps keeps its executor.
#include <gtest/gtest.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <string>

#include "DrainWatch.hpp"

namespace {
using boost::asio::ip::tcp;

struct Pair {
    boost::asio::io_context io;
    tcp::socket client{io}, server{io};
    Pair() {
        tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        client.connect(acceptor.local_endpoint());
        server = acceptor.accept();
    }
    // One read through the watch into at most `space` bytes.
    std::size_t readOnce(salvo::DrainWatch<tcp::socket>& watch, std::size_t space) {
        std::array<char, 256> buffer{};
        std::size_t got = 0;
        watch.async_read_some(boost::asio::buffer(buffer.data(), space),
                              [&](boost::system::error_code ec, std::size_t n) {
                                  EXPECT_FALSE(ec) << ec.message();
                                  got = n;
                              });
        io.restart();
        io.run();
        return got;
    }
};
}  // namespace

TEST(DrainWatch, aShortReadEmptiedTheSocketAndAFullOneMayNotHave) {
    Pair p;
    salvo::DrainWatch<tcp::socket> watch;
    watch.on(p.client);
    boost::asio::write(p.server, boost::asio::buffer(std::string(10, 'a')));
    EXPECT_EQ(p.readOnce(watch, 64), 10u);
    EXPECT_TRUE(watch.drained());

    boost::asio::write(p.server, boost::asio::buffer(std::string(100, 'b')));
    EXPECT_EQ(p.readOnce(watch, 64), 64u);
    EXPECT_FALSE(watch.drained()) << "a read that filled its space says nothing of what is left";
    boost::system::error_code ec;
    EXPECT_EQ(p.client.available(ec), 36u);
    EXPECT_EQ(p.readOnce(watch, 64), 36u);
    EXPECT_TRUE(watch.drained());
}

TEST(DrainWatch, anErrorIsNotDrained) {
    Pair p;
    salvo::DrainWatch<tcp::socket> watch;
    watch.on(p.client);
    p.server.close();
    std::array<char, 16> buffer{};
    bool called = false;
    watch.async_read_some(boost::asio::buffer(buffer), [&](boost::system::error_code ec, std::size_t) {
        EXPECT_EQ(ec, boost::asio::error::eof);
        called = true;
    });
    p.io.run();
    EXPECT_TRUE(called);
    EXPECT_FALSE(watch.drained());
}

// Beast's composed reads rely on their handler's executor; the wrapper must not hide it.
TEST(DrainWatch, theWrappedHandlerKeepsItsExecutor) {
    boost::asio::io_context io;
    auto strand = boost::asio::make_strand(io);
    bool drained = false;
    auto bound = boost::asio::bind_executor(strand, [](boost::system::error_code, std::size_t) {});
    const salvo::DrainCompletion<decltype(bound)> completion{bound, &drained, 8};
    EXPECT_TRUE(boost::asio::get_associated_executor(completion, io.get_executor()) == strand);
}
