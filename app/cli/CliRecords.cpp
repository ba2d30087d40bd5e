#include "CliRecords.hpp"

#include <boost/json/serialize.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "CliRun.hpp"
#include "salvo/Comparison.hpp"
#include "salvo/HistogramLog.hpp"
#include "salvo/HtmlReport.hpp"
#include "salvo/RecordMerge.hpp"
#include "salvo/Report.hpp"

namespace salvo::cli {
namespace {

// Every record, or the first one that does not read (named, with why).
bool readAll(const std::vector<std::string>& paths, std::vector<RunRecord>& records, std::ostream& err) {
    for (const auto& path : paths) {
        RecordRead read = readRecordFile(path);
        if (!read.record) {
            err << "salvo-cli: " << read.error << '\n';
            return false;
        }
        records.push_back(std::move(*read.record));
    }
    return true;
}

std::vector<const RunRecord*> pointers(const std::vector<RunRecord>& records) {
    std::vector<const RunRecord*> all;
    for (const auto& r : records) all.push_back(&r);
    return all;
}

// Writes `text` to `path`: 0, or 4 with the reason on stderr.
int writeFile(const std::string& path, const std::string& text, std::ostream& err) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (file) file << text << std::flush;
    if (file) return kExitOk;
    err << "salvo-cli: cannot write " << path << ": " << std::strerror(errno) << '\n';
    return kExitWriteFailed;
}

// Text from a record file goes to a terminal: its control bytes (an escape sequence in an edited
// label or URL) are shown as '?', never obeyed. Line breaks and tabs are Salvo's own layout.
std::string printable(std::string text) {
    for (char& c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f') c = '?';
    return text;
}

void writeHeading(const RunRecord& record, std::ostream& out) {
    out << "Record:      " << runName(record);
    if (!record.label.empty()) out << " (started " << record.startedAt << " on " << record.host << ")";
    out << ", Salvo " << record.salvoVersion << '\n';
}

}  // namespace

int reportRecords(const CliOptions& options, std::ostream& out, std::ostream& err) {
    std::vector<RunRecord> records;
    if (!readAll(options.records, records, err)) return kExitBadInput;
    if (!options.htmlPath.empty()) {
        std::ostringstream html;
        writeHtmlReport(pointers(records), html);
        if (!html) {
            err << "salvo-cli: the HTML report could not be made\n";
            return kExitWriteFailed;
        }
        if (const int code = writeFile(options.htmlPath, html.str(), err)) return code;
    }
    if (!options.hlogPath.empty()) {
        std::ostringstream log;
        writeHistogramLog(records.front(), log);
        if (const int code = writeFile(options.hlogPath, log.str(), err)) return code;
    }
    const bool filesOnly = !options.htmlPath.empty() || !options.hlogPath.empty();
    if (filesOnly && !options.json) return kExitOk;
    std::ostringstream text;
    if (options.json) {
        boost::json::array reports;
        for (const auto& r : records) reports.push_back(reportJson(r.result));
        text << boost::json::serialize(records.size() == 1 ? boost::json::value(reports[0]) : boost::json::value(reports)) << '\n';
    } else {
        for (std::size_t i = 0; i < records.size(); ++i) {
            if (i) text << '\n';
            writeHeading(records[i], text);
            writeTextReport(records[i].result, text);
        }
    }
    return writeOut(options.json ? text.str() : printable(text.str()), out, err, kExitOk);
}

int compareRecords(const CliOptions& options, std::ostream& out, std::ostream& err) {
    std::vector<RunRecord> records;
    if (!readAll(options.records, records, err)) return kExitBadInput;
    const Comparison comparison = compareRuns(pointers(records));
    std::ostringstream text;
    if (options.json) text << boost::json::serialize(comparisonJson(comparison)) << '\n';
    else writeComparisonText(comparison, text);
    return writeOut(options.json ? text.str() : printable(text.str()), out, err, kExitOk);
}

}  // namespace salvo::cli

namespace salvo::cli {

namespace {

void writeMergedHeading(const RunRecord& merged, std::ostream& out) {
    out << "Merged:      " << merged.mergedFrom.size() << " shares, started from " << merged.startedAt;
    if (!merged.plannedStart.empty()) out << " (planned " << merged.plannedStart << ")";
    out << ", on " << merged.host << '\n';
}

}  // namespace

int mergeRecordFiles(const CliOptions& options, std::ostream& out, std::ostream& err) {
    std::vector<RunRecord> records;
    if (!readAll(options.records, records, err)) return kExitBadInput;
    MergeOutcome merged = mergeRecords(records, options.records);
    if (!merged.record) {
        err << "salvo-cli: merge: " << merged.error << '\n';
        return kExitBadInput;
    }
    const RunResult& result = merged.record->result;
    printWarnings(result, err);
    int code = exitCodeFor(result);
    if (!options.outputPath.empty()) {
        const std::string why = saveRecordFile(*merged.record, options.outputPath);
        if (!why.empty()) {
            err << "salvo-cli: the merged record was not written: " << why << '\n';
            code = kExitWriteFailed;
        }
    }
    if (!options.junitPath.empty()) {
        std::ostringstream junit;
        writeJunitReport(result, "salvo", junit);
        if (writeFile(options.junitPath, junit.str(), err) != kExitOk) code = kExitWriteFailed;
    }
    std::ostringstream text;
    if (options.json) {
        writeJsonReport(result, text);
    } else {
        writeMergedHeading(*merged.record, text);
        writeTextReport(result, text);
    }
    return writeOut(options.json ? text.str() : printable(text.str()), out, err, code);
}

}  // namespace salvo::cli
