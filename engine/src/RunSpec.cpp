#include "salvo/RunSpec.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <charconv>
#include <utility>

#include "TlsContext.hpp"

namespace salvo {
namespace {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// RFC 9110 tchar: what a method or header name may contain.
bool isToken(const std::string& s) {
    static const std::string extra = "!#$%&'*+-.^_`|~";
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || extra.find(static_cast<char>(c)) != std::string::npos;
    });
}

// A whole number in [min, max]; `what` names the field in every message.
bool parseWhole(const std::string& raw, const char* what, std::uint64_t min, std::uint64_t max,
                std::uint64_t& out, std::string& message) {
    const std::string s = trim(raw);
    if (s.empty()) {
        message = std::string("enter ") + what;
        return false;
    }
    if (s[0] == '-' && s.size() > 1 && std::isdigit(static_cast<unsigned char>(s[1]))) {
        message = std::string(what) + " must be at least " + std::to_string(min);
        return false;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc::result_out_of_range ||
        (ec == std::errc() && end == s.data() + s.size() && out > max)) {
        message = std::string(what) + " is too large (at most " + std::to_string(max) + ")";
        return false;
    }
    if (ec != std::errc() || end != s.data() + s.size()) {
        message = std::string(what) + " must be a whole number, not '" + s + "'";
        return false;
    }
    if (out < min) {
        message = std::string(what) + " must be at least " + std::to_string(min);
        return false;
    }
    return true;
}

bool checkUrlCharacters(const std::string& url, std::string& message) {
    for (unsigned char c : url) {
        if (c >= 0x80) {
            message = "URL has non-ASCII characters: write an international host name in its "
                      "xn-- (punycode) form and percent-encode the path";
            return false;
        }
        if (c <= 0x20 || c == 0x7f) {
            message = "URL contains a space or control character: encode spaces as %20";
            return false;
        }
    }
    return true;
}

// The port as typed: the text after the authority's last ':' (after any IPv6 ']').
// Taken from the raw text because Boost.URL 1.81 parses "host:abc/" as host "host:" and a
// relative path "abc/", which would silently mean the default port.
std::string rawPort(const std::string& text, bool& present) {
    const auto start = text.find("://") + 3;
    const std::string authority = text.substr(start, text.find_first_of("/?#", start) - start);
    const auto colon = authority.rfind(':');
    const auto bracket = authority.rfind(']');
    present = colon != std::string::npos && (bracket == std::string::npos || colon > bracket);
    return present ? authority.substr(colon + 1) : std::string();
}

bool parsePort(const std::string& text, Target& target, std::string& message) {
    target.port = target.isTls() ? 443 : 80;
    bool present = false;
    const std::string port = rawPort(text, present);
    if (port.empty()) return true;  // "http://host:/" means the default port (RFC 3986 3.2.3)
    std::uint64_t value = 0;
    if (!parseWhole(port, "port", 1, 65535, value, message)) {
        message = "port must be a number from 1 to 65535, not '" + port + "'";
        return false;
    }
    target.port = static_cast<std::uint16_t>(value);
    return true;
}

// A name the resolver can look up: RFC 1035 lengths, and no percent-escapes, which would
// smuggle bytes (even NUL) into getaddrinfo and the Host header.
bool checkHostName(boost::urls::pct_string_view host, std::string& message) {
    if (host.find('%') != boost::urls::pct_string_view::npos) {
        message = "host name must not contain %-escapes";
        return false;
    }
    if (host.size() > kMaxHostBytes) {
        message = "host name is too long: " + std::to_string(host.size()) + " characters, at most " +
                  std::to_string(kMaxHostBytes);
        return false;
    }
    std::size_t label = 0;
    for (char c : host) {
        label = c == '.' ? 0 : label + 1;
        if (label > 63) {
            message = "host name has a part longer than 63 characters between dots";
            return false;
        }
    }
    return true;
}

bool parseHost(boost::urls::url_view url, Target& target, std::string& message) {
    namespace urls = boost::urls;
    if (url.has_userinfo()) {
        message = "user names and passwords in URLs are not supported: "
                  "send an Authorization header instead";
        return false;
    }
    switch (url.host_type()) {
        case urls::host_type::ipv4:
        case urls::host_type::ipv6:
            target.hostIsIpAddress = true;
            target.host = url.host_address();  // no brackets
            break;
        case urls::host_type::name:
            target.host = url.host_address();
            break;
        default:
            message = url.host_type() == urls::host_type::none || url.encoded_host().empty()
                          ? "URL has no host, e.g. http://127.0.0.1:8080/"
                          : "this kind of host address is not supported";
            return false;
    }
    if (target.host.empty()) {
        message = "URL has no host, e.g. http://127.0.0.1:8080/";
        return false;
    }
    return target.hostIsIpAddress || checkHostName(url.encoded_host(), message);
}

}  // namespace

