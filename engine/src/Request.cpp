#include "Request.hpp"

#include "TextInput.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "salvo/HdrEncoding.hpp"

namespace salvo {
namespace {

bool personSets(const RunSpec& spec, std::string_view name) {
    return std::any_of(spec.headers.begin(), spec.headers.end(),
                       [&](const auto& header) { return equalsIgnoringCase(header.first, name); });
}

void addField(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string serializeRequest(const RunSpec& spec) {
    return serializeRequest(spec, spec.target.requestTarget, false);
}

std::string serializeRequest(const RunSpec& spec, const std::string& requestTarget, bool asGet) {
    std::string out;
    out.append(asGet ? std::string("GET") : spec.method).append(" ").append(requestTarget).append(" HTTP/1.1\r\n");
    // Salvo's defaults, each replaced by the person's own header of that name.
    if (!personSets(spec, "Host")) addField(out, "Host", spec.target.hostHeader);
    if (!personSets(spec, "User-Agent")) addField(out, "User-Agent", "salvo/0.1");
    if (!personSets(spec, "Accept")) addField(out, "Accept", "*/*");
    for (const auto& [name, value] : spec.headers) addField(out, name, value);  // repeats too
    if (!spec.basicAuth.empty()) addField(out, "Authorization", "Basic " + base64Encode(spec.basicAuth));
    // Keep-alive off: the server closes after each response, and the connection opens anew.
    if (!spec.keepAlive && !personSets(spec, "Connection")) addField(out, "Connection", "close");
    if (asGet) return out.append("\r\n");  // a redirect that turned it into a GET drops the body
    // Content-Length only when there is a body or the method expects one.
    if (!spec.body.empty() || spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH")
        addField(out, "Content-Length", std::to_string(spec.body.size()));
    out.append("\r\n").append(spec.body);
    return out;
}

bool isIdempotent(const std::string& method) {
    static constexpr std::string_view kIdempotent[] = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"};
    return std::find(std::begin(kIdempotent), std::end(kIdempotent), method) != std::end(kIdempotent);
}

}  // namespace salvo
