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
        "requests"};
    static_assert(std::size(names) == static_cast<std::size_t>(Field::requests) + 1, "a name for every field");
    return names[static_cast<int>(field)];
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

// RFC 9110 5.5: a field value is visible characters, spaces and tabs (and obs-text, bytes of
// 0x80 and above). Any other control character is refused rather than sent as is.
bool isFieldValue(const std::string& value) {
    return std::none_of(value.begin(), value.end(), [](unsigned char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    });
}

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// One "Name: value" line; an empty string when it is fine, else what is wrong with it.
std::string headerProblem(const std::string& line, const std::string& name, const std::string& value) {
    if (name.size() > kMaxHeaderNameBytes)
        return "a header name is too long: " + std::to_string(name.size()) + " bytes, at most " +
               std::to_string(kMaxHeaderNameBytes);
    if (line.find(':') == std::string::npos || !isToken(name))
        return "header '" + line.substr(0, 80) + "' must look like 'Name: value'";
    if (value.find_first_of("\r\n") != std::string::npos)
        return "header '" + name + "' has a line break in its value";
    if (!isFieldValue(value)) return "header '" + name + "' has a control character in its value";
    if (value.size() > kMaxHeaderValueBytes)
        return "header '" + name + "' is too long: " + std::to_string(value.size()) + " bytes, at most " +
               std::to_string(kMaxHeaderValueBytes);
    const std::string lower = lowercase(name);
    if (lower == "content-length" || lower == "transfer-encoding")
        return "header '" + name + "' is set by Salvo from the body";
    return {};
}

// Every header is sent, repeated ones too (as curl does). A Host, User-Agent or Accept of the
// person's replaces Salvo's default; two Host headers would make the request invalid.
void checkHeaders(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    if (in.headers.size() > kMaxHeaderCount) {
        errors.push_back({Field::headers, "too many headers: at most " + std::to_string(kMaxHeaderCount)});
        return;
    }
    bool host = false;
    for (const auto& line : in.headers) {
        const auto colon = line.find(':');
        const std::string name = trim(line.substr(0, colon));
        const std::string value = colon == std::string::npos ? std::string() : trim(line.substr(colon + 1));
        std::string problem = headerProblem(line, name, value);
        if (problem.empty() && lowercase(name) == "host" && std::exchange(host, true))
            problem = "only one Host header may be given";
        if (!problem.empty()) {
            errors.push_back({Field::headers, problem});
            return;
        }
        spec.headers.emplace_back(name, value);
    }
}

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

void checkConnections(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
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
    if (const auto ceiling = connectionCeiling(); value > ceiling) {
        errors.push_back({Field::connections,
                          "connections (" + std::to_string(value) + ") exceed the open-file limit: at most " +
                              std::to_string(ceiling) + " here (raise it with ulimit -n)"});
        return;
    }
    // More connections than requests would only sit idle.
    spec.connections = static_cast<std::uint32_t>(std::min(value, count));
}

void checkMaxConnections(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    const auto ceiling = connectionCeiling();
    if (spec.load.maxConnections <= ceiling) return;
    if (trim(in.maxConnections).empty()) {  // a default never fails: it stays within what the system allows
        spec.load.maxConnections = static_cast<std::uint32_t>(std::max<std::uint64_t>(ceiling, spec.connections));
        return;
    }
    if (spec.connections > ceiling) return;  // already reported for connections
    errors.push_back({Field::maxConnections, "max connections (" + std::to_string(spec.load.maxConnections) +
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

void checkMethodAndBody(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    std::string method = trim(in.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (!isToken(method)) {
        errors.push_back({Field::method, "method must be a single word such as GET or POST"});
    } else if (method.size() > kMaxMethodBytes) {
        errors.push_back({Field::method, "method is too long (at most " + std::to_string(kMaxMethodBytes) +
                                             " characters)"});
    } else if (method == "CONNECT") {
        errors.push_back({Field::method, "CONNECT opens a tunnel and cannot be load tested"});
    }
    spec.method = method;
    spec.body = in.body;
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
        } else if (threshold.metric == ThresholdMetric::checksFailed && in.expectStatus.empty() &&
                   in.expectBody.empty() && in.expectBodyRegex.empty()) {
            errors.push_back({Field::thresholds, "threshold '" + threshold.text +
                                                     "': there are no checks to fail (give expected statuses or body text)"});
        } else if (!threshold.request.empty()) {
            // One request per run so far: nothing carries a name to narrow to.
            errors.push_back({Field::thresholds, "threshold '" + threshold.text + "': there is no request named '" +
                                                     threshold.request + "' (this plan has one unnamed request)"});
        } else {
            spec.thresholds.push_back(std::move(threshold));
        }
    }
}

// The input with every ${NAME} replaced; a field naming an unset variable gets one error that
// says so, instead of whatever its half-expanded value would cause.
RunInput expandInput(const RunInput& in, const VariableLookup& lookup, std::vector<FieldError>& errors,
                     std::vector<Field>& unsetFields) {
    RunInput out = in;
    auto expand = [&](std::string& text, Field field, const std::string& what) {
        std::vector<std::string> unset;
        text = expandVariables(text, lookup, unset);
        for (const auto& name : unset)
            errors.push_back({field, what + " uses ${" + name + "}, but the environment variable " + name + " is not set", true});
        if (!unset.empty()) unsetFields.push_back(field);
    };
    expand(out.url, Field::url, "the URL");
    for (auto& line : out.headers) expand(line, Field::headers, "header '" + trim(line.substr(0, line.find(':'))) + "'");
    expand(out.body, Field::body, "the body");
    expand(out.basicAuth, Field::basicAuth, "basic auth");
    return out;
}

}  // namespace

Validation validate(const RunInput& in) { return validate(in, environmentVariable); }

Validation validate(const RunInput& raw, const VariableLookup& lookup) {
    Validation v;
    std::vector<FieldError> unsetErrors;
    std::vector<Field> unsetFields;
    const RunInput in = expandInput(raw, lookup, unsetErrors, unsetFields);
    RunSpec& spec = v.spec;
    std::string message;
    if (!parseTarget(in.url, spec.target, message)) v.errors.push_back({Field::url, message});
    checkLoad(in, spec, v.errors);
    checkConnections(in, spec, v.errors);
    checkTimeout(in.timeoutSeconds, spec, v.errors);
    finishLoad(in, spec, v.errors);
    checkThreads(in, spec, v.errors);
    checkMethodAndBody(in, spec, v.errors);
    checkHeaders(in, spec, v.errors);
    checkCaFile(in, spec, v.errors);
    checkRequestOptions(in, spec, v.errors);
    checkMaxHeaderSize(in, spec, v.errors);
    if (spec.load.open()) checkMaxConnections(in, spec, v.errors);
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
