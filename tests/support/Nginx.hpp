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
// itself refuses TRACE with 405), except /redirect (302 to "/") and /bigheader (200 "ok\n" with a
// 20,000-byte X-Big header). Its access log has one "METHOD STATUS" line per request, so a test
// can check Salvo's counts against what the server saw.
class Nginx {
public:
    // A second server on its own port speaks TLS with `certFile`/`keyFile`; with `clientCaFile`
    // it requires a client certificate signed by that CA (nginx answers 400 without one).
    struct Tls {
        std::string certFile, keyFile;
        std::string clientCaFile;
    };

    struct Options {
        std::optional<Tls> tls;        // the second server, on tlsUrl()
        bool h2c = false;              // the plain server speaks HTTP/2 with prior knowledge only
        bool tlsHttp2 = false;         // the TLS server offers h2 and http/1.1 by ALPN
        int maxConcurrentStreams = 0;  // http2_max_concurrent_streams; 0: nginx's default, 128
        // keepalive_requests: a connection's last request (HTTP/2: nginx sends GOAWAY after it);
        // 0: 1,000,000.
        int keepaliveRequests = 0;
    };

    Nginx() : Nginx(Options{}) {}
    explicit Nginx(const Tls& tls) : Nginx(Options{.tls = tls}) {}
    explicit Nginx(const Options& options);
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
    // The plain server's "METHOD STATUS PROTOCOL" lines ("GET 200 HTTP/2.0", "GET 200 HTTP/1.1").
    std::vector<std::string> protocolLog(std::size_t expected) const;
    // The same for the TLS server.
    std::vector<std::string> tlsProtocolLog(std::size_t expected) const;

private:
    bool start(const Options& options);  // false: nginx exited or never listened
    std::vector<std::string> logLines(const char* file, std::size_t expected) const;
    std::string dir_;
    std::uint16_t port_ = 0;
    std::uint16_t tlsPort_ = 0;
    std::unique_ptr<Subprocess> process_;
};

}  // namespace salvo::test
