#pragma once

#include <cstdint>
#include <string>

#include "salvo/Tally.hpp"

namespace salvo {

// What a worker thread sends to the consumer: the counts since its previous event (a delta,
// never a running total), pushed every ~50 ms and once more when the worker ends.
struct ProgressEvent {
    double elapsedSeconds = 0;  // since the run started, when this delta was cut
    Tally delta;

    // Set on the worker's last event only (handed over by Worker::takeFinal, not the queue).
    bool cancelled = false;      // the worker was stopped by cancel()
    bool fatal = false;          // the worker stopped early: the run cannot go on (see message)
    std::string message;         // why, when fatal
    std::uint64_t inFlight = 0;  // requests that were in flight when the worker was stopped
};

}  // namespace salvo
