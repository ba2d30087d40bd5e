#include "salvo/Target.hpp"

#include <boost/url/parse.hpp>

#include "TextInput.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo {
namespace {

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
    if (url.has_query()) {  // appended in steps: GCC 12 warns falsely (-Wrestrict) on "?" + string
        target.requestTarget += '?';
        target.requestTarget.append(url.encoded_query().data(), url.encoded_query().size());
    }
    return true;
}

std::string Target::url() const {
    return std::string(isTls() ? "https://" : "http://") + hostHeader + requestTarget;
}

}  // namespace salvo
