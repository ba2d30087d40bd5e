#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// 301, 302, 303, 307 and 308: the statuses that send a client elsewhere with Location.
inline bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The next hop of a redirect chain, or why it is not followed.
struct RedirectHop {
    std::string error;          // non-empty: not followed ("to another host: http://b/")
    std::string requestTarget;  // origin-form on the same scheme, host and port
    bool asGet = false;         // 303, or 301/302 after a POST: the next request is a GET without a body
};

// Resolves `location` against the request target just answered (RFC 9110 10.2.2; relative
// references allowed). Only the same scheme, host and port are followed: a run has one target.
RedirectHop nextHop(const Target& target, const std::string& answered, const std::string& method, int status,
                    std::string_view location);

// One request's redirect chain on a connection: where it has been and what to send next. Its
// buffers are reused from chain to chain.
struct RedirectChain {
    std::uint32_t hops = 0;
    std::vector<std::string> visited;  // the request targets answered so far, the first included
    std::string request;               // the next hop's bytes; empty: no chain under way
    bool asGet = false;                // an earlier hop turned the request into a GET
    std::uint64_t bytes = 0;           // response bytes of the hops so far
    std::chrono::steady_clock::time_point firstByte{};  // the first hop's

    bool active() const { return !request.empty(); }
    void reset() {
        hops = 0;
        visited.clear();
        request.clear();
        asGet = false;
        bytes = 0;
        firstByte = {};
    }
};

// After a redirect response: the chain moves on (returns "", chain.request holds the next
// hop), or the reason it ends, named: too many hops, a loop, another host, no Location.
// `request`: the one of the run's requests this chain started from.
std::string advance(RedirectChain& chain, const RunSpec& spec, const RequestSpec& request, int status,
                    std::string_view location);

}  // namespace salvo
