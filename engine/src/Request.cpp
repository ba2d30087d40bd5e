#include "Request.hpp"

#include "TextInput.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "salvo/HdrEncoding.hpp"

namespace salvo {
namespace {

bool personSets(const RequestSpec& request, std::string_view name) {
    return std::any_of(request.headers.begin(), request.headers.end(),
                       [&](const auto& header) { return equalsIgnoringCase(header.first, name); });
}

void addField(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string serializeRequest(const RunSpec& spec) {
    const RequestSpec one = spec.requestList().front();
    return serializeRequest(spec, one, one.requestTarget, false);
}

std::string serializeRequest(const RunSpec& spec, const RequestSpec& request, const std::string& requestTarget,
                             bool asGet) {
    std::string out;
    out.append(asGet ? std::string("GET") : request.method).append(" ").append(requestTarget).append(" HTTP/1.1\r\n");
    // Salvo's defaults, each replaced by the person's own header of that name.
    if (!personSets(request, "Host")) addField(out, "Host", spec.target.hostHeader);
    if (!personSets(request, "User-Agent")) addField(out, "User-Agent", "salvo/0.1");
    if (!personSets(request, "Accept")) addField(out, "Accept", "*/*");
    for (const auto& [name, value] : request.headers) addField(out, name, value);  // repeats too
    if (!spec.basicAuth.empty()) addField(out, "Authorization", "Basic " + base64Encode(spec.basicAuth));
    // Keep-alive off: the server closes after each response, and the connection opens anew.
    if (!spec.keepAlive && !personSets(request, "Connection")) addField(out, "Connection", "close");
    if (asGet) return out.append("\r\n");  // a redirect that turned it into a GET drops the body
    // Content-Length only when there is a body or the method expects one.
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH")
        addField(out, "Content-Length", std::to_string(request.body.size()));
    out.append("\r\n").append(request.body);
    return out;
}

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool connectionSpecific(const std::string& name) {
    return name == "connection" || name == "keep-alive" || name == "proxy-connection" || name == "transfer-encoding" ||
           name == "upgrade" || name == "host";
}
}  // namespace

std::vector<std::pair<std::string, std::string>> http2Fields(const RunSpec& spec, const RequestSpec& request,
                                                             const std::string& requestTarget, bool asGet) {
    std::string authority = spec.target.hostHeader;
    for (const auto& [name, value] : request.headers)
        if (equalsIgnoringCase(name, "Host")) authority = value;  // the person's Host, as HTTP/1.1 sends it
    std::vector<std::pair<std::string, std::string>> out = {
        {":method", asGet ? std::string("GET") : request.method},
        {":scheme", spec.target.isTls() ? "https" : "http"},
        {":authority", authority},
        {":path", requestTarget}};
    if (!personSets(request, "User-Agent")) out.emplace_back("user-agent", "salvo/0.1");
    if (!personSets(request, "Accept")) out.emplace_back("accept", "*/*");
    for (const auto& [name, value] : request.headers) {
        std::string n = lower(name);
        if (connectionSpecific(n) || (n == "te" && !equalsIgnoringCase(value, "trailers"))) continue;
        if (asGet && (n == "content-length" || n == "content-type")) continue;
        out.emplace_back(std::move(n), value);
    }
    if (!spec.basicAuth.empty()) out.emplace_back("authorization", "Basic " + base64Encode(spec.basicAuth));
    if (!asGet && (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH"))
        if (!personSets(request, "Content-Length")) out.emplace_back("content-length", std::to_string(request.body.size()));
    return out;
}

bool isIdempotent(const std::string& method) {
    static constexpr std::string_view kIdempotent[] = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"};
    return std::find(std::begin(kIdempotent), std::end(kIdempotent), method) != std::end(kIdempotent);
}

}  // namespace salvo
