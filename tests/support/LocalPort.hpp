#pragma once

#include <cstdint>

namespace salvo::test {

// A TCP port on 127.0.0.1 that was free a moment ago, for a server started as a child process.
std::uint16_t freePort();

// Whether something on 127.0.0.1:`port` accepts a TCP connection now.
bool acceptsConnections(std::uint16_t port);

}  // namespace salvo::test
