#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace salvo::test {

// A server on 127.0.0.1 that misbehaves in one chosen way on every request, over plain TCP or
// TLS, for testing that the engine survives it: bounded time, right outcome, bounded memory.
enum class Fault {
    resetMidRequest,       // reads part of the request, then resets the connection (RST)
    closeWithoutResponse,  // reads the request, closes cleanly without a byte
    garbage,               // answers with bytes that are not HTTP
    noReply,               // reads the request and never answers (keeps the socket open)
    trickle,               // sends a valid response one byte every 100 ms
    chunked,               // a valid chunked response (3 chunks), keep-alive
    shortBody,             // Content-Length 1000, sends 10 bytes, closes
    badContentLength,      // Content-Length: abc
    hugeHeader,            // one 100 KB header line (above the parser's 8 KB limit)
    hugeBody,              // a 50 MB body from one small buffer, keep-alive
    badStatus,             // "HTTP/1.1 000 OK": not a status code (found by fuzzing)
    earlyHints,            // 103 Early Hints, then the real 200, keep-alive
};

const char* faultName(Fault fault);

class FaultServer {
public:
    struct Tls {
        std::string certificateFile, keyFile;
    };
    explicit FaultServer(Fault fault, const Tls& tls = {});
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    std::string url() const;  // http(s)://127.0.0.1:PORT/
    std::uint64_t requestsSeen() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace salvo::test
