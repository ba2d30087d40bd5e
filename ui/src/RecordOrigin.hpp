#pragma once

#include <QCoreApplication>
#include <QString>

#include "salvo/RunRecord.hpp"

namespace salvo::ui {

// Where a record's figures came from when not from one whole run on one machine: one share of a
// run split over machines, or the merge of all its shares (README "Beyond one machine"). Each
// says nothing (an empty string) for an ordinary record. A share is counted from 1 for people,
// with its index as --shard and the records' paths give it: "share 2 of 4 (index 1)", as the
// CLI's text report says "Share: 2 of 4 (index 1)".
class RecordOrigin {
    Q_DECLARE_TR_FUNCTIONS(RecordOrigin)

  public:
    // "merged from 4 shares on node1, node2", "share 2 of 4 (index 1)": to follow a dash.
    static QString phrase(const RunRecord& record);
    // The same, starting a sentence: "Merged from 4 shares on node1, node2".
    static QString sentence(const RunRecord& record);
    // Short, for a table cell: "merged, 4 shares", "share 2 of 4".
    static QString tag(const RunRecord& record);

  private:
    static QString hosts(const RunRecord& record);
};

}  // namespace salvo::ui
