#include "SecondSummary.hpp"

#include "salvo/HdrEncoding.hpp"

namespace salvo {

void summarizeSecond(const LatencyHistogram& latency, const LatencyHistogram* service, SecondStats& stats) {
    stats.latencyP50 = latency.percentile(50);
    stats.latencyP90 = latency.percentile(90);
    stats.latencyP99 = latency.percentile(99);
    stats.latencyMax = latency.max();
    const LatencyHistogram& s = service ? *service : latency;
    stats.serviceP50 = s.percentile(50);
    stats.serviceP90 = s.percentile(90);
    stats.serviceP99 = s.percentile(99);
    stats.serviceMax = s.max();
    stats.latencyHdr = encodeHdrCompressed(latency);
    if (service) stats.serviceHdr = encodeHdrCompressed(*service);
}

}  // namespace salvo
