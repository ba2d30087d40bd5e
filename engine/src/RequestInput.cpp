#include "RequestInput.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <charconv>
#include <memory>

#include "FileRead.hpp"
#include "ResponseCheck.hpp"
#include "TextInput.hpp"
#include "TlsContext.hpp"

namespace salvo {
namespace {

inline constexpr std::uint64_t kMaxPemBytes = 1u << 20;

bool hasHeader(const RunSpec& spec, std::string_view name) {
    return std::any_of(spec.headers.begin(), spec.headers.end(),
                       [&](const auto& header) { return equalsIgnoringCase(header.first, name); });
}

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

void checkBodyFile(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors, bool read) {
    const std::string path = trim(in.bodyFile);
    if (path.empty()) return;
    if (!in.body.empty()) return errors.push_back({Field::bodyFile, "give a body or a body file, not both"});
    spec.bodyFile = inBaseDir(path, in.baseDir);
    std::string problem;
    if (!readRegularFile(spec.bodyFile, kMaxBodyFileBytes, spec.body, problem, read))
        errors.push_back({Field::bodyFile, "body file '" + spec.bodyFile + "' " + problem});
}

void checkContentType(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    const std::string type = trim(in.contentType);
    if (type.empty()) return;
    if (!isFieldValue(type) || type.size() > kMaxHeaderValueBytes)
        return errors.push_back({Field::contentType, "the content type must be one line of text, such as application/json"});
    if (hasHeader(spec, "Content-Type"))
        return errors.push_back({Field::contentType, "Content-Type is given twice: as the content type and as a header"});
    spec.headers.emplace_back("Content-Type", type);
}

void checkBasicAuth(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    if (in.basicAuth.empty()) return;
    if (in.basicAuth.find(':') == std::string::npos)
        return errors.push_back({Field::basicAuth, "basic auth must be USER:PASSWORD"});
    if (!isFieldValue(in.basicAuth) || in.basicAuth.size() > kMaxHeaderValueBytes / 2)
        return errors.push_back({Field::basicAuth, "basic auth must be one line of text, USER:PASSWORD"});
    if (hasHeader(spec, "Authorization"))
        return errors.push_back({Field::basicAuth, "Authorization is given twice: as basic auth and as a header"});
    spec.basicAuth = in.basicAuth;
}

// "PORT" as a port number; empty means `fallback` (curl: any port, or the same port).
bool parsePort(const std::string& text, std::uint16_t fallback, std::uint16_t& port) {
    if (text.empty()) return port = fallback, true;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

// Splits "HOST:PORT:ADDR:PORT" into four parts; a host or address in [brackets] may hold colons (IPv6).
bool splitConnectTo(const std::string& text, std::vector<std::string>& parts) {
    parts.clear();
    std::size_t i = 0;
    for (int n = 0; n < 4; ++n) {
        if (n > 0 && (i >= text.size() || text[i++] != ':')) return false;
        std::size_t end = 0;
        if (n % 2 == 0 && i < text.size() && text[i] == '[') {
            if ((end = text.find(']', i)) == std::string::npos) return false;
            parts.push_back(text.substr(i + 1, end - i - 1));
            i = end + 1;
        } else {
            if ((end = text.find(':', i)) == std::string::npos) end = text.size();
            parts.push_back(text.substr(i, end - i));
            i = end;
        }
    }
    return i == text.size();
}

void checkConnectTo(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    for (const auto& raw : in.connectTo) {
        const std::string text = trim(raw);
        std::vector<std::string> parts;
        ConnectTo c;
        std::uint16_t port = 0;
        if (!splitConnectTo(text, parts) || !parsePort(parts[1], 0, port) ||
            !parsePort(parts[3], spec.target.port, c.addressPort) || parts[2].find_first_of(" \t/") != std::string::npos) {
            errors.push_back({Field::connectTo, "--connect-to '" + text.substr(0, 200) +
                                                    "' must be HOST:PORT:ADDRESS:PORT (an empty part matches any, or keeps the URL's)"});
            return;
        }
        c.host = parts[0];
        c.port = port;
        c.address = parts[2].empty() ? spec.target.host : parts[2];
        const bool hostMatches = c.host.empty() || sameHost(c.host, spec.target.host);
        if (!spec.connectTo && hostMatches && (port == 0 || port == spec.target.port)) spec.connectTo = c;  // the first that applies
    }
}

bool readPem(const std::string& path, const char* what, std::string& pem, std::vector<FieldError>& errors, Field field) {
    std::string problem;
    if (readRegularFile(path, kMaxPemBytes, pem, problem)) return true;
    errors.push_back({field, std::string(what) + " '" + path + "' " + problem});
    return false;
}

// Both files read and checked here, with OpenSSL, so a key that does not match its certificate
// is a message before anything is sent, not a failed handshake per connection.
void checkClientCertificate(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    TlsOptions& tls = spec.tls;
    tls.certFile = inBaseDir(trim(in.clientCert), in.baseDir);
    tls.keyFile = inBaseDir(trim(in.clientKey), in.baseDir);
    if (tls.certFile.empty()) {
        if (!tls.keyFile.empty()) errors.push_back({Field::clientKey, "a client key needs its certificate (--cert)"});
        return;
    }
    if (!spec.target.isTls()) return errors.push_back({Field::clientCert, "a client certificate needs an https:// URL"});
    if (!readPem(tls.certFile, "client certificate", tls.certPem, errors, Field::clientCert)) return;
    if (!tls.keyFile.empty() && !readPem(tls.keyFile, "client key", tls.keyPem, errors, Field::clientKey)) return;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    std::string message;
    if (ctx && !useClientCertificate(ctx.get(), tls, message))
        errors.push_back({message.rfind("client key", 0) == 0 ? Field::clientKey : Field::clientCert, message});
}

// "200", "200,201", "2xx", "200-299": each from 100 to 599.
bool parseStatuses(const std::string& text, std::vector<StatusRange>& out) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        StatusRange r;
        const auto dash = item.find('-');
        std::uint64_t a = 0, b = 0;
        std::string ignored;
        // From 200: an interim 1xx is never the response a check sees.
        if (item.size() == 3 && (item.ends_with("xx") || item.ends_with("XX")) && item[0] >= '2' && item[0] <= '5') {
            r = {(item[0] - '0') * 100, (item[0] - '0') * 100 + 99};
        } else if (dash != std::string::npos && parseWhole(item.substr(0, dash), "status", 200, 599, a, ignored) &&
                   parseWhole(item.substr(dash + 1), "status", 200, 599, b, ignored) && a <= b) {
            r = {static_cast<int>(a), static_cast<int>(b)};
        } else if (dash == std::string::npos && parseWhole(item, "status", 200, 599, a, ignored)) {
            r = {static_cast<int>(a), static_cast<int>(a)};
        } else {
            return false;
        }
        out.push_back(r);
    }
    return !out.empty();
}

void checkResponseChecks(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    if (!trim(in.expectStatus).empty() && !parseStatuses(in.expectStatus, spec.check.statuses))
        errors.push_back({Field::expectStatus, "expected statuses must be codes or ranges from 200 to 599, such as 200, 201, 2xx or 200-299, not '" +
                                                   trim(in.expectStatus).substr(0, 100) + "'"});
    spec.check.bodyContains = in.expectBody;
    spec.check.bodyRegex = in.expectBodyRegex;
    boost::regex pattern;
    std::string message;
    if (!in.expectBodyRegex.empty() && !compileBodyPattern(in.expectBodyRegex, pattern, message))
        errors.push_back({Field::expectBodyRegex, message});
    if ((!in.expectBody.empty() || !in.expectBodyRegex.empty()) && spec.method == "HEAD")
        errors.push_back({Field::expectBody, "a HEAD response has no body to check"});
    if (in.expectBody.size() > kMaxCheckedBodyBytes)
        errors.push_back({Field::expectBody, "the expected body text is too long (at most 1 MiB)"});
}

}  // namespace

bool sameHost(const std::string& a, const std::string& b) {
    boost::system::error_code ea, eb;
    const auto x = boost::asio::ip::make_address(a, ea);
    const auto y = boost::asio::ip::make_address(b, eb);
    return !ea && !eb ? x == y : equalsIgnoringCase(a, b);
}

void checkRequestContent(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors, bool readBody) {
    checkMethodAndBody(in, spec, errors);
    checkHeaders(in, spec, errors);
    checkBodyFile(in, spec, errors, readBody);
    checkContentType(in, spec, errors);
    checkBasicAuth(in, spec, errors);
    checkResponseChecks(in, spec, errors);
}

void checkRequestOptions(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    spec.keepAlive = in.keepAlive;
    checkConnectTo(in, spec, errors);
    checkClientCertificate(in, spec, errors);
    std::uint64_t redirects = 0;
    std::string message;
    if (trim(in.redirects).empty()) return;
    if (parseWhole(in.redirects, "redirects", 0, kMaxRedirects, redirects, message))
        spec.maxRedirects = static_cast<std::uint32_t>(redirects);
    else errors.push_back({Field::redirects, message});
}

}  // namespace salvo
