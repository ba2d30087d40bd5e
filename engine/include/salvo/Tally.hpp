#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "salvo/ErrorKind.hpp"
#include "salvo/LatencyHistogram.hpp"

namespace salvo {

// How a response fared against the run's checks: `failure` says why it failed one (kind
// "check"); `expected`: its status is one the checks list, so it succeeds even if >= 400.
struct CheckVerdict {
    const std::string* failure = nullptr;
    bool expected = false;
};

// The counts for a stretch of a run: one interval's delta, one worker's share, or a whole run.
// merge() is associative and commutative, so deltas from any number of intervals and threads
// add up to the same totals in any order (all but which error messages are kept by name once a
// kind has more than kMessagesPerKind: their counts still add up, under "(other messages)").
struct Tally {
    static constexpr std::size_t kSamplesPerKind = 3;  // first distinct messages kept per kind

    std::uint64_t sent = 0;           // requests whose first byte was written (counted when written)
    std::uint64_t late = 0;           // of those, written more than 1 ms after their due time
    std::uint64_t succeeded = 0;      // requests answered with status < 400 (or an expected status)
    std::uint64_t failed = 0;         // requests that ended in any error, status >= 400 included
    std::uint64_t bytesReceived = 0;  // response bytes on the wire: status line, headers, body
    // Requests sent a second time because a reused connection closed before any answer came
    // (idempotent methods only, at most once each). The server may have seen both sends.
    std::uint64_t retried = 0;
    // Connections closed because the server sent bytes while no request was outstanding (a
    // second answer, a body after 204/HEAD). Not requests: the request before was counted.
    std::uint64_t unsolicited = 0;
    // HTTP/2: GOAWAY frames from the server (a connection event; what it refused is retried).
    std::uint64_t goaways = 0;
    // Open model: connects that failed while the connection held no request (opened ahead of
    // the schedule). Not requests: the due requests wait, or are dropped at the end.
    std::uint64_t connectFailures = 0;
    std::map<int, std::uint64_t> statusCounts;           // status code -> responses
    std::array<std::uint64_t, kErrorKindCount> errors{};  // by ErrorKind
    std::vector<std::string> errorSamples;                // "kind: message", distinct, capped
    // Every failure (and connection event above) counted by kind and message, exactly: (kind,
    // message) -> count; a failing status is ("status", "503"). At most kMessagesPerKind
    // distinct messages of each kind; later new ones are counted under (kind, kOtherMessages),
    // so a message that varies per request cannot grow the map, nor crowd out other kinds.
    static constexpr std::size_t kMessagesPerKind = 8;
    static constexpr const char* kOtherMessages = "(other messages)";
    std::map<std::pair<std::string, std::string>, std::uint64_t> errorMessages;
    // Of completed responses (any status), ns. With a rate, `latency` counts from the due time
    // (coordinated omission corrected), `serviceTime` from the write, and `lag` is write - due.
    // Without a rate there is no due time: only `latency` is kept, and it is the service time.
    LatencyHistogram latency;
    LatencyHistogram serviceTime;
    LatencyHistogram lag;
    // Where the time goes (hey's and oha's breakdown), ns. For new connections: resolving the
    // host (once per engine thread: it is resolved once and reused), the TCP connect, the TLS
    // handshake. For every response: the first byte, from the write to the response head.
    LatencyHistogram dns;
    LatencyHistogram connect;
    LatencyHistogram tlsHandshake;
    LatencyHistogram firstByte;

    std::uint64_t completed() const { return succeeded + failed; }
    std::uint64_t errorCount(ErrorKind kind) const {
        return errors[static_cast<std::size_t>(kind)];
    }

    void recordResponse(int status, std::uint64_t bytes, std::uint64_t latencyNanos, CheckVerdict checked = {});
    // An open-model response: latency from the due time, service time from the write.
    void recordTimedResponse(int status, std::uint64_t bytes, std::uint64_t latencyNanos,
                             std::uint64_t serviceNanos, CheckVerdict checked = {});
    void recordSent(std::uint64_t lagNanos);  // open model: one request written, lag after its due time
    void recordSent() { ++sent; }             // closed model
    // A failed request; `message` is kept only while few samples of this kind are held.
    void recordError(ErrorKind kind, const std::string& message);
    void recordUnsolicited(const std::string& message);
    void recordGoaway(const std::string& message);
    void recordConnectFailure(ErrorKind kind, const std::string& message);
    void merge(const Tally& other);
    void clear();

private:
    void addSample(const std::string& sample);
    void countMessage(const std::string& kind, const std::string& message, std::uint64_t n = 1);
};

}  // namespace salvo
