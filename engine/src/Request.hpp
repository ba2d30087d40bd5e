#pragma once

#include <string>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The request as bytes on the wire. Built once per run and written as-is for every request.
// Written by hand rather than through Beast's message: validate() has checked every piece, and
// Beast's field storage throws on values it cannot hold (64 KB), which no input may reach.
std::string serializeRequest(const RunSpec& spec);
// The same request to another target on the same host (a redirect's next hop); `asGet`: as a
// GET without the body (after 303, or 301/302 answering a POST).
std::string serializeRequest(const RunSpec& spec, const std::string& requestTarget, bool asGet);

// RFC 9110 9.2.2: a request that may be sent again without changing the outcome. Only these
// are retried when a reused connection turns out to be closed (RFC 9112 9.3.1).
bool isIdempotent(const std::string& method);

}  // namespace salvo
