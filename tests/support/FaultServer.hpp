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
    // HTTP/2 (h2c with prior knowledge, or TLS with ALPN "h2"), served by nghttp2's server
    // session. A request is answered once it is complete (END_STREAM), whatever its method and path.
    h2Ok,           // 200 "ok\n" to every request
    h2GoawayAfter,  // answers 10 requests a connection, then GOAWAY NO_ERROR with the 10th's stream
                    // as last_stream_id; closes once those are answered; later streams get nothing
    h2RstStream,    // RST_STREAM INTERNAL_ERROR instead of every answer
    h2Refuse,       // RST_STREAM REFUSED_STREAM to a connection's 2nd, 4th, ... request; 200 "ok\n" else
    h2MaxStreams1,  // SETTINGS_MAX_CONCURRENT_STREAMS 1; answers each request 5 ms after it is complete
    h2TinyWindow,   // SETTINGS_INITIAL_WINDOW_SIZE 1024; 200 with the request body's size as its body
    h2StopReading,  // after the client's SETTINGS, never reads nor answers; it grants 2^31-1 windows,
                    // so only TCP stops an upload (requests that came with the SETTINGS are seen)
    h2HugeHeaders,  // 200 "ok\n" with ten 15 KiB fields x-huge-0 .. x-huge-9 (150 KiB; a client's
                    // HPACK decoder takes each: nghttp2 refuses a field over 64 KiB)
    h2NoReply,      // accepts every stream, never answers, keeps reading
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
    // HTTP/1.1: request heads read. HTTP/2: streams the client opened with HEADERS, those the fault
    // resets included, but not those nghttp2 refused for exceeding SETTINGS_MAX_CONCURRENT_STREAMS
    // nor, for h2GoawayAfter, those above the GOAWAY's last stream.
    std::uint64_t requestsSeen() const;
    // HTTP/2: the most streams one connection had open at once, from the client's HEADERS (also
    // those nghttp2 refused for exceeding SETTINGS_MAX_CONCURRENT_STREAMS) to the server's
    // END_STREAM, a RST_STREAM either way, or the stream's close.
    std::size_t maxConcurrentSeen() const;
    // When each request head was read, in order (steady clock).
    std::vector<std::chrono::steady_clock::time_point> arrivals() const;
    // Fault::ok: every answer not yet sent waits until `length` from now (the server stalls).
    void stall(std::chrono::milliseconds length);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace salvo::test
