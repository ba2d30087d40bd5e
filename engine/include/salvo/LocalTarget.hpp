#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace salvo {

// A small HTTP/1.1 server on 127.0.0.1 with a port the OS picks, on its own thread: the app's
// built-in target for a first try, and the server the tests run against. Routes:
//   /               200 "Hello from Salvo\n"
//   /status/N       status N (100..599 is not enforced beyond 200..599), short body
//   /bytes/N        200 with N body bytes (N up to 256 MiB), sent in 64 KiB pieces
//   /delay/MS       200 after MS milliseconds
//   /close          200 with "Connection: close", then the server closes the connection
//   /redirect/N     a chain of N redirects (302 to /redirect/N-1), then 200
//   /loop/a         307 to /loop/b, which redirects back: a loop
//   /away           301 to another host
class LocalTarget {
public:
    struct Options {
        std::string certificateFile;  // PEM; with keyFile, the server speaks TLS
        std::string keyFile;
    };

    LocalTarget();
    explicit LocalTarget(const Options& options);  // listening when the constructor returns
    ~LocalTarget();                                // stops and joins its thread
    LocalTarget(const LocalTarget&) = delete;
    LocalTarget& operator=(const LocalTarget&) = delete;

    std::uint16_t port() const;
    std::string url(const std::string& path = "/") const;  // http(s)://127.0.0.1:PORT/path
    std::uint64_t requestsServed() const;  // complete requests read, over all connections
    std::uint64_t connectionsAccepted() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace salvo
