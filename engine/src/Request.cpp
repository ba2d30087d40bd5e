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

bool isIdempotent(const std::string& method) {
    static constexpr std::string_view kIdempotent[] = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"};
    return std::find(std::begin(kIdempotent), std::end(kIdempotent), method) != std::end(kIdempotent);
}

}  // namespace salvo
