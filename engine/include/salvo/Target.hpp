#pragma once

#include <cstdint>
#include <string>

namespace salvo {

// Where requests go: a URL parsed and checked once (see parseTarget in RunSpec.hpp).
struct Target {
    enum class Scheme { http, https };

    Scheme scheme = Scheme::http;
    std::string host;           // as used to connect: no brackets around IPv6 literals
    std::uint16_t port = 80;    // explicit or the scheme's default
    std::string requestTarget;  // origin-form: path (at least "/") plus "?query"; no fragment
    std::string hostHeader;     // value of the Host header: brackets for IPv6, port if not default
    bool hostIsIpAddress = false;

    bool isTls() const { return scheme == Scheme::https; }
    std::string url() const;  // normalized form, for reports
};

}  // namespace salvo
