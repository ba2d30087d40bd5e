#include "salvo/RunSpec.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "FileRead.hpp"
#include "LoadInput.hpp"
#include "RequestInput.hpp"
#include "TextInput.hpp"
#include "TlsContext.hpp"
#include "Variables.hpp"

namespace salvo {

const char* fieldName(Field field) {
    static constexpr const char* names[] = {
        "url",     "count", "duration", "rate",          "connections", "timeout", "threads",
        "method",  "headers", "body",   "cacert",        "maxHeaderSize", "stages", "startRate",
        "maxConnections", "warmup", "grace", "arrival", "seed", "thresholds", "bodyFile", "contentType",
        "basicAuth", "connectTo", "clientCert", "clientKey", "expectStatus", "expectBody", "redirects", "expectBodyRegex",
        "requests", "httpVersion", "streams"};
    static_assert(std::size(names) == static_cast<std::size_t>(Field::streams) + 1, "a name for every field");
    return names[static_cast<int>(field)];
}

const char* httpVersionName(HttpVersion version) {
    switch (version) {
        case HttpVersion::http2: return "2";
        case HttpVersion::http2Auto: return "auto";
        case HttpVersion::h2c: return "h2c";
        default: return "1.1";
    }
}

std::vector<RequestSpec> RunSpec::requestList() const {
    if (!requests.empty()) return requests;
    return {RequestSpec{{}, method, target.requestTarget, headers, body, bodyFile, check, 1}};
}

// The form shows URL, count or duration, rate and connections; the rest under "Advanced options".
bool isAdvanced(Field field) {
    switch (field) {
        case Field::url: case Field::count: case Field::duration: case Field::rate: case Field::connections:
            return false;
        default:
            return true;
    }
}

namespace {

void checkTimeout(const std::string& raw, RunSpec& spec, std::vector<FieldError>& errors) {
    const std::string s = trim(raw);
    double seconds = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !(seconds > 0)) {
        errors.push_back({Field::timeout, "timeout must be a number of seconds above 0, not '" + s + "'"});
    } else if (seconds < kMinTimeoutSeconds) {
        // Deadlines are whole milliseconds; a shorter one would silently become 1 ms.
        errors.push_back({Field::timeout, "timeout is too short (at least 0.001 seconds, 1 ms)"});
    } else if (seconds > kMaxTimeoutSeconds) {
        errors.push_back({Field::timeout, "timeout is too long (at most 3600 seconds)"});
    } else {
        spec.timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000)));
    }
}

// The hard limit on open files bounds how many connections can exist at once.
std::uint64_t connectionCeiling() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_max == RLIM_INFINITY) return kMaxConnections;
    const std::uint64_t reserve = 64;  // stdin/out/err, the event loop, libraries
    return limit.rlim_max > reserve ? std::min<std::uint64_t>(kMaxConnections, limit.rlim_max - reserve) : 1;
}

// The most connections one machine opens of `total`: all of them, or the first share's part.
std::uint64_t largestShare(std::uint64_t total, std::uint32_t shards) { return (total + shards - 1) / std::max<std::uint32_t>(1, shards); }

std::string perShare(std::uint64_t total, std::uint32_t shards) {
    return shards > 1 ? ", " + std::to_string(largestShare(total, shards)) + " in the largest share" : "";
}

void checkConnections(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors, std::uint32_t shards) {
    std::string message;
    std::uint64_t value = 0;
    const std::uint64_t count = spec.load.count;
    if (trim(in.connections).empty()) {
        spec.connections = static_cast<std::uint32_t>(std::min<std::uint64_t>(count, kDefaultConnectionCap));
        return;
    }
    if (!parseWhole(in.connections, "connections", 1, kMaxConnections, value, message)) {
        errors.push_back({Field::connections, message});
        return;
    }
    if (const auto ceiling = connectionCeiling(); largestShare(value, shards) > ceiling) {
        errors.push_back({Field::connections,
                          "connections (" + std::to_string(value) + perShare(value, shards) +
                              ") exceed the open-file limit: at most " +
                              std::to_string(ceiling) + " here (raise it with ulimit -n)"});
        return;
    }
    // More connections than requests would only sit idle.
    spec.connections = static_cast<std::uint32_t>(std::min(value, count));
}

