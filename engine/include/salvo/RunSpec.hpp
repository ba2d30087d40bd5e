#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <functional>
#include <optional>

#include "salvo/LoadPlan.hpp"
#include "salvo/Target.hpp"
#include "salvo/Threshold.hpp"

namespace salvo {

// One of several requests a run sends in turn (a plan's [[requests]]). A field left unset takes
// the run's value (a plan's [request]); headers add to the run's, one of the same name replacing it.
struct NamedRequestInput {
    std::string name;    // how reports and {request:NAME} thresholds call it; empty: "METHOD /path"
    std::string url;     // "/path?query" on the run URL's scheme, host and port, or a whole URL
                         // there (another host is refused); empty: the run's URL
    std::optional<std::string> method, body, bodyFile, contentType;
    std::vector<std::string> headers;  // "Name: value"
    std::optional<std::string> expectStatus, expectBody, expectBodyRegex;
    std::string weight;  // how often, relative to the others (a whole number); empty: 1
    bool operator==(const NamedRequestInput&) const = default;
};

// What a person typed (window fields or CLI flags), before any checking.
// Both front ends fill this in, so both get the same checks and the same messages.
struct RunInput {
    std::string url;
    std::string count;        // empty: 200, unless a duration or stages end the run
    std::string connections;  // empty: min(count, 50); in the open model, opened at the start
    std::string timeoutSeconds = "30";
    std::string threads = "1";
    std::string method = "GET";
    std::vector<std::string> headers;  // "Name: value"
    std::string body;
    std::string bodyFile;     // the body from this file instead (read at each validate(); sent as is)
    std::string contentType;  // sent as Content-Type
    std::string basicAuth;    // "USER:PASS", sent as Authorization: Basic; never kept in records
    bool keepAlive = true;    // false: a new connection for every request (Connection: close)
    std::vector<std::string> connectTo;  // "HOST:PORT:ADDR:PORT" (curl's --connect-to)
    std::string redirects;       // follow up to this many redirects (same host only); empty: 0
    std::string expectStatus;    // "200", "200,201", "2xx", "200-299": what counts as passing
    std::string expectBody;      // the body must contain this text
    std::string expectBodyRegex; // the body (its first 256 KiB) must match this regular expression
    std::string caFile;
    std::string clientCert;   // PEM certificate (chain) for mTLS...
    std::string clientKey;    // ...and its private key (PEM); empty: the certificate file holds it
    bool insecure = false;
    std::string maxHeaderSize = "100k";  // largest response head accepted: bytes, or with k / m
    // Load model (README: "Load models"). Durations: "500ms", "30s", "5m", "1h"; bare numbers are seconds.
    std::string duration;      // empty: no time limit
    std::string rate;          // total requests/s; empty: closed model, as fast as responses come
    std::vector<std::string> stages;  // "DURATION:RATE", ramping linearly from the previous target
    std::string startRate;     // where the first stage ramps from; empty: 0
    std::string maxConnections;  // open model: pool ceiling; empty: see defaultMaxConnections
    std::string warmup;        // empty: none
    std::string grace;         // empty: 5 s (never more than the timeout)
    std::string arrival;       // "uniform" (empty) or "poisson"
    std::string seed;          // poisson arrivals; empty: 1
    // Pass/fail gates (Threshold.hpp); judged live and at the end.
    std::vector<ThresholdInput> thresholds;
    // Several requests (plans only): each due request is one of these, by weight. Empty: the
    // one request that url, method, headers and body describe.
    std::vector<NamedRequestInput> requests;
    // The protocol: "1.1" (empty), "2" (HTTP/2 over TLS, chosen by ALPN; no fallback), "auto"
    // (HTTP/2 if the server offers it, else HTTP/1.1, said in the report) or "h2c" (HTTP/2 over
    // plain TCP with prior knowledge).
    std::string httpVersion;
    std::string streams;  // HTTP/2: concurrent streams per connection; empty: 1
    // The folder relative file names (the CA file) are read from: a plan's folder. Empty: the
    // working directory.
    std::string baseDir;
    bool operator==(const RunInput&) const = default;
};

struct TlsOptions {
    bool verify = true;  // certificate chain and host name
    std::string caFile;  // extra trusted CA (PEM); the system store is always used too
    std::string caPem;   // that file's contents, read once by validate(): never opened again
    std::string certFile, keyFile;  // the client certificate and key (mTLS); empty: none
    std::string certPem, keyPem;    // their contents, read once and checked to match by validate()
};

// An expected status: one code (200) or a range (200-299; "2xx" is 200-299).
struct StatusRange {
    int first = 200, last = 299;
    bool operator==(const StatusRange&) const = default;
};

// Checks on every response (k6's check); a response that fails one counts as failed, kind
// "check". With statuses given, they decide success instead of "status < 400".
struct CheckSpec {
    std::vector<StatusRange> statuses;
    std::string bodyContains;  // empty: not checked
    std::string bodyRegex;     // ECMAScript-like (Boost.Regex perl syntax); empty: not checked
};

// curl's --connect-to: connections for `host`:`port` go to `address`:`addressPort` instead,
// while Host, SNI and the certificate check keep the URL's host.
struct ConnectTo {
    std::string host;
    std::uint16_t port = 0;
    std::string address;
    std::uint16_t addressPort = 0;
};

// One request of several, checked: what a connection sends when a ticket names it.
struct RequestSpec {
    std::string name;
    std::string method = "GET";
    std::string requestTarget;  // path and query, on the run's target
    std::vector<std::pair<std::string, std::string>> headers;  // the run's, merged with its own
    std::string body;
    std::string bodyFile;
    CheckSpec check;
    std::uint32_t weight = 1;
};

// What a run's connections speak (RunInput::httpVersion).
enum class HttpVersion { http1, http2, http2Auto, h2c };
const char* httpVersionName(HttpVersion version);  // "1.1", "2", "auto", "h2c": the input's words

// One machine's share of a run split over many (README "Beyond one machine"). Share I of N
// takes the requests of the one global plan whose index k has k mod N == I: a count splits
// exactly, and a rate or a ramp is thinned evenly, so the shares interleave and together send
// every request of the plan once. Connections split like a count.
struct Shard {
    std::uint32_t index = 0;  // 0-based
    std::uint32_t count = 1;  // 1: the whole run
    std::string source;       // where it came from: "--shard", "slurm", "kubernetes", "parallel"
    bool whole() const { return count <= 1; }
};
// A run, ready to go: every field has been checked by validate().
struct RunSpec {
    Target target;
    std::string method = "GET";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;            // the bytes sent (a body file's contents)
    std::string bodyFile;        // where the body came from; empty: typed
    std::string basicAuth;       // "USER:PASS": sent, never recorded
    bool keepAlive = true;
    std::optional<ConnectTo> connectTo;  // the one that applies to the target, if any
    CheckSpec check;
    std::uint32_t maxRedirects = 0;  // 0: a 3xx is a response like any other
    LoadPlan load;               // count, duration, rate or stages; see LoadPlan
    std::uint32_t connections = 1;  // closed model: all of them; open model: opened at the start
    std::uint32_t threads = 1;   // engine threads, each with its own connections
    std::chrono::milliseconds timeout{30'000};  // per request, and per connect/handshake
    TlsOptions tls;
    std::uint32_t maxHeaderBytes = 100 * 1024;  // a longer response head is a protocol error
    std::vector<Threshold> thresholds;
    // Several named requests, sent in a fixed cycle in proportion to their weights; empty: the
    // one request above (method, target, headers, body, check).
    std::vector<RequestSpec> requests;
    HttpVersion http = HttpVersion::http1;
    std::uint32_t streams = 1;  // HTTP/2: requests in flight at once on each connection
    Shard shard;                // the share of the plan this process runs (applyShard, Shard.hpp)
    bool http2() const { return http != HttpVersion::http1; }
    // The requests a connection sends: `requests`, or the one request above as a list of one.
    std::vector<RequestSpec> requestList() const;
};

// Which input a message is about, so the window can show it beside the right field.
// The order is the form's; isAdvanced() says which sit under "Advanced options".
enum class Field {
    url, count, duration, rate, connections,
    timeout, threads, method, headers, body, caFile, maxHeaderSize,
    stages, startRate, maxConnections, warmup, grace, arrival, seed, thresholds,
    bodyFile, contentType, basicAuth, connectTo, clientCert, clientKey, expectStatus, expectBody, redirects, expectBodyRegex,
    requests, httpVersion, streams
};
const char* fieldName(Field field);
bool isAdvanced(Field field);

struct FieldError {
    Field field;
    std::string message;
    bool unsetVariable = false;  // about a ${NAME} whose variable is not set (validate: a warning)
    int request = -1;            // Field::requests: which of RunInput::requests it is about, if one
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
// A body file is held in memory, a few copies per run (never per request).
inline constexpr std::uint64_t kMaxBodyFileBytes = 256ull << 20;
inline constexpr std::uint64_t kDefaultCount = 200;          // when neither a duration nor stages are given
inline constexpr double kMaxDurationSeconds = 30 * 24 * 3600.0;  // a month-long soak test
inline constexpr double kMinDurationSeconds = 0.001;         // durations and stages: timers are that fine
inline constexpr double kMaxRate = 10'000'000;               // requests/s
inline constexpr std::size_t kMaxStages = 1000;
inline constexpr std::size_t kMaxThresholds = 100;
inline constexpr std::uint64_t kMaxRedirects = 50;
inline constexpr std::size_t kMaxRequests = 100;        // named requests in one plan
inline constexpr std::uint64_t kMaxRequestWeight = 1000;
inline constexpr std::size_t kMaxRequestNameBytes = 100;
inline constexpr std::uint64_t kMaxStreams = 1000;       // HTTP/2 streams per connection
inline constexpr double kDefaultGraceSeconds = 5;
// Open model, when --max-connections is not given: enough connections to hold the plan's peak
// rate with one-second responses (Little's law: rate x service time), at least the starting
// connections, and at most this many, so a stalled target is not met with a connection storm.
inline constexpr std::uint32_t kDefaultMaxConnectionsCap = 1000;
std::uint32_t defaultMaxConnections(const LoadPlan& plan, std::uint32_t connections);

// `${NAME}` in the URL, header values and the body is replaced by the environment variable NAME
// (`$${` keeps a literal `${`), so a plan can name a secret without holding it. An unset
// variable is an error naming it. `lookup` replaces the environment (tests, `validate`).
using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;
Validation validate(const RunInput& input);
Validation validate(const RunInput& input, const VariableLookup& lookup);
// Reading body files (up to 256 MiB each, one per named request) is for a run. Checking as a
// person types only looks at them (a readable regular file within the limit): the spec's
// bodies from files are then empty, and the spec is not for running.
struct ValidateOptions {
    bool readBodyFiles = true;
    // This process runs one share of a run split over this many machines (Shard.hpp): the
    // open-file limit here bounds its part of the connections, not the whole plan's.
    std::uint32_t shards = 1;
};
Validation validate(const RunInput& input, const VariableLookup& lookup, const ValidateOptions& options);
// The environment as validate() sees it.
std::optional<std::string> environmentVariable(const std::string& name);

// Parses and checks a URL; on failure returns false and sets `message`.
bool parseTarget(const std::string& url, Target& target, std::string& message);

}  // namespace salvo
