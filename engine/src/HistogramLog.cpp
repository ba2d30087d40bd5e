#include "salvo/HistogramLog.hpp"

#include <cstdio>
#include <ctime>

#include "salvo/HdrEncoding.hpp"

namespace salvo {

namespace {

// "2026-11-26T09:30:00.123Z" -> seconds since the epoch (0 when it does not read).
double epochSeconds(const std::string& utc) {
    std::tm tm{};
    int millis = 0;
    if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &millis) < 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<double>(timegm(&tm)) + millis / 1000.0;
}

void writeLine(std::ostream& out, const char* tag /* null: none */, std::size_t second, std::uint64_t maxNanos,
               const std::string& compressed) {
    char head[96];
    // Interval_Max is in ms: the value unit (ns) over HdrHistogram's default max-value ratio (10^6).
    // The latency is untagged: HdrHistogram's tools read untagged lines unless told a tag.
    std::snprintf(head, sizeof head, "%s%s%s%.3f,%.3f,%.3f,", tag ? "Tag=" : "", tag ? tag : "", tag ? "," : "",
                  static_cast<double>(second), 1.0, static_cast<double>(maxNanos) / 1e6);
    out << head << base64Encode(compressed.empty() ? emptyHdrCompressed() : compressed) << '\n';
}

// A record's text inside a "#[...]" header line: one line, whatever the record holds.
std::string oneLine(std::string text) {
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f' || c == ']') c = ' ';
    return text;
}

}  // namespace

// The header as HdrHistogram's HistogramLogWriter writes it; timestamps relative to BaseTime
// (the run's start), so HistogramLogProcessor and the JavaScript reader line them up.
void writeHistogramLog(const RunRecord& record, std::ostream& out) {
    const RunResult& r = record.result;
    const double start = epochSeconds(record.startedAt);
    char times[200];  // started_at is 24 characters (the reader checks its shape)
    out << "#[Salvo " << oneLine(record.salvoVersion) << " run of " << oneLine(r.url) << " started "
        << oneLine(record.startedAt) << "]\n"
        << "#[Histogram log format version 1.3]\n";
    std::snprintf(times, sizeof times, "#[StartTime: %.3f (seconds since epoch), %s]\n#[BaseTime: %.3f (seconds since epoch)]\n",
                  start, oneLine(record.startedAt).substr(0, 40).c_str(), start);
    out << times
        << "#[Values are latencies in nanoseconds (Interval_Max in milliseconds), one interval per second of the "
           "run. Untagged lines: the latency, from each request's due time with a rate (coordinated omission "
           "corrected), else from its write; Tag=service_time lines (with a rate): from its write]\n"
        << "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
    for (std::size_t i = 0; i < r.timeline.size(); ++i) {
        const SecondStats& s = r.timeline[i];
        writeLine(out, nullptr, i, s.latencyMax, s.latencyHdr);
        if (r.open()) writeLine(out, "service_time", i, s.serviceMax, s.serviceHdr);
    }
}

}  // namespace salvo