void checkMaxConnections(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors, std::uint32_t shards) {
    const auto ceiling = connectionCeiling();
    const std::uint64_t most = spec.load.maxConnections;
    if (largestShare(most, shards) <= ceiling) return;
    if (trim(in.maxConnections).empty()) {  // a default never fails: it stays within what the system allows
        const std::uint64_t allowed = std::min<std::uint64_t>(kMaxConnections, ceiling * std::max<std::uint32_t>(1, shards));
        spec.load.maxConnections = static_cast<std::uint32_t>(std::max<std::uint64_t>(allowed, spec.connections));
        return;
    }
    if (largestShare(spec.connections, shards) > ceiling) return;  // already reported for connections
    errors.push_back({Field::maxConnections, "max connections (" + std::to_string(most) + perShare(most, shards) +
                                                 ") exceed the open-file limit: at most " + std::to_string(ceiling) +
                                                 " here (raise it with ulimit -n)"});
}

void checkThreads(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    std::string message;
    std::uint64_t value = 0;
    if (!parseWhole(in.threads, "threads", 1, kMaxThreads, value, message)) {
        errors.push_back({Field::threads, message});
        return;
    }
    // Each thread needs at least one connection of its own.
    spec.threads = static_cast<std::uint32_t>(std::min<std::uint64_t>(value, spec.connections));
}

void checkCaFile(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    spec.tls.verify = !in.insecure;
    spec.tls.caFile = trim(in.caFile);
    if (spec.tls.caFile.empty()) return;
    spec.tls.caFile = inBaseDir(spec.tls.caFile, in.baseDir);  // a plan's files sit beside it
    std::string message;
    if (!readCaFile(spec.tls.caFile, kMaxCaFileBytes, spec.tls.caPem, message))
        errors.push_back({Field::caFile, message});
}

// "100k", "1m" or a number of bytes: the largest response head (status line and headers).
void checkMaxHeaderSize(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    std::string text = trim(in.maxHeaderSize);
    std::uint64_t unit = 1;
    if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) unit = 1024;
    if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) unit = 1024 * 1024;
    if (unit != 1) text.pop_back();
    std::uint64_t value = 0;
    std::string message;
    if (!parseWhole(text, "max header size", 0, kMaxHeaderLimit, value, message) ||
        value * unit < kMinHeaderLimit || value * unit > kMaxHeaderLimit) {
        errors.push_back({Field::maxHeaderSize, "max header size must be from 1k to 64m (bytes, or with k or m), not '" +
                                                    trim(in.maxHeaderSize) + "'"});
        return;
    }
    spec.maxHeaderBytes = static_cast<std::uint32_t>(value * unit);
}

