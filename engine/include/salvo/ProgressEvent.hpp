#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "salvo/LatencyHistogram.hpp"
#include "salvo/Tally.hpp"

namespace salvo {

// How a worker's share of the run went, beyond the counts: what the verdict on the generator's
// own limits is made of. Sent once, with the worker's final event.
struct WorkerEnd {
    std::uint64_t scheduled = 0;   // requests of this share due before the run stopped issuing
    std::uint64_t dropped = 0;     // of those, never sent
    std::uint64_t waitedForConnection = 0;  // sent more than 10 ms late because no connection was free
    std::uint32_t peakConnections = 0;
    double cpuSeconds = 0;         // this thread's CPU time (CLOCK_THREAD_CPUTIME_ID)
    double busySeconds = 0;        // wall time over which that CPU share is measured
    double inFlightLongestSeconds = 0;  // the oldest request abandoned at the end, how long it had run
    // Connections set up, by the protocol they spoke (each connect counts); of the HTTP/1.1 ones,
    // those where --http2=auto fell back because the server did not offer HTTP/2.
    std::uint64_t http2Connections = 0;
    std::uint64_t http1Connections = 0;
    std::uint64_t fellBackConnections = 0;
    // How late the schedule ran while a connection sat idle (the generator's own delay), and how
    // late the worker's periodic tick ran (the event loop's delay: a CPU quota shows here).
    LatencyHistogram idleLag;
    LatencyHistogram loopLag;
};

// What a worker thread sends to the consumer: the counts since its previous event (a delta,
// never a running total), cut at whole seconds of the run so every count lands in its second,
// pushed every ~50 ms whether or not anything completed, and once more when the worker ends.
struct ProgressEvent {
    std::uint32_t worker = 0;   // which worker sent it
    std::uint32_t second = 0;   // the second of the run these counts belong to
    double elapsedSeconds = 0;  // since the run started, when this delta was cut
    Tally delta;                // requests due after the warm-up
    Tally warmup;               // requests due during the warm-up, kept apart from the figures
    // With several named requests: `delta` split by request (RunSpec::requests' order); not cut
    // at seconds. Empty with one request.
    std::vector<Tally> requests;
    std::uint32_t connections = 0;  // open connections when cut (a gauge, not a delta)
    // Requests handed to connections and not yet answered or failed, when cut (a gauge). On the
    // last event: those abandoned when the worker was stopped.
    std::uint64_t inFlight = 0;

    // Set on the worker's last event only (handed over by Worker::takeFinal, not the queue).
    bool last = false;           // this is that event
    bool cancelled = false;      // the worker was stopped by cancel()
    bool fatal = false;          // the worker stopped early: the run cannot go on (see message)
    std::string message;         // why, when fatal
    WorkerEnd end;
};

}  // namespace salvo
