#pragma once

#include <string>
#include <utility>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The request as bytes on the wire. Built once per run and written as-is for every request.
// Written by hand rather than through Beast's message: validate() has checked every piece, and
// Beast's field storage throws on values it cannot hold (64 KB), which no input may reach.
std::string serializeRequest(const RunSpec& spec);  // the run's one request
// One of the run's requests (RunSpec::requestList()) to `requestTarget` on the run's host: its
// first hop, or a redirect's next; `asGet`: as a GET without the body (after 303, or 301/302
// answering a POST). The run gives the host, basic auth and keep-alive.
std::string serializeRequest(const RunSpec& spec, const RequestSpec& request, const std::string& requestTarget,
                             bool asGet);

// The same request as HTTP/2 header fields (RFC 9113 8.3): :method, :scheme, :authority and
// :path first, names in lower case, without the fields HTTP/2 forbids (Connection, Keep-Alive,
// Transfer-Encoding, Upgrade, Host: its value becomes :authority).
std::vector<std::pair<std::string, std::string>> http2Fields(const RunSpec& spec, const RequestSpec& request,
                                                             const std::string& requestTarget, bool asGet);

// RFC 9110 9.2.2: a request that may be sent again without changing the outcome. Only these
// are retried when a reused connection turns out to be closed (RFC 9112 9.3.1).
bool isIdempotent(const std::string& method);

}  // namespace salvo
