#include "salvo/RunRecord.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "salvo/HdrEncoding.hpp"
#include "salvo/Report.hpp"
#include "salvo/Version.hpp"

namespace salvo {
namespace json = boost::json;

namespace {

std::string hostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

// Whole-run histograms: the buckets (HdrHistogram V2, compressed, base64) and beside them the
// exact figures the buckets round: count, min, max and mean (ns), and the sum of the values
// as a whole number while it fits in 64 bits: Boost.JSON 1.81 reads some 17-digit doubles one
// bit off, so a mean read back could differ from the one written; an integer reads exactly.
json::object histogramJson(const LatencyHistogram& h) {
    json::object o{{"count", h.count()}, {"min_ns", h.min()}, {"max_ns", h.max()},
                   {"mean_ns", h.mean()}, {"hdr", encodeHdrBase64(h)}};
    if (h.sum() < 18e18L) o["sum_ns"] = static_cast<std::uint64_t>(h.sum());
    return o;
}

json::array messagesJson(const Tally& t) {
    json::array messages;
    for (const auto& [key, n] : t.errorMessages)
        messages.push_back(json::object{{"kind", key.first}, {"message", key.second}, {"count", n}});
    return messages;
}

// What the report folds into its totals or leaves out, so a reader can take the warm-up apart.
json::object warmupJson(const Tally& t) {
    json::object status, errors;
    for (const auto& [code, n] : t.statusCounts) status[std::to_string(code)] = n;
    for (std::size_t i = 0; i < kErrorKindCount; ++i) errors[kErrorKindNames[i]] = t.errors[i];
    return {{"sent", t.sent},          {"late", t.late},
            {"succeeded", t.succeeded}, {"failed", t.failed},
            {"retried", t.retried},     {"bytes_received", t.bytesReceived},
            {"unsolicited", t.unsolicited}, {"goaway", t.goaways}, {"connect_failures", t.connectFailures},
            {"status", std::move(status)},   {"errors", std::move(errors)},
            {"error_messages", messagesJson(t)}};
}

// The report's timeline entries gain their second's histograms and how many responses they hold.
void addTimelineHistograms(const RunResult& r, json::array& timeline) {
    for (std::size_t i = 0; i < timeline.size() && i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        json::object& entry = timeline[i].as_object();
        entry["responses"] = s.responses;
        entry["latency_hdr"] = base64Encode(s.latencyHdr.empty() ? emptyHdrCompressed() : s.latencyHdr);
        if (r.open()) entry["service_time_hdr"] = base64Encode(s.serviceHdr.empty() ? emptyHdrCompressed() : s.serviceHdr);
    }
}

}  // namespace

std::string formatUtc(std::chrono::system_clock::time_point when) {
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(when.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[80];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>((ms % 1000 + 1000) % 1000));
    return text;
}

namespace {

json::array headersJson(const std::vector<std::pair<std::string, std::string>>& list, bool keepSecrets) {
    json::array headers;
    for (const auto& [name, value] : list)
        headers.push_back(json::object{{"name", name}, {"value", keepSecrets ? value : kRedacted}});
    return headers;
}

// A body file is named, not copied in.
std::string bodyJson(const std::string& body, const std::string& bodyFile, bool keepSecrets) {
    return !bodyFile.empty() ? std::string() : !keepSecrets && !body.empty() ? std::string(kRedacted) : body;
}

// Several named requests: what each sends, as the run's own request is kept.
json::array namedRequestsJson(const RunSpec& spec, bool keepSecrets) {
    json::array out;
    for (const RequestSpec& r : spec.requests) {
        json::object o{{"name", r.name}, {"method", r.method}, {"target", r.requestTarget}, {"weight", r.weight},
                       {"headers", headersJson(r.headers, keepSecrets)},
                       {"body", bodyJson(r.body, r.bodyFile, keepSecrets)}, {"body_bytes", r.body.size()}};
        if (!r.bodyFile.empty()) o["body_file"] = r.bodyFile;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace

json::object specJson(const RunSpec& spec, bool keepSecrets) {
    // Basic auth is never kept, not even on request.
    json::object spec_{{"url", spec.target.url()},
            {"method", spec.method},
            {"headers", headersJson(spec.headers, keepSecrets)},
            {"body", bodyJson(spec.body, spec.bodyFile, keepSecrets)},
            {"body_bytes", spec.body.size()},
            {"connections", spec.connections},
            {"threads", spec.threads},
            {"timeout_s", std::chrono::duration<double>(spec.timeout).count()},
            {"max_header_bytes", spec.maxHeaderBytes},
            {"tls", {{"verify", spec.tls.verify}, {"ca_file", spec.tls.caFile}, {"cert_file", spec.tls.certFile}}}};
    if (!spec.bodyFile.empty()) spec_["body_file"] = spec.bodyFile;
    if (!spec.basicAuth.empty()) spec_["basic_auth"] = kRedacted;
    if (!spec.keepAlive) spec_["keepalive"] = false;
    if (spec.maxRedirects) spec_["redirects"] = spec.maxRedirects;
    if (spec.http2()) spec_["http"] = httpVersionName(spec.http);  // what ran is the result's "protocol"
    if (spec.streams > 1) spec_["streams"] = spec.streams;
    if (spec.connectTo)
        spec_["connect_to"] = spec.connectTo->address + ":" + std::to_string(spec.connectTo->addressPort);
    if (!spec.requests.empty()) spec_["requests"] = namedRequestsJson(spec, keepSecrets);
    return spec_;
}

namespace {

void redact(json::object& safe) {
    if (json::array* headers = safe.contains("headers") ? safe["headers"].if_array() : nullptr)
        for (json::value& header : *headers)
            if (json::object* h = header.if_object(); h && h->contains("value")) (*h)["value"] = kRedacted;
    if (const json::value* body = safe.if_contains("body"); body && body->is_string() && !body->get_string().empty())
        safe["body"] = kRedacted;
}

}  // namespace

json::object withoutSecrets(const json::object& spec) {
    json::object safe = spec;
    redact(safe);
    if (json::array* requests = safe.contains("requests") ? safe["requests"].if_array() : nullptr)
        for (json::value& request : *requests)
            if (json::object* r = request.if_object()) redact(*r);
    return safe;
}

RunRecord makeRecord(const RunSpec& spec, RunResult result, std::chrono::system_clock::time_point started,
                     bool keepSecrets) {
    RunRecord record;
    record.result = std::move(result);
    record.spec = specJson(spec, keepSecrets);
    record.startedAt = formatUtc(started);
    record.host = hostName();
    record.salvoVersion = salvoVersion();
    record.secretsKept = keepSecrets;
    return record;
}

json::object recordJson(const RunRecord& record) {
    const RunResult& r = record.result;
    json::object o = reportJson(r);
    o["format"] = kRecordFormat;
    o["salvo_version"] = record.salvoVersion;
    o["host"] = record.host;
    o["started_at"] = record.startedAt;
    o["label"] = record.label;
    o["secrets_kept"] = record.secretsKept;
    o["spec"] = record.spec;
    if (!record.plannedStart.empty()) o["planned_start"] = record.plannedStart;
    if (!record.mergedFrom.empty()) {
        json::array shares;
        for (const MergedShare& m : record.mergedFrom)
            shares.push_back(json::object{{"shard", m.shard}, {"host", m.host}, {"started_at", m.startedAt}});
        o["merged_from"] = std::move(shares);
    }
    o["histograms"] = json::object{{"latency", histogramJson(r.total.latency)},
                                   {"service_time", histogramJson(r.total.serviceTime)},
                                   {"lag", histogramJson(r.total.lag)},
                                   {"dns", histogramJson(r.total.dns)},
                                   {"connect", histogramJson(r.total.connect)},
                                   {"tls", histogramJson(r.total.tlsHandshake)},
                                   {"first_byte", histogramJson(r.total.firstByte)}};
    o["warmup"] = warmupJson(r.warmup);
    json::array& byRequest = o["by_request"].as_array();
    for (std::size_t i = 0; i < byRequest.size() && i < r.requests.size(); ++i)
        byRequest[i].as_object()["histograms"] = json::object{{"latency", histogramJson(r.requests[i].latency)},
                                                              {"service_time", histogramJson(r.requests[i].serviceTime)},
                                                              {"first_byte", histogramJson(r.requests[i].firstByte)}};
    addTimelineHistograms(r, o["timeline"].as_array());
    return o;
}

void writeRecord(const RunRecord& record, std::ostream& out) { out << json::serialize(recordJson(record)) << '\n'; }

namespace {

// Writes `text` beside `path` and renames it over, so a reader never sees half a file. A file
// holding secrets the person chose to keep is readable by them alone.
std::string replaceFile(const std::string& path, const std::string& text, bool secret = false) {
    const std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return "cannot write " + temporary + ": " + std::strerror(errno);
        if (secret && chmod(temporary.c_str(), S_IRUSR | S_IWUSR) != 0) {
            const std::string why = std::strerror(errno);
            std::remove(temporary.c_str());
            return "cannot make " + temporary + " private: " + why;
        }
        out << text;
        out.flush();
        if (!out) {
            const std::string why = std::strerror(errno);
            std::remove(temporary.c_str());
            return "cannot write " + temporary + ": " + why;
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temporary.c_str());
        return "cannot write " + path + ": " + why;
    }
    return {};
}

}  // namespace

std::string saveRecordFile(const RunRecord& record, const std::string& path) {
    std::ostringstream text;
    writeRecord(record, text);
    return replaceFile(path, text.str(), record.secretsKept);
}

std::string relabelRecordFile(const std::string& path, const std::string& label) {
    json::value document;
    const RecordRead read = readRecordFile(path, &document);  // refuses what is not a record
    if (!read.record) return read.error;
    document.as_object()["label"] = label;
    return replaceFile(path, json::serialize(document) + "\n", read.record->secretsKept);
}

}  // namespace salvo
