// libFuzzer: any text as a plan file -> readPlan() -> validate(). Besides crashes, it checks the
// writer's promise: a plan that reads, written back with writePlan(), reads again to the same input.
#include <cstdint>
#include <string>

#include "FuzzText.hpp"
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
    // Whatever it says, checking it gives a ready spec or messages, and never touches the network.
    const salvo::Validation v = salvo::validate(a, [](const std::string&) { return std::string("x"); });
    for (const auto& e : v.errors) require(!e.message.empty());
    for (const auto& p : salvo::placeErrors(read, v.errors)) require(!p.text().empty());
    return 0;
}