// The protocol and the streams on each connection; after the URL and keep-alive.
void checkProtocol(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    const std::string version = trim(in.httpVersion);
    if (version.empty() || version == "1.1") spec.http = HttpVersion::http1;
    else if (version == "2") spec.http = HttpVersion::http2;
    else if (version == "auto") spec.http = HttpVersion::http2Auto;
    else if (version == "h2c") spec.http = HttpVersion::h2c;
    else return errors.push_back({Field::httpVersion, "HTTP version must be 1.1, 2, auto or h2c, not '" + version + "'"});
    const bool tls = spec.target.isTls();
    if (spec.http == HttpVersion::http2 && !tls && !spec.target.host.empty())
        errors.push_back({Field::httpVersion, "HTTP/2 is chosen over TLS (ALPN), and this URL is http://: "
                                              "use https://, or h2c (--h2c) for HTTP/2 over plain TCP"});
    if (spec.http == HttpVersion::h2c && tls)
        errors.push_back({Field::httpVersion, "h2c is HTTP/2 over plain TCP, and this URL is https://: "
                                              "use HTTP/2 (--http2) for HTTP/2 over TLS"});
    if (trim(in.streams).empty()) return;
    std::uint64_t streams = 0;
    std::string message;
    if (!parseWhole(in.streams, "streams", 1, kMaxStreams, streams, message))
        return errors.push_back({Field::streams, message});
    if (streams > 1 && !spec.http2())
        return errors.push_back({Field::streams, "more than one stream per connection needs HTTP/2 "
                                                 "(--http2, --http2=auto or --h2c)"});
    if (streams > 1 && !spec.keepAlive)
        return errors.push_back({Field::streams, "with keep-alive off each connection sends one request: "
                                                 "streams must be 1"});
    spec.streams = static_cast<std::uint32_t>(streams);
}

bool hasChecks(const CheckSpec& c) { return !c.statuses.empty() || !c.bodyContains.empty() || !c.bodyRegex.empty(); }

// A {request:NAME} that names none of the run's requests, or a figure not kept per request.
std::string requestProblem(const Threshold& t, const RunInput& in, const RunSpec& spec) {
    if (t.request.empty()) return {};
    if (spec.requests.empty())  // (or more than a run can take: that is said already)
        return in.requests.empty() ? "there is no request named '" + t.request + "' (this plan has one unnamed request)" : "";
    if (t.metric == ThresholdMetric::dropped) return "dropped counts the whole run's schedule, not one request's";
    std::string names;
    for (const RequestSpec& r : spec.requests) {
        if (r.name == t.request) return {};
        if (names.size() < 200) names += (names.empty() ? "" : ", ") + r.name;
    }
    return "there is no request named '" + t.request + "' (this plan's requests: " + names + ")";
}

// checks_failed needs a check to fail: on the run's request, or with named requests (whose
// checks the run's only default) on one of them, or on the one it names.
bool checksToFail(const Threshold& t, const RunInput& in, const RunSpec& spec) {
    if (!spec.requests.empty())
        return std::any_of(spec.requests.begin(), spec.requests.end(), [&](const RequestSpec& r) {
            return (t.request.empty() || r.name == t.request) && hasChecks(r.check);
        });
    return !in.expectStatus.empty() || !in.expectBody.empty() || !in.expectBodyRegex.empty();
}

void checkThresholds(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    if (in.thresholds.size() > kMaxThresholds) {
        errors.push_back({Field::thresholds, "too many thresholds: at most " + std::to_string(kMaxThresholds)});
        return;
    }
    for (const ThresholdInput& input : in.thresholds) {
        Threshold threshold;
        std::string message;
        if (!parseThreshold(input, threshold, message)) {
            errors.push_back({Field::thresholds, message});
        } else if (const std::string problem = requestProblem(threshold, in, spec); !problem.empty()) {
            errors.push_back({Field::thresholds, "threshold '" + threshold.text + "': " + problem});
        } else if (threshold.metric == ThresholdMetric::checksFailed && !checksToFail(threshold, in, spec)) {
            errors.push_back({Field::thresholds, "threshold '" + threshold.text +
                                                     "': there are no checks to fail (give expected statuses or body text)"});
        } else {
            spec.thresholds.push_back(std::move(threshold));
        }
    }
}

