// libFuzzer: the load-model fields as typed -> validate() -> LoadPlan -> Schedule. Besides
// crashes and hangs, it checks what the schedule promises: due times are finite, never negative,
// never decreasing, inside the plan; shares split the one schedule without overlap; and the
// integrated rate and its inverse agree.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "FuzzText.hpp"
#include "salvo/RunSpec.hpp"
#include "salvo/Schedule.hpp"

namespace {
using salvo::fuzz::require;
using salvo::fuzz::split;

void checkSchedule(const salvo::LoadPlan& plan, std::uint32_t shares) {
    using salvo::RateCurve;
    std::vector<double> whole;
    salvo::Schedule one(plan, 0, 1);
    for (int i = 0; i < 300 && one.nextDue() != RateCurve::kForever; ++i, one.advance()) {
        const double due = one.nextDue();
        require(std::isfinite(due) && due >= 0 && due < one.curve().end() + 1e-9);
        require(whole.empty() || due >= whole.back());
        whole.push_back(due);
    }
    for (std::uint32_t share = 0; share < shares; ++share) {
        salvo::Schedule part(plan, share, shares);
        for (int i = 0; i < 100 && part.nextDue() != RateCurve::kForever; ++i, part.advance()) {
            require(part.nextIndex() % shares == share);
            if (part.nextIndex() < whole.size()) require(part.nextDue() == whole[part.nextIndex()]);
        }
    }
    if (plan.arrival == salvo::Arrival::uniform && !whole.empty()) {
        const RateCurve& curve = one.curve();
        const double t = whole.back();
        require(std::fabs(curve.integral(t) - static_cast<double>(whole.size() - 1)) <= 1e-6 * whole.size() + 1e-6);
        require(one.remainingBefore(t) == 0);
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > 4096) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto parts = split(text, '\n');
    salvo::RunInput in;
    in.url = "http://127.0.0.1:8080/";
    auto field = [&](std::size_t i, std::string& out) { if (i < parts.size()) out = parts[i]; };
    field(0, in.count);
    field(1, in.duration);
    field(2, in.rate);
    field(3, in.startRate);
    field(4, in.connections);
    field(5, in.maxConnections);
    field(6, in.warmup);
    field(7, in.grace);
    field(8, in.arrival);
    field(9, in.seed);
    field(10, in.threads);
    if (parts.size() > 11 && !parts[11].empty()) in.stages = split(parts[11], ',');
    const salvo::Validation v = salvo::validate(in);
    if (!v.ok()) {
        for (const auto& e : v.errors) require(!e.message.empty());
        return 0;
    }
    const salvo::LoadPlan& plan = v.spec.load;
    require(plan.count >= 1);
    require(plan.counted() || plan.timed());  // something always ends the run
    require(!plan.open() || plan.maxConnections >= v.spec.connections);
    require(plan.graceSeconds >= 0 && plan.warmupSeconds >= 0);
    require(!plan.timed() || plan.warmupSeconds < plan.durationSeconds);
    if (plan.open()) checkSchedule(plan, 1 + data[0] % 4);
    return 0;
}
