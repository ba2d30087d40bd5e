#pragma once

#include <chrono>
#include <cstdint>
#include <vector>
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
    dropSecondRequest,     // answers a connection's first request, closes silently on its second
    answerTwice,           // two complete responses to every request, in one write
    bytesAfterResponse,    // a complete response followed by stray bytes, in one write
    bodyAfter204,          // 204 No Content followed by a body it may not have
    strayRecord,           // a response of exactly 16 KiB, then stray bytes: over TLS, a record of their own
    bigCookie,             // a valid response with a 16 KB Set-Cookie header
    manyHeaders,           // a valid response with 500 header fields
    ok,                    // a valid response, keep-alive: well behaved until stall() is called
    closeWhenIdle,         // a valid response, then closes the connection if no request comes within 100 ms
};

const char* faultName(Fault fault);

class FaultServer {
public:
    struct Tls {
        std::string certificateFile, keyFile;
        bool requireClientCertificate = false;  // refuse clients that send none
        bool tls12Only = false;                 // else TLS 1.2 or 1.3, as negotiated
        bool requestClientCertificate = false;  // ask for one, but accept clients without
        std::string clientCaFile = {};          // trust client certificates this CA signed
    };
    explicit FaultServer(Fault fault) : FaultServer(fault, Tls{}) {}
    FaultServer(Fault fault, const Tls& tls);
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    std::string url() const;  // http(s)://127.0.0.1:PORT/
    std::uint64_t requestsSeen() const;
    // When each request head was read, in order (steady clock).
    std::vector<std::chrono::steady_clock::time_point> arrivals() const;
    // Fault::ok: every answer not yet sent waits until `length` from now (the server stalls).
    void stall(std::chrono::milliseconds length);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace salvo::test
