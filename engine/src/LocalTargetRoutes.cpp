#include "LocalTargetRoutes.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <charconv>

namespace salvo {
namespace {

constexpr std::uint64_t kMaxBytes = 256ull << 20;
constexpr std::uint64_t kMaxDelayMs = 600'000;

// "/prefix/N" -> N, when the target starts with prefix and N is a whole number.
bool numberAfter(boost::beast::string_view target, boost::beast::string_view prefix, std::uint64_t& n) {
    if (!target.starts_with(prefix)) return false;
    const auto rest = target.substr(prefix.size());
    const auto end = rest.data() + rest.size();
    const auto [ptr, ec] = std::from_chars(rest.data(), end, n);
    return ec == std::errc() && (ptr == end || *ptr == '?');
}

}  // namespace

Reply routeRequest(boost::beast::string_view target, bool keepAlive) {
    Reply reply;
    reply.close = !keepAlive;
    std::uint64_t n = 0;
    if (target == "/" || target.starts_with("/?")) {
        reply.body = "Hello from Salvo\n";
    } else if (numberAfter(target, "/status/", n) && n >= 200 && n <= 599) {
        reply.status = static_cast<int>(n);
        reply.body = "status " + std::to_string(n) + "\n";
    } else if (numberAfter(target, "/bytes/", n)) {
        reply.fillerBytes = std::min(n, kMaxBytes);
    } else if (numberAfter(target, "/delay/", n)) {
        reply.delay = std::chrono::milliseconds(std::min(n, kMaxDelayMs));
        reply.body = "waited " + std::to_string(n) + " ms\n";
    } else if (numberAfter(target, "/redirect/", n)) {  // a chain of n redirects, then 200
        reply.status = n == 0 ? 200 : 302;
        if (n > 0) reply.location = "/redirect/" + std::to_string(n - 1);
        reply.body = n == 0 ? "redirected here\n" : "moved\n";
    } else if (target == "/loop/a" || target == "/loop/b") {  // a -> b -> a ...
        reply.status = 307;
        reply.location = target == "/loop/a" ? "b" : "/loop/a";
    } else if (target == "/away") {
        reply.status = 301;
        reply.location = "http://elsewhere.invalid/";
    } else if (target == "/close") {
        reply.body = "closing\n";
        reply.close = true;
    } else {
        reply.status = 404;
        reply.body = "not found\n";
    }
    return reply;
}

std::string formatReplyHead(const Reply& reply) {
    const auto reason = boost::beast::http::obsolete_reason(
        static_cast<boost::beast::http::status>(reply.status));
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + std::string(reason) + "\r\n";
    head += "Server: salvo-local-target\r\nContent-Type: text/plain\r\n";
    head += "Content-Length: " + std::to_string(reply.body.size() + reply.fillerBytes) + "\r\n";
    if (reply.close) head += "Connection: close\r\n";
    if (!reply.location.empty()) head += "Location: " + reply.location + "\r\n";
    head += "\r\n";
    return head;
}

const std::string& fillerChunk() {
    static const std::string chunk(64 * 1024, 'x');
    return chunk;
}

}  // namespace salvo
