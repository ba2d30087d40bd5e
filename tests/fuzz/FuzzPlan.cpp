// libFuzzer: any text as a plan file -> readPlan() -> validate() -> named requests' bytes. Besides crashes, it checks the
// writer's promise: a plan that reads, written back with writePlan(), reads again to the same input.
#include <cstdint>
#include <string>

#include "FuzzText.hpp"
#include "Request.hpp"
#include "salvo/Plan.hpp"

using salvo::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const salvo::PlanRead read = salvo::readPlan(text, "fuzz.toml");
    if (!read.ok()) {
        for (const auto& e : read.errors) require(!e.message.empty() && !e.text().empty());
        return 0;
    }
    const salvo::PlanRead again = salvo::readPlan(salvo::writePlan(read.plan), "fuzz.toml");
    require(again.ok());
    const salvo::RunInput& a = read.plan.input;
    const salvo::RunInput& b = again.plan.input;
    require(again.plan.name == read.plan.name && again.plan.description == read.plan.description);
    require(a.url == b.url && a.method == b.method && a.headers == b.headers && a.body == b.body);
    require(a.count == b.count && a.duration == b.duration && a.rate == b.rate && a.stages == b.stages);
    require(a.startRate == b.startRate && a.connections == b.connections && a.maxConnections == b.maxConnections);
    require(a.threads == b.threads && a.timeoutSeconds == b.timeoutSeconds && a.maxHeaderSize == b.maxHeaderSize);
    require(a.warmup == b.warmup && a.grace == b.grace && a.arrival == b.arrival && a.seed == b.seed);
    require(a.caFile == b.caFile && a.insecure == b.insecure && a.thresholds == b.thresholds);
    require(a.requests == b.requests);
    require(a.httpVersion == b.httpVersion && a.streams == b.streams);
    // Whatever it says, checking it gives a ready spec or messages, and never touches the network.
    const salvo::Validation v = salvo::validate(a, [](const std::string&) { return std::string("x"); });
    for (const auto& e : v.errors) require(!e.message.empty());
    for (const auto& p : salvo::placeErrors(read, v.errors)) require(!p.text().empty());
    if (!v.ok()) return 0;
    // Each named request goes to the run's server, and its head holds no line break of its own.
    for (const salvo::RequestSpec& r : v.spec.requests) {
        require(!r.name.empty() && r.weight >= 1 && !r.requestTarget.empty() && r.requestTarget[0] == '/');
        const std::string bytes = salvo::serializeRequest(v.spec, r, r.requestTarget, false);
        const auto headEnd = bytes.find("\r\n\r\n");
        require(headEnd != std::string::npos);
        for (std::size_t i = 0; i < headEnd; ++i)
            if (bytes[i] == '\n') require(i > 0 && bytes[i - 1] == '\r');
        // The same request as HTTP/2 fields: four pseudo-headers first, then lower-case names
        // HTTP/2 allows (RFC 9113 8.2).
        const auto fields = salvo::http2Fields(v.spec, r, r.requestTarget, false);
        require(fields.size() >= 4 && fields[0].first == ":method" && fields[3].first == ":path");
        for (std::size_t i = 4; i < fields.size(); ++i) {
            const std::string& name = fields[i].first;
            require(!name.empty() && name[0] != ':' && name != "host" && name != "connection");
            for (char c : name) require(!(c >= 'A' && c <= 'Z'));
        }
    }
    return 0;
}