const char* fieldName(Field field) {
    static constexpr const char* names[] = {"url",    "count",   "connections", "timeout", "threads",
                                            "method", "headers", "body",        "cacert",  "maxHeaderSize"};
    return names[static_cast<int>(field)];
}

bool parseTarget(const std::string& raw, Target& target, std::string& message) {
    const std::string text = trim(raw);
    if (text.empty()) {
        message = "enter a URL, e.g. http://127.0.0.1:8080/";
        return false;
    }
    if (text.size() > kMaxUrlBytes) {
        message = "URL is too long: " + std::to_string(text.size()) + " characters, at most " +
                  std::to_string(kMaxUrlBytes);
        return false;
    }
    if (!checkUrlCharacters(text, message)) return false;
    if (text.find("://") == std::string::npos) {
        message = "URL needs a scheme: http:// or https://";
        return false;
    }
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed) {
        message = "not a valid URL: " + parsed.error().message();
        return false;
    }
    const auto url = *parsed;
    if (url.scheme_id() == boost::urls::scheme::http) {
        target.scheme = Target::Scheme::http;
    } else if (url.scheme_id() == boost::urls::scheme::https) {
        target.scheme = Target::Scheme::https;
    } else {
        message = "unsupported scheme '" + std::string(url.scheme()) + "': use http or https";
        return false;
    }
    if (!parseHost(url, target, message) || !parsePort(text, target, message)) return false;
    // Boost.URL 1.81 reads "http://[::1]5443/" as host "[::1]" and a relative path "5443/"
    // (found by FuzzRunInput): after a host, anything but ":port", "/", "?" or "#" is an error.
    if (!url.encoded_path().empty() && url.encoded_path().front() != '/') {
        message = "unexpected '";  // built in steps: GCC 12 warns falsely (-Wrestrict) on one '+' chain
        message.append(url.encoded_path().data(), url.encoded_path().size());
        message += "' after the host: write host:port/path, e.g. http://127.0.0.1:8080/";
        return false;
    }

    const bool defaultPort = target.port == (target.isTls() ? 443 : 80);
    const std::string host(url.encoded_host());  // keeps IPv6 brackets
    target.hostHeader = defaultPort ? host : host + ":" + std::to_string(target.port);
    target.requestTarget = url.encoded_path().empty() ? "/" : std::string(url.encoded_path());
    if (url.has_query()) target.requestTarget += "?" + std::string(url.encoded_query());
    return true;
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

void checkConnections(const RunInput& in, bool countOk, RunSpec& spec, std::vector<FieldError>& errors) {
    std::string message;
    std::uint64_t value = 0;
    if (trim(in.connections).empty()) {
        spec.connections = static_cast<std::uint32_t>(
            countOk ? std::min<std::uint64_t>(spec.count, kDefaultConnectionCap) : 1);
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
    spec.connections = static_cast<std::uint32_t>(countOk ? std::min(value, spec.count) : value);
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
    std::transform(method.begin(), method.end(), method.begin(), ::toupper);
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
    std::string message;
    if (!salvo::checkCaFile(spec.tls.caFile, kMaxCaFileBytes, message)) errors.push_back({Field::caFile, message});
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

}  // namespace

Validation validate(const RunInput& in) {
    Validation v;
    RunSpec& spec = v.spec;
    std::string message;
    if (!parseTarget(in.url, spec.target, message)) v.errors.push_back({Field::url, message});
    std::uint64_t count = 0;
    const bool countOk = parseWhole(in.count, "request count", 1, kMaxCount, count, message);
    if (countOk) spec.count = count;
    else v.errors.push_back({Field::count, message});
    checkConnections(in, countOk, spec, v.errors);
    checkTimeout(in.timeoutSeconds, spec, v.errors);
    checkThreads(in, spec, v.errors);
    checkMethodAndBody(in, spec, v.errors);
    checkHeaders(in, spec, v.errors);
    checkCaFile(in, spec, v.errors);
    checkMaxHeaderSize(in, spec, v.errors);
    std::stable_sort(v.errors.begin(), v.errors.end(),
                     [](const FieldError& a, const FieldError& b) { return a.field < b.field; });
    return v;
}

}  // namespace salvo
