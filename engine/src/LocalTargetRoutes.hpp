#pragma once

#include <atomic>
#include <boost/beast/core/string.hpp>
#include <chrono>
#include <cstdint>
#include <string>

namespace salvo {

struct LocalTargetCounters {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> connections{0};
};

// What LocalTarget sends back for one request.
struct Reply {
    int status = 200;
    std::string body;
    std::uint64_t fillerBytes = 0;  // more body bytes, sent after `body` from a shared buffer
    std::chrono::milliseconds delay{0};
    bool close = false;             // send "Connection: close" and close after the reply
    std::string location;           // a redirect's Location
};

Reply routeRequest(boost::beast::string_view target, bool keepAlive);
std::string formatReplyHead(const Reply& reply);
const std::string& fillerChunk();

}  // namespace salvo
