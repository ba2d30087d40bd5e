#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "salvo/RunResult.hpp"
#include "salvo/RunSpec.hpp"

namespace salvo {

// A run kept for later: the JSON report (same top-level keys, so whatever reads reports reads
// records) plus what it takes to reproduce and compare it. README "Run records" has the keys.
inline constexpr const char* kRecordFormat = "salvo.run/1";
// What stands in a record for a header value or a body that was not kept.
inline constexpr const char* kRedacted = "[redacted]";

// One share a merged record was made from (RecordMerge.hpp).
struct MergedShare {
    std::uint32_t shard = 0;
    std::string host;
    std::string startedAt;
    bool operator==(const MergedShare&) const = default;
};

struct RunRecord {
    RunResult result;          // complete: figures, timeline, histograms as the run ended
    boost::json::object spec;  // what was asked: see specJson
    std::string startedAt;     // UTC, RFC 3339 with milliseconds: "2026-11-26T09:30:00.123Z"
    std::string host;          // the machine that ran it
    std::string salvoVersion;  // the Salvo that ran it
    std::string label;         // the person's own name for the run; empty until they give one
    bool secretsKept = false;  // header values and the body are in spec (opted in)
    std::string plannedStart;  // --start-at, as startedAt is written; empty: started when launched
    std::vector<MergedShare> mergedFrom;  // a merged record: its shares, by index; empty otherwise
};

// The spec as a record keeps it. Header names stay; header values and a body become kRedacted
// unless keepSecrets (the person opted in: --record-secrets, or the window's check box).
boost::json::object specJson(const RunSpec& spec, bool keepSecrets);
// A record's spec with header values and a body replaced by kRedacted, kept or not: what a
// report made for sharing (HTML) shows.
boost::json::object withoutSecrets(const boost::json::object& spec);
// A record of a run that has ended (result.done()), started at `started`, on this host.
RunRecord makeRecord(const RunSpec& spec, RunResult result, std::chrono::system_clock::time_point started,
                     bool keepSecrets);
std::string formatUtc(std::chrono::system_clock::time_point when);  // RFC 3339, ms, "Z"

boost::json::object recordJson(const RunRecord& record);
void writeRecord(const RunRecord& record, std::ostream& out);  // one JSON document and a newline
// Writes next to `path` and renames over it, so a crash never leaves half a record. Returns an
// empty string, or why it failed.
std::string saveRecordFile(const RunRecord& record, const std::string& path);

struct RecordRead {
    std::optional<RunRecord> record;  // set on success
    std::string error;                // why not: names the key or the problem; never empty on failure
};
// Reads a record written by this or an older salvo.run/1 writer (keys added later are optional).
// Anything else (not JSON, no or another "format", a key of the wrong type) is refused with a
// message saying what is wrong. Never throws. With `document`, a record that reads also hands
// back the JSON it was read from (to change a key and write it back, every other key as it was).
RecordRead readRecord(std::string_view text, boost::json::value* document = nullptr);
RecordRead readRecordFile(const std::string& path, boost::json::value* document = nullptr);  // the error names the file

// Sets the label in a record file, leaving every other key as it was written. Returns an empty
// string, or why it failed.
std::string relabelRecordFile(const std::string& path, const std::string& label);

}  // namespace salvo
