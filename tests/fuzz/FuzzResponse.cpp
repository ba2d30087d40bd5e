// libFuzzer: bytes from a server -> the engine's response parser -> one counted outcome.
// The first byte picks how the bytes are split into reads, as a network would split them, and
// (top bit) whether they answer a HEAD request, whose response has no body. And the quick head
// (ResponseHead.hpp): whenever it reads the bytes' head, Beast must read the same.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <boost/asio/buffer.hpp>
#include <cstdlib>
#include <string>

#include "DiscardingParser.hpp"
#include "ErrorText.hpp"
#include "QuickHeadOracle.hpp"
#include "ResponseHead.hpp"
#include "salvo/Tally.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t step = 1 + data[0] % 64;
    const bool head = (data[0] & 0x80) != 0;
    const char* bytes = reinterpret_cast<const char*>(data) + 1;
    const std::size_t total = size - 1;

    namespace http = boost::beast::http;
    constexpr std::uint32_t kHeaderLimit = 8192;  // small, so the fuzzer reaches it
    salvo::DiscardingParser parser(kHeaderLimit, head);
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    for (std::size_t fed = 0; fed < total && !parser.is_done() && !ec;) {
        const std::size_t n = std::min(step, total - fed);
        buffer.commit(boost::asio::buffer_copy(buffer.prepare(n), boost::asio::buffer(bytes + fed, n)));
        fed += n;
        for (;;) {  // parse as much as this read allows, as http::async_read does
            const std::size_t used = parser.put(buffer.data(), ec);
            buffer.consume(used);
            if (ec == http::error::need_more) ec = {};
            if (ec || parser.is_done() || used == 0) break;
        }
    }
    // The server closed. As http::async_read does: nothing at all is end_of_stream (put_eof
    // requires got_some()), otherwise the parser decides whether the message was complete.
    if (!ec && !parser.is_done()) {
        if (parser.got_some()) parser.put_eof(ec);
        else ec = http::error::end_of_stream;
    }

    salvo::QuickHead quick;
    std::string location;
    if (salvo::scanQuickHead({bytes, total}, kHeaderLimit, quick, &location) &&
        !salvo::test::quickHeadDisagreement({bytes, total}, kHeaderLimit, quick, &location).empty())
        std::abort();

    salvo::Tally tally;
    if (!ec && parser.is_done()) {
        if (parser.status() < 100 || parser.status() > 599) std::abort();  // engine rejects the rest
        tally.recordResponse(parser.status(), total, 1000);
    } else {
        if (!ec) ec = boost::beast::http::error::partial_message;
        const auto kind = salvo::classifyReadError(ec);
        tally.recordError(kind, salvo::describeRequestError(ec, kind, parser.got_some(), kHeaderLimit));
    }
    if (tally.completed() != 1) std::abort();  // every response ends exactly once
    return 0;
}
