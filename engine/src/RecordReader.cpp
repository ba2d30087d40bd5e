// Reading a run record back into the RunResult it was written from (RunRecord.hpp). Keys that
// salvo.run/1's first writer (Salvo 0.1.0) wrote are required; keys added since are optional,
// so a record from an older Salvo still opens.

#include <boost/json/parse.hpp>
#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "JsonFields.hpp"
#include "salvo/HdrEncoding.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Shard.hpp"
#include "salvo/Version.hpp"

namespace salvo {
namespace json = boost::json;

namespace {

// A bound on what is read: a record holds about 1-20 KB per second of its run (the summary and
// two encoded histograms), so this is a day or more of seconds. Larger files are refused by name.
constexpr std::uint64_t kMaxRecordBytes = 2ull << 30;

std::uint64_t nanosOf(double ms) { return ms > 0 ? static_cast<std::uint64_t>(std::llround(ms * 1e6)) : 0; }

std::string checkFormat(const json::object& o) {
    const json::value* format = o.if_contains("format");
    if (!format)
        return "not a Salvo run record: it has no \"format\" key (a --json report is not a record: "
               "records are written with --record)";
    if (!format->is_string()) return "not a Salvo run record: its \"format\" is not a string";
    const std::string name(format->get_string());
    if (name == kRecordFormat) return {};
    if (name.starts_with("salvo.run/"))
        return "record format \"" + name + "\" cannot be read by Salvo " + salvoVersion() + ", which reads \"" +
               kRecordFormat + "\"";
    return "not a Salvo run record: its format is \"" + name + "\"";
}

void readStages(JsonFields& f, LoadPlan& l) {
    f.each("stages", [&l](JsonFields s) {
        Stage stage;
        s.need("duration_s", stage.seconds);
        s.need("target_rps", stage.targetRps);
        l.stages.push_back(stage);
    });
}

void readLoad(JsonFields f, RunResult& r) {
    LoadPlan& l = r.load;
    l.count = kNoCountLimit;  // null: time ends the run
    f.maybe("count", l.count);
    f.maybe("duration_s", l.durationSeconds);
    double rate = -1;
    f.maybe("rate", rate);
    if (rate >= 0) l.rate = rate;
    f.maybe("start_rate", l.startRate);
    f.maybe("max_connections", l.maxConnections);
    f.maybe("warmup_s", l.warmupSeconds);
    f.maybe("grace_s", l.graceSeconds);
    f.maybe("seed", l.seed);
    std::string arrival = "uniform";
    f.maybe("arrival", arrival);
    if (arrival == "poisson") l.arrival = Arrival::poisson;
    else if (arrival != "uniform") f.fail("arrival", "expected \"uniform\" or \"poisson\"");
    readStages(f, l);
    f.each("rate_changes", [&r](JsonFields c) {
        RateChange change;
        c.need("at_s", change.atSeconds);
        c.need("target_rps", change.targetRps);
        r.rateChanges.push_back(change);
    });
}

void readHistogram(JsonFields f, LatencyHistogram& h) {
    std::string hdr;
    std::uint64_t count = 0, min = 0, max = 0;
    double mean = 0;
    f.need("hdr", hdr);
    f.need("count", count);
    f.need("min_ns", min);
    f.need("max_ns", max);
    f.need("mean_ns", mean);
    long double sum = static_cast<long double>(mean) * count;
    if (f.has("sum_ns")) {  // exact where the writer could give it (RunRecord.cpp)
        std::uint64_t exact = 0;
        f.need("sum_ns", exact);
        sum = static_cast<long double>(exact);
    }
    if (!f.ok()) return;
    HdrDecoded decoded = decodeHdrBase64(hdr);
    if (!decoded.histogram) return f.fail("hdr", decoded.error);
    if (decoded.histogram->count() != count) return f.fail("count", "differs from its histogram's");
    if (!decoded.histogram->restoreExact(min, max, sum))
        return f.fail("min_ns", "min, max or mean lie outside the histogram's buckets");
    h = std::move(*decoded.histogram);
}

// Counts by status code and by error kind, as the report and the warm-up write them.
void readCounts(JsonFields f, const char* statusKey, const char* errorsKey, Tally& t) {
    JsonFields status = f.child(statusKey);
    for (const auto& [code, value] : status.object() ? *status.object() : json::object{}) {
        const std::string key(code);
        int parsed = 0;
        if (key.size() != 3 || key.find_first_not_of("0123456789") != std::string::npos ||
            (parsed = std::stoi(key)) < 100)
            return status.fail(key, "not a status code");
        std::uint64_t n = 0;
        status.need(key.c_str(), n);
        t.statusCounts[parsed] = n;
    }
    JsonFields errors = f.child(errorsKey);
    for (std::size_t i = 0; i < kErrorKindCount; ++i) errors.maybe(kErrorKindNames[i], t.errors[i]);
}

using MessageCounts = std::map<std::pair<std::string, std::string>, std::uint64_t>;

// error_messages: (kind, message) -> count, and when given, the seconds each was first and last seen.
MessageCounts readMessages(JsonFields& f, RunResult* seen) {
    MessageCounts counts;
    f.each("error_messages", [&](JsonFields m) {
        std::pair<std::string, std::string> key;
        std::uint64_t n = 0;
        ErrorSeen when;
        m.need("kind", key.first);
        m.need("message", key.second);
        m.need("count", n);
        m.maybe("first_second", when.firstSecond);
        m.maybe("last_second", when.lastSecond);
        counts[key] += n;
        if (seen) seen->errorsSeen[key] = when;
    });
    return counts;
}

void readWarmup(JsonFields f, Tally& w) {
    f.maybe("sent", w.sent);
    f.maybe("late", w.late);
    f.maybe("succeeded", w.succeeded);
    f.maybe("failed", w.failed);
    f.maybe("retried", w.retried);
    f.maybe("bytes_received", w.bytesReceived);
    f.maybe("unsolicited", w.unsolicited);
    f.maybe("goaway", w.goaways);
    f.maybe("connect_failures", w.connectFailures);
    if (f.has("status")) readCounts(f, "status", "errors", w);
    w.errorMessages = readMessages(f, nullptr);
}

// The report's figures are the whole run's minus the warm-up where it adds them in.
bool minus(JsonFields& f, const char* key, std::uint64_t all, std::uint64_t warmup, std::uint64_t& out) {
    if (warmup > all) return f.fail(key, "smaller than its warm-up share"), false;
    out = all - warmup;
    return true;
}

void readRequests(JsonFields f, RunResult& r) {
    Tally& t = r.total;
    std::uint64_t sent = 0;
    double longestMs = 0;
    f.need("planned", r.planned);
    f.need("succeeded", t.succeeded);
    f.need("failed", t.failed);
    f.maybe("retried", t.retried);
    f.maybe("late", t.late);
    f.maybe("in_flight_at_end", r.inFlightAtEnd);
    f.maybe("in_flight_longest_ms", longestMs);
    f.maybe("scheduled", r.scheduled);
    f.maybe("dropped", r.dropped);
    f.maybe("sent", sent);
    r.inFlightLongestSeconds = longestMs / 1000;
    minus(f, "sent", sent, r.warmup.sent, t.sent);
}

void readTotals(JsonFields& f, RunResult& r) {
    Tally& t = r.total;
    readRequests(f.child("requests"), r);
    readCounts(f, "status", "errors", t);
    f.maybe("bytes_received", t.bytesReceived);
    JsonFields connections = f.child("connection_errors", false);
    std::uint64_t unsolicited = r.warmup.unsolicited, connects = r.warmup.connectFailures, goaways = r.warmup.goaways;
    connections.maybe("unsolicited", unsolicited);
    connections.maybe("failed_connects", connects);
    connections.maybe("goaway", goaways);
    minus(f, "connection_errors", unsolicited, r.warmup.unsolicited, t.unsolicited);
    minus(f, "connection_errors", goaways, r.warmup.goaways, t.goaways);
    minus(f, "connection_errors", connects, r.warmup.connectFailures, t.connectFailures);
    for (const auto& [key, n] : readMessages(f, &r)) {
        const auto w = r.warmup.errorMessages.find(key);
        std::uint64_t own = 0;
        if (!minus(f, "error_messages", n, w == r.warmup.errorMessages.end() ? 0 : w->second, own)) break;
        if (own) t.errorMessages[key] = own;
    }
    if (const json::array* samples = f.array("error_samples", false))
        for (const auto& s : *samples)
            if (s.is_string()) t.errorSamples.emplace_back(s.get_string());
    JsonFields histograms = f.child("histograms");
    readHistogram(histograms.child("latency"), t.latency);
    readHistogram(histograms.child("service_time"), t.serviceTime);
    readHistogram(histograms.child("lag"), t.lag);
    // The timing breakdown came after 0.1.0: optional.
    const std::pair<const char*, LatencyHistogram*> timing[] = {
        {"dns", &t.dns}, {"connect", &t.connect}, {"tls", &t.tlsHandshake}, {"first_byte", &t.firstByte}};
    for (const auto& [name, h] : timing)
        if (histograms.has(name)) readHistogram(histograms.child(name), *h);
}

// Several named requests (after 0.1.0: optional): each one's counts and histograms.
void readByRequest(JsonFields& f, RunResult& r) {
    f.each("by_request", [&](JsonFields q) {
        std::string name;
        Tally t;
        q.need("name", name);
        q.maybe("sent", t.sent);
        q.need("succeeded", t.succeeded);
        q.need("failed", t.failed);
        q.maybe("bytes_received", t.bytesReceived);
        readCounts(q, "status", "errors", t);
        JsonFields histograms = q.child("histograms");
        readHistogram(histograms.child("latency"), t.latency);
        readHistogram(histograms.child("service_time"), t.serviceTime);
        readHistogram(histograms.child("first_byte"), t.firstByte);
        r.requestNames.push_back(std::move(name));
        r.requests.push_back(std::move(t));
    });
}

void readLimits(JsonFields f, Limits& l) {
    std::string verdict = "ok";
    f.maybe("verdict", verdict);
    if (verdict == "connection_limited") l.verdict = Verdict::connectionLimited;
    else if (verdict == "generator_limited") l.verdict = Verdict::generatorLimited;
    else if (verdict != "ok") f.fail("verdict", "unknown verdict \"" + verdict + "\"");
    f.maybe("engine_cpu_max", l.engineCpuMax);
    f.maybe("peak_connections", l.peakConnections);
    f.maybe("waited_for_connection", l.waitedForConnection);
    f.maybe("idle_lag_p99_ms", l.idleLagP99Ms);
    f.maybe("loop_lag_p99_ms", l.loopLagP99Ms);
    f.maybe("connections_needed", l.connectionsNeeded);
    f.maybe("message", l.message);
}

// A second's histogram, kept encoded as the run kept it. Only its framing is checked here (base64,
// HdrHistogram's cookie): decoding thousands of seconds to open a record would cost more than
// anything that reads the record does with them. A broken one fails where it is decoded.
void readSecondHistogram(JsonFields& s, const char* key, std::string& out) {
    std::string text;
    s.maybe(key, text);
    if (text.empty() || !s.ok()) return;
    auto bytes = base64Decode(text);
    if (!bytes) return s.fail(key, "not base64");
    if (!text.starts_with("HIST")) return s.fail(key, "not an HdrHistogram V2 encoding");
    out = std::move(*bytes);
}

void readSecond(JsonFields s, SecondStats& second) {
    double ms[8] = {};
    const char* keys[8] = {"latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_max_ms",
                           "service_time_p50_ms", "service_time_p90_ms", "service_time_p99_ms", "service_time_max_ms"};
    for (int k = 0; k < 8; ++k) (k < 4 ? s.need(keys[k], ms[k]) : s.maybe(keys[k], ms[k]));
    std::uint64_t* fields[8] = {&second.latencyP50, &second.latencyP90, &second.latencyP99, &second.latencyMax,
                                &second.serviceP50, &second.serviceP90, &second.serviceP99, &second.serviceMax};
    for (int k = 0; k < 8; ++k) *fields[k] = nanosOf(ms[k]);
    s.need("sent", second.sent);
    s.need("completed", second.completed);
    s.need("failed", second.failed);
    second.responses = second.completed;
    s.maybe("responses", second.responses);
    s.maybe("in_flight", second.inFlight);
    s.maybe("target_rps", second.targetRps);
    s.maybe("connections", second.connections);
    s.maybe("warmup", second.warmup);
    readSecondHistogram(s, "latency_hdr", second.latencyHdr);
    readSecondHistogram(s, "service_time_hdr", second.serviceHdr);
}

void readTimeline(JsonFields& f, RunResult& r) {
    f.each("timeline", [&r](JsonFields s) {
        SecondStats second;
        readSecond(s, second);
        r.timeline.push_back(std::move(second));
    }, true);
}

void readOutcome(JsonFields& f, RunResult& r) {
    std::string outcome;
    f.need("outcome", outcome);
    if (outcome == "finished") r.outcome = Outcome::finished;
    else if (outcome == "cancelled") r.outcome = Outcome::cancelled;
    else if (outcome == "failed") r.outcome = Outcome::failed;
    else if (f.ok()) f.fail("outcome", "expected \"finished\", \"cancelled\" or \"failed\"");
    f.maybe("message", r.message);
}

// Thresholds as they were judged when the run ended (added after 0.1.0: optional).
void readThresholds(JsonFields& f, RunResult& r) {
    f.each("thresholds", [&](JsonFields t) {
        ThresholdOutcome o;
        std::string state;
        t.need("threshold", o.threshold);
        t.need("state", state);
        t.maybe("metric", o.metric);
        t.maybe("value", o.value);
        t.maybe("limit", o.limit);
        t.maybe("unit", o.unit);
        t.maybe("measured", o.measured);
        t.maybe("abort_on_fail", o.abortOnFail);
        t.maybe("aborted", o.aborted);
        const auto* value = t.object() ? t.object()->if_contains("value") : nullptr;
        o.hasValue = value && value->is_number();
        if (state == "passed") o.state = ThresholdState::passed;
        else if (state == "failed") o.state = ThresholdState::failed;
        else if (state != "pending") t.fail("state", "unknown state \"" + state + "\"");
        r.thresholds.push_back(std::move(o));
    });
}

// One share of a run split over machines (after 0.1.0: optional; absent for a whole run).
void readShard(JsonFields f, Shard& shard) {
    if (!f.object()) return;
    f.need("index", shard.index);
    f.need("count", shard.count);
    f.maybe("source", shard.source);
    if (f.ok() && (shard.count < 1 || shard.count > kMaxShards)) f.fail("count", "not from 1 to " + std::to_string(kMaxShards));
    if (f.ok() && shard.index >= shard.count) f.fail("index", "not below the shard count");
}

void readMergedFrom(JsonFields& f, RunRecord& record) {
    f.each("merged_from", [&record](JsonFields m) {
        MergedShare share;
        m.need("shard", share.shard);
        m.maybe("host", share.host);
        m.maybe("started_at", share.startedAt);
        record.mergedFrom.push_back(std::move(share));
    });
}

void readResult(JsonFields& f, RunResult& r) {
    readOutcome(f, r);
    f.need("url", r.url);
    f.need("connections", r.connections);
    f.need("threads", r.threads);
    f.maybe("insecure", r.insecure);
    f.maybe("protocol", r.protocol);
    f.maybe("protocol_note", r.protocolNote);
    f.maybe("streams", r.streams);
    readShard(f.child("shard", false), r.shard);
    JsonFields byProtocol = f.child("connections_by_protocol", false);
    byProtocol.maybe("h2", r.http2Connections);
    byProtocol.maybe("http/1.1", r.http1Connections);
    byProtocol.maybe("fell_back", r.fellBackConnections);
    f.maybe("duration_s", r.elapsedSeconds);
    readLoad(f.child("load"), r);
    readWarmup(f.child("warmup", false), r.warmup);
    readTotals(f, r);
    readLimits(f.child("limits", false), r.limits);
    readThresholds(f, r);
    readByRequest(f, r);
    readTimeline(f, r);
    if (!r.timeline.empty()) {  // the gauges as the run ended, for the figures shown when reopened
        r.connectionsNow = r.timeline.back().connections;
        r.inFlightNow = r.timeline.back().inFlight;
    }
}

// RFC 3339 in UTC with milliseconds, as formatUtc writes it (the .hlog's start time comes from it).
bool isUtcTime(const std::string& text) {
    static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (text.size() != shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != shape[i]) return false;
    return true;
}

RecordRead readRecordJson(std::string_view text, json::value* parsed) {
    boost::system::error_code ec;
    json::parse_options options;
    options.allow_invalid_utf8 = true;  // as written: header values and bodies are bytes, not text
    json::value document = json::parse(text, ec, {}, options);
    if (ec) return {std::nullopt, "not JSON: " + ec.message()};
    if (!document.is_object()) return {std::nullopt, "not a Salvo run record: not a JSON object"};
    const json::object& o = document.get_object();
    if (std::string why = checkFormat(o); !why.empty()) return {std::nullopt, why};
    RunRecord record;
    std::string error;
    JsonFields f(&o, "", error);
    f.need("started_at", record.startedAt);
    if (f.ok() && !isUtcTime(record.startedAt)) f.fail("started_at", "expected a UTC time like 2026-11-26T09:30:00.123Z");
    f.maybe("host", record.host);
    f.maybe("salvo_version", record.salvoVersion);
    f.maybe("label", record.label);
    f.maybe("secrets_kept", record.secretsKept);
    f.maybe("planned_start", record.plannedStart);
    if (f.ok() && !record.plannedStart.empty() && !isUtcTime(record.plannedStart))
        f.fail("planned_start", "expected a UTC time like 2026-11-26T09:30:00.123Z");
    readMergedFrom(f, record);
    if (const json::object* spec = f.child("spec", false).object()) record.spec = *spec;
    readResult(f, record.result);
    if (!error.empty()) return {std::nullopt, error};
    if (parsed) *parsed = std::move(document);
    return {std::move(record), {}};
}

}  // namespace

RecordRead readRecord(std::string_view text, json::value* document) {
    try {
        return readRecordJson(text, document);
    } catch (const std::exception& e) {  // std::bad_alloc on a huge document: said, never thrown
        return {std::nullopt, std::string("cannot be read: ") + e.what()};
    }
}

RecordRead readRecordFile(const std::string& path, json::value* document) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, "cannot open " + path + ": " + std::strerror(errno)};
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0);
    if (size < 0 || static_cast<std::uint64_t>(size) > kMaxRecordBytes)
        return {std::nullopt, path + ": too large for a run record"};
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), size);
    if (!in) return {std::nullopt, "cannot read " + path + ": " + std::strerror(errno)};
    RecordRead read = readRecord(text, document);
    if (!read.record) read.error = path + ": " + read.error;
    return read;
}

}  // namespace salvo
