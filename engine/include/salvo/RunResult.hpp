#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "salvo/LoadPlan.hpp"
#include "salvo/ProgressEvent.hpp"
#include "salvo/RunSpec.hpp"
#include "salvo/Tally.hpp"
#include "salvo/Threshold.hpp"

namespace salvo {

class RateCurve;

enum class Outcome { running, finished, cancelled, failed };
const char* outcomeName(Outcome outcome);

// Whether the figures describe the target. See Limits.
enum class Verdict { ok, connectionLimited, generatorLimited };
const char* verdictName(Verdict verdict);  // "ok", "connection_limited", "generator_limited"

// The generator's own limits, judged when the run ends (README: "Honest numbers").
struct Limits {
    Verdict verdict = Verdict::ok;
    double engineCpuMax = 0;         // 0..1: the busiest engine thread's CPU share
    std::uint32_t peakConnections = 0;
    std::uint64_t waitedForConnection = 0;
    double idleLagP99Ms = 0;         // schedule lateness while a connection sat idle
    double loopLagP99Ms = 0;         // event-loop lateness of the engine threads
    double connectionsNeeded = 0;    // Little's law: rate x mean service time (open model)
    std::string message;             // what the verdict means for this run; empty when ok
};

// One whole second of the run, closed once every engine thread has moved past it.
struct SecondStats {
    std::uint64_t sent = 0;          // requests written in this second
    std::uint64_t completed = 0;     // responses and failures counted in this second
    std::uint64_t failed = 0;
    std::uint64_t responses = 0;     // of those, answered with a status: the ones with a latency
    std::uint64_t latencyP50 = 0, latencyP90 = 0, latencyP99 = 0, latencyMax = 0;  // ns
    std::uint64_t serviceP50 = 0, serviceP90 = 0, serviceP99 = 0, serviceMax = 0;  // ns; equal
                                     // the latency figures in the closed model
    // Gauges, read when the second closes (at most one flush, ~50 ms, after its end).
    std::uint64_t inFlight = 0;      // requests held by connections, not yet answered
    double targetRps = 0;            // the plan's rate at the middle of the second (open model)
    std::uint32_t connections = 0;   // open connections
    bool warmup = false;             // the second started within the warm-up
    // This second's histograms in HdrHistogram's V2 compressed encoding (binary; HdrEncoding.hpp):
    // what records keep, compare and export. Encoded once, when the second closes, so a long run
    // holds about 1-9 KB per second, whatever its request rate. serviceHdr is empty in the
    // closed model, where the service time is the latency.
    std::string latencyHdr;
    std::string serviceHdr;
};

// When a kind of failure with one message was seen (seconds of the run, 0-based).
struct ErrorSeen {
    std::uint32_t firstSecond = 0;
    std::uint32_t lastSecond = 0;
};

struct RateChange {
    double atSeconds = 0;
    double targetRps = 0;
};

// Everything known about a run so far, built on the consumer's side by merging events.
// The GUI's live figures, the summary, the CLI and every export read this one value.
struct RunResult {
    // What was asked.
    std::string url;
    std::uint64_t planned = 0;       // the count, or 0 when time ends the run
    std::uint32_t connections = 0;
    std::uint32_t threads = 0;
    bool insecure = false;  // TLS verification was switched off on purpose
    LoadPlan load;
    double timeoutSeconds = 30;
    std::uint32_t streams = 1;  // HTTP/2: streams per connection asked for
    // Of a run split over machines: which share this is (planned, connections and load are the
    // share's). A merged record is the whole again: count 1, and RunRecord::mergedFrom says so.
    Shard shard;

    // What happened.
    Outcome outcome = Outcome::running;
    std::string message;           // why it failed or was cancelled; empty when finished
    Tally total;                   // every request due after the warm-up
    Tally warmup;                  // requests due during the warm-up (not in the figures)
    double elapsedSeconds = 0;     // from start to the newest event
    std::uint64_t inFlightAtEnd = 0;  // requests abandoned by a cancel, a failure or the grace end
    double inFlightLongestSeconds = 0;
    std::uint64_t scheduled = 0;   // due before the run stopped issuing (open model; closed: sent)
    std::uint64_t dropped = 0;     // due but never sent
    std::vector<SecondStats> timeline;  // closed seconds, one entry per second (all of them once done)
    std::vector<RateChange> rateChanges;
    std::uint32_t connectionsNow = 0;   // open connections at the newest events (all threads)
    std::uint64_t inFlightNow = 0;      // held by connections at the newest events (all threads)
    // For each (kind, message) of Tally::errorMessages, warm-up included: first and last second.
    std::map<std::pair<std::string, std::string>, ErrorSeen> errorsSeen;
    Limits limits;
    // The protocol the run spoke: "http/1.1", "h2" (over TLS) or "h2c"; what was asked until a
    // connection is set up. With --http2=auto, `protocolNote` says where HTTP/1.1 was spoken
    // instead (empty when everything went as asked).
    std::string protocol = "http/1.1";
    std::string protocolNote;
    std::uint64_t http2Connections = 0;  // connections set up, by what they spoke
    std::uint64_t http1Connections = 0;
    std::uint64_t fellBackConnections = 0;  // of the HTTP/1.1 ones: --http2=auto's fallbacks
    // Pass/fail gates: the spec's, and how each stands (judged on every drain; final once done).
    std::vector<Threshold> thresholdRules;
    std::vector<ThresholdOutcome> thresholds;
    // Several named requests: their names (the plan's order) and `total` split by request. Both
    // empty for a run of one request.
    std::vector<std::string> requestNames;
    std::vector<Tally> requests;
    const Tally* requestTally(const std::string& name) const;  // null: no request of that name

    static RunResult planFor(const RunSpec& spec);
    void apply(const ProgressEvent& event);
    // Called once every worker's final event was applied: closes the remaining seconds and
    // judges the limits.
    void complete();

    bool done() const { return outcome != Outcome::running; }
    bool open() const { return load.open(); }
    std::uint64_t sent() const { return total.sent + warmup.sent; }
    double measuredSeconds() const;    // seconds of issuing after the warm-up: what rates divide by
    double requestsPerSecond() const;  // completed (after warm-up) per second of the measured time
    // `count` per second of the measured time (a named request's rate); none before there is any.
    std::optional<double> perMeasuredSecond(std::uint64_t count) const;
    double succeededPerSecond() const; // the same for successful responses only: throughput
    double progress() const;  // 0..1: of the time limit or of the count, whichever is further
    // The newest closed second (completed per second, its p99): live figures that move with time.
    const SecondStats* lastSecond() const { return timeline.empty() ? nullptr : &timeline.back(); }
    double targetRateNow() const;  // the plan's rate at elapsedSeconds (0 in the closed model)
    // Every failure by (kind, message), the warm-up included, counts added as they are (not
    // capped again): what the error table and the JSON report list, keyed like errorsSeen.
    std::map<std::pair<std::string, std::string>, std::uint64_t> errorMessages() const;

private:
    RateCurve rateCurve() const;
    void noteProtocol();
    void closeSecondsBefore(std::uint32_t second);
    void noteSeen(const std::pair<std::string, std::string>& key, std::uint32_t second);
    std::map<std::uint32_t, Tally> openSeconds_;   // seconds some worker may still add to
    std::vector<std::uint32_t> workerSecond_;      // per worker: the newest second it reported
    std::vector<WorkerEnd> ends_;
    std::vector<double> lastConnections_;
    std::vector<std::uint64_t> lastInFlight_;
};

}  // namespace salvo
