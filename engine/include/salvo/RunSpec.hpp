#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "salvo/Target.hpp"

namespace salvo {

// What a person typed (window fields or CLI flags), before any checking.
// Both front ends fill this in, so both get the same checks and the same messages.
struct RunInput {
    std::string url;
    std::string count = "200";
    std::string connections;  // empty: min(count, 50)
    std::string timeoutSeconds = "30";
    std::string threads = "1";
    std::string method = "GET";
    std::vector<std::string> headers;  // "Name: value"
    std::string body;
    std::string caFile;
    bool insecure = false;
    std::string maxHeaderSize = "100k";  // largest response head accepted: bytes, or with k / m
};

struct TlsOptions {
    bool verify = true;  // certificate chain and host name
    std::string caFile;  // extra trusted CA (PEM); the system store is always used too
    std::string caPem;   // that file's contents, read once by validate(): never opened again
};

// A run, ready to go: every field has been checked by validate().
struct RunSpec {
    Target target;
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::uint64_t count = 1;     // exactly this many requests are sent and counted
    std::uint32_t connections = 1;
    std::uint32_t threads = 1;   // engine threads, each with its own connections
    std::chrono::milliseconds timeout{30'000};  // per request, and per connect/handshake
    TlsOptions tls;
    std::uint32_t maxHeaderBytes = 100 * 1024;  // a longer response head is a protocol error
};

// Which input a message is about, so the window can show it beside the right field.
// The order is the form's: fields after `connections` sit under "Advanced options".
enum class Field { url, count, connections, timeout, threads, method, headers, body, caFile, maxHeaderSize };
const char* fieldName(Field field);

struct FieldError {
    Field field;
    std::string message;
};

struct Validation {
    RunSpec spec;                    // meaningful only when ok()
    std::vector<FieldError> errors;  // in field order; empty when the input is valid
    bool ok() const { return errors.empty(); }
};

// Limits a person can reach by typing; documented in the README.
inline constexpr std::uint64_t kMaxCount = 1'000'000'000'000ULL;  // 10^12 requests
inline constexpr std::uint32_t kMaxConnections = 100'000;
inline constexpr std::uint32_t kMaxThreads = 64;
inline constexpr std::uint32_t kDefaultConnectionCap = 50;
inline constexpr double kMaxTimeoutSeconds = 3600;
inline constexpr double kMinTimeoutSeconds = 0.001;  // deadlines are kept in whole milliseconds
// What the request builder and the wire can carry. Far above what servers accept (nginx takes
// 8 KB header lines by default), so a person can still test how a server refuses big requests.
inline constexpr std::size_t kMaxUrlBytes = 64 * 1024;
inline constexpr std::size_t kMaxHostBytes = 253;           // a DNS name (RFC 1035 2.3.4)
inline constexpr std::size_t kMaxMethodBytes = 64;
inline constexpr std::size_t kMaxHeaderNameBytes = 1024;
inline constexpr std::size_t kMaxHeaderValueBytes = 256 * 1024;
inline constexpr std::size_t kMaxHeaderCount = 1000;
inline constexpr std::uint64_t kMinHeaderLimit = 1024;      // response head limit, bytes
inline constexpr std::uint64_t kMaxHeaderLimit = 64ull << 20;
inline constexpr std::uint64_t kMaxCaFileBytes = 16ull << 20;

Validation validate(const RunInput& input);

// Parses and checks a URL; on failure returns false and sets `message`.
bool parseTarget(const std::string& url, Target& target, std::string& message);

}  // namespace salvo
