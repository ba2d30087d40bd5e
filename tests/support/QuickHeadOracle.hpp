#pragma once

// The oracle for the quick response head (engine/src/ResponseHead.hpp): Beast's parser, which
// reads every response the quick scan turns down. A head the scan accepts must mean to Beast
// exactly what it meant to the scan. Used by ResponseHeadTest and by FuzzResponse on every input.
#include <boost/asio/buffer.hpp>
#include <string>
#include <string_view>

#include "DiscardingParser.hpp"
#include "ResponseHead.hpp"

namespace salvo::test {

// Empty when Beast, given the same bytes and head limit, parses the head scanQuickHead accepted
// as `head` (and `location`, when it was asked for) to the same end, status, length, keep-alive
// and Location without an error; otherwise what differs.
inline std::string quickHeadDisagreement(std::string_view bytes, std::size_t limit, const QuickHead& head,
                                         const std::string* location) {
    DiscardingParser parser(static_cast<std::uint32_t>(limit), false);
    std::string beastLocation;
    if (location) parser.keepLocation(&beastLocation);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (!ec && !parser.is_header_done() && used < bytes.size()) {
        const std::size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
        if (n == 0) break;
        used += n;
    }
    if (ec && ec != boost::beast::http::error::need_more) return "Beast refused the head: " + ec.message();
    if (!parser.is_header_done()) return "Beast did not finish the head";
    if (used != head.size) return "the head ends at " + std::to_string(used) + " for Beast, " + std::to_string(head.size) + " here";
    if (parser.status() != head.status) return "status " + std::to_string(parser.status()) + " for Beast";
    if (parser.chunked() || !parser.content_length() || *parser.content_length() != head.contentLength)
        return "Beast frames the body otherwise";
    if (parser.keep_alive() != head.keepAlive) return "keep-alive differs";
    if (location && beastLocation != *location) return "Location '" + beastLocation + "' for Beast";
    return {};
}

}  // namespace salvo::test
