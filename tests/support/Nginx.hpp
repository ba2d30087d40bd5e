#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Subprocess.hpp"

namespace salvo::test {

// A real nginx (Debian's /usr/sbin/nginx) on 127.0.0.1, started by the test that needs it, with
// its own prefix in a temporary folder. Every location answers 200 "ok\n" for any method (nginx
// itself refuses TRACE with 405). Its access log has one "METHOD STATUS" line per request, so a
// test can check Salvo's counts against what the server saw.
class Nginx {
public:
    // A second server on its own port speaks TLS with `certFile`/`keyFile`; with `clientCaFile`
    // it requires a client certificate signed by that CA (nginx answers 400 without one).
    struct Tls {
        std::string certFile, keyFile;
        std::string clientCaFile;
    };

    Nginx();
    explicit Nginx(const Tls& tls);
    ~Nginx();
    Nginx(const Nginx&) = delete;
    Nginx& operator=(const Nginx&) = delete;

    std::string url(const std::string& path = "/") const;
    std::string tlsUrl(const std::string& path = "/") const;  // https://127.0.0.1:PORT (with Tls only)
    // The access log's lines once it holds at least `expected` of them (nginx writes a line just
    // after the response, so a client can finish first); waits at most 10 s, then returns what is there.
    std::vector<std::string> accessLog(std::size_t expected) const;
    // The same, one "METHOD REQUEST-URI STATUS" line per request ("POST /login?next=1 200").
    std::vector<std::string> uriLog(std::size_t expected) const;
    // The TLS server's: "METHOD STATUS CLIENT-VERIFY" ("GET 200 SUCCESS", "GET 400 NONE").
    std::vector<std::string> tlsLog(std::size_t expected) const;

private:
    explicit Nginx(const std::optional<Tls>& tls);
    std::vector<std::string> logLines(const char* file, std::size_t expected) const;
    std::string dir_;
    std::uint16_t port_ = 0;
    std::uint16_t tlsPort_ = 0;
    std::unique_ptr<Subprocess> process_;
};

}  // namespace salvo::test