// The input with every ${NAME} replaced; a field naming an unset variable gets one error that
// says so, instead of whatever its half-expanded value would cause (a named request: that
// request, listed in `unsetRequests`).
RunInput expandInput(const RunInput& in, const VariableLookup& lookup, std::vector<FieldError>& errors,
                     std::vector<Field>& unsetFields, std::vector<std::size_t>& unsetRequests) {
    RunInput out = in;
    auto expand = [&](std::string& text, Field field, const std::string& what, int request = -1) {
        std::vector<std::string> unset;
        text = expandVariables(text, lookup, unset);
        for (const auto& name : unset)
            errors.push_back({field, what + " uses ${" + name + "}, but the environment variable " + name + " is not set",
                              true, request});
        if (unset.empty()) return;
        if (request < 0) unsetFields.push_back(field);
        else unsetRequests.push_back(static_cast<std::size_t>(request));
    };
    expand(out.url, Field::url, "the URL");
    for (auto& line : out.headers) expand(line, Field::headers, "header '" + trim(line.substr(0, line.find(':'))) + "'");
    expand(out.body, Field::body, "the body");
    expand(out.basicAuth, Field::basicAuth, "basic auth");
    for (std::size_t i = 0; i < out.requests.size(); ++i) {
        NamedRequestInput& r = out.requests[i];
        const std::string what = "request '" + (r.name.empty() ? r.url : r.name) + "': ";
        const int index = static_cast<int>(i);
        expand(r.url, Field::requests, what + "the URL", index);
        for (auto& line : r.headers)
            expand(line, Field::requests, what + "header '" + trim(line.substr(0, line.find(':'))) + "'", index);
        if (r.body) expand(*r.body, Field::requests, what + "the body", index);
    }
    return out;
}

}  // namespace

Validation validate(const RunInput& in) { return validate(in, environmentVariable); }

Validation validate(const RunInput& raw, const VariableLookup& lookup) { return validate(raw, lookup, {}); }

Validation validate(const RunInput& raw, const VariableLookup& lookup, const ValidateOptions& options) {
    Validation v;
    std::vector<FieldError> unsetErrors;
    std::vector<Field> unsetFields;
    std::vector<std::size_t> unsetRequests;
    const RunInput in = expandInput(raw, lookup, unsetErrors, unsetFields, unsetRequests);
    RunSpec& spec = v.spec;
    std::string message;
    // Named requests that all give whole URLs may leave the run's out: the first names the server.
    const bool urlFromRequest = trim(in.url).empty() && !in.requests.empty() && !trim(in.requests[0].url).starts_with('/');
    if (!parseTarget(urlFromRequest ? in.requests[0].url : in.url, spec.target, message) && !urlFromRequest)
        v.errors.push_back({Field::url, message});
    else if (spec.target.host.empty() && std::find(unsetRequests.begin(), unsetRequests.end(), 0) == unsetRequests.end())
        v.errors.push_back({Field::requests, "request '" + (in.requests[0].name.empty() ? trim(in.requests[0].url) : in.requests[0].name) +
                                                 "': " + message, false, 0});
    checkLoad(in, spec, v.errors);
    checkConnections(in, spec, v.errors, options.shards);
    checkTimeout(in.timeoutSeconds, spec, v.errors);
    finishLoad(in, spec, v.errors);
    checkThreads(in, spec, v.errors);
    checkRequestContent(in, spec, v.errors, options.readBodyFiles);
    checkCaFile(in, spec, v.errors);
    checkRequestOptions(in, spec, v.errors);
    checkNamedRequests(in, spec, v.errors, unsetRequests, options.readBodyFiles);
    checkMaxHeaderSize(in, spec, v.errors);
    checkProtocol(in, spec, v.errors);
    if (spec.load.open()) checkMaxConnections(in, spec, v.errors, options.shards);
    checkThresholds(in, spec, v.errors);
    std::erase_if(v.errors, [&](const FieldError& e) {
        return std::find(unsetFields.begin(), unsetFields.end(), e.field) != unsetFields.end();
    });
    v.errors.insert(v.errors.end(), unsetErrors.begin(), unsetErrors.end());
    std::stable_sort(v.errors.begin(), v.errors.end(),
                     [](const FieldError& a, const FieldError& b) { return a.field < b.field; });
    return v;
}

}  // namespace salvo
