#pragma once

#include <QDateTime>
#include <QString>
#include <cstdint>
#include <optional>

#include "salvo/RunRecord.hpp"

namespace salvo::ui {

// What the History panel lists about one file of the runs folder: a readable record's figures,
// or why the file could not be read. Small on purpose: the full record (its timeline and
// histograms) is read again when a run is opened, compared or exported, so hundreds of records
// do not sit in memory.
struct RunSummary {
    QString path;
    QDateTime modified;  // the file's: the cache key (with size), and the date of an unreadable file
    qint64 size = 0;
    QString error;       // why the file is not a record; empty when it is one

    QDateTime started;   // UTC; invalid when unreadable
    QString url;
    QString load;        // describeLoad: "closed model, 5 connections, at most 300 requests"
    QString origin;      // RecordOrigin::phrase: "share 2 of 4 (index 1)"; empty for a whole run
    QString originTag;   // RecordOrigin::tag, for the load cell: "share 2 of 4"
    double rps = 0;      // completed requests per second of the measured time
    std::optional<double> p99Ms;  // latency p99; none when nothing was answered
    std::uint64_t completed = 0;
    std::uint64_t failed = 0;
    QString outcome;     // "finished", "cancelled", "failed", with the verdict when not ok
    QString outcomeNote; // the outcome in a sentence, when the short word needs one
    bool bad = false;    // failed, nothing succeeded, or a verdict that doubts the figures
    QString label;

    bool readable() const { return error.isEmpty(); }
    double failedPercent() const { return completed ? 100.0 * failed / completed : 0; }
};

// The summary of a record read from (or just written to) `path`.
RunSummary summarize(const QString& path, const RunRecord& record);
// A file that is not a record: `error` is readRecordFile's reason.
RunSummary unreadable(const QString& path, const QString& error);

}  // namespace salvo::ui
