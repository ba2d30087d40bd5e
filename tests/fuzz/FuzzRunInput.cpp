// libFuzzer: text as typed (URL and flags) -> validate() -> RunSpec -> the request bytes.
// Besides crashes, it checks what validation promises: a valid spec is usable as-is, and no
// input can smuggle a line break into the request line or a header (header injection).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "FuzzText.hpp"
#include "Request.hpp"
#include "salvo/RunSpec.hpp"

using salvo::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto parts = salvo::fuzz::split(text, '\n');
    salvo::RunInput in;
    in.insecure = data[0] & 1;
    auto field = [&](std::size_t i, std::string& out) { if (i < parts.size()) out = parts[i]; };
    field(0, in.url);
    field(1, in.count);
    field(2, in.connections);
    field(3, in.timeoutSeconds);
    field(4, in.threads);
    field(5, in.method);
    field(6, in.body);
    field(7, in.maxHeaderSize);
    for (std::size_t i = 8; i < parts.size(); ++i) in.headers.push_back(parts[i]);

    const salvo::Validation v = salvo::validate(in);
    if (!v.ok()) {
        for (const auto& e : v.errors) require(!e.message.empty());
        return 0;
    }
    const salvo::RunSpec& spec = v.spec;
    require(spec.load.count >= 1 && spec.load.count <= salvo::kMaxCount);
    require(spec.connections >= 1 && spec.connections <= spec.load.count);
    require(spec.threads >= 1 && spec.threads <= spec.connections);
    require(spec.timeout.count() > 0);
    require(spec.target.port >= 1);
    require(!spec.target.host.empty());
    require(!spec.target.requestTarget.empty() && spec.target.requestTarget[0] == '/');
    require(spec.target.hostIsIpAddress || spec.target.host.size() <= salvo::kMaxHostBytes);
    require(spec.maxHeaderBytes >= salvo::kMinHeaderLimit && spec.maxHeaderBytes <= salvo::kMaxHeaderLimit);

    const std::string request = salvo::serializeRequest(spec);
    const auto headEnd = request.find("\r\n\r\n");
    require(headEnd != std::string::npos);
    // Every line of the head ends in CRLF, no lone CR or LF hides inside one, and no other
    // control character but HTAB is sent (RFC 9110 5.5).
    for (std::size_t i = 0; i < headEnd; ++i) {
        const auto c = static_cast<unsigned char>(request[i]);
        if (c == '\r') require(request[i + 1] == '\n');
        if (c == '\n') require(i > 0 && request[i - 1] == '\r');
        require(c >= 0x20 || c == '\t' || c == '\r' || c == '\n');
        require(c != 0x7f);
    }
    require(request.compare(0, spec.method.size() + 1, spec.method + " ") == 0);
    return 0;
}
