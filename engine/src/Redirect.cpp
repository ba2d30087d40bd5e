#include "Redirect.hpp"

#include "Request.hpp"
#include "TextInput.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cctype>

namespace salvo {
RedirectHop nextHop(const Target& target, const std::string& answered, const std::string& method, int status,
                    std::string_view location) {
    RedirectHop hop;
    hop.asGet = status == 303 || ((status == 301 || status == 302) && method == "POST");
    if (location.empty()) {
        hop.error = "a " + std::to_string(status) + " redirect without a Location";
        return hop;
    }
    const std::string shown(location.substr(0, 200));
    const auto reference = boost::urls::parse_uri_reference(location);
    const std::string baseText = target.url();  // parse_uri gives a view: the text must outlive it
    const auto base = boost::urls::parse_uri(baseText);
    if (!reference || !base) {
        hop.error = "a redirect to an unusable Location: " + shown;
        return hop;
    }
    boost::urls::url current = *base;
    current.set_encoded_path(answered.substr(0, answered.find('?')));
    if (const auto q = answered.find('?'); q != std::string::npos) current.set_encoded_query(answered.substr(q + 1));
    else current.remove_query();
    boost::urls::url next;
    if (!boost::urls::resolve(current, *reference, next)) {
        hop.error = "a redirect to an unusable Location: " + shown;
        return hop;
    }
    const std::uint16_t defaultPort = next.scheme() == "https" ? 443 : 80;
    const std::uint16_t port = next.has_port() ? next.port_number() : defaultPort;
    std::string host(next.encoded_host());
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    if (next.scheme() != (target.isTls() ? "https" : "http") || !equalsIgnoringCase(host, target.host) || port != target.port) {
        hop.error = "a redirect to another host is not followed: " + shown;
        return hop;
    }
    hop.requestTarget = std::string(next.encoded_path().empty() ? "/" : next.encoded_path());
    if (next.has_query()) hop.requestTarget += "?" + std::string(next.encoded_query());
    return hop;
}

std::string advance(RedirectChain& chain, const RunSpec& spec, const RequestSpec& request, int status,
                    std::string_view location) {
    if (chain.visited.empty()) chain.visited.push_back(request.requestTarget);
    if (chain.hops >= spec.maxRedirects)
        return "more than " + std::to_string(spec.maxRedirects) + (spec.maxRedirects == 1 ? " redirect" : " redirects");
    const RedirectHop hop = nextHop(spec.target, chain.visited.back(), chain.asGet ? "GET" : request.method, status, location);
    if (!hop.error.empty()) return hop.error;
    if (std::find(chain.visited.begin(), chain.visited.end(), hop.requestTarget) != chain.visited.end())
        return "a redirect loop: back to " + hop.requestTarget.substr(0, 200);
    ++chain.hops;
    chain.visited.push_back(hop.requestTarget);
    chain.asGet = chain.asGet || hop.asGet;
    chain.request = serializeRequest(spec, request, hop.requestTarget, chain.asGet);
    return {};
}

}  // namespace salvo
