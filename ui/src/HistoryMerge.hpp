#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "salvo/RunRecord.hpp"

class QWidget;

namespace salvo::ui {

class RunStore;

// Merge from the History panel: the selected records, the shares of one run split over machines,
// become one record (mergeRecords, RecordMerge.hpp) saved in the runs folder beside them. A set
// that is not every share of one run exactly once is refused with the engine's reason, which
// names the files, and nothing is written.
class HistoryMerge {
    Q_DECLARE_TR_FUNCTIONS(HistoryMerge)

  public:
    struct Result {
        std::optional<RunRecord> record;  // the merged record, set once it is saved
        QString path;                     // where it was saved
        QString text;                     // what happened, for the status bar
    };
    // Merges `records`, read from `paths` (their file names name them in messages), and saves
    // the merged record in `store`.
    static Result mergeAndSave(const std::vector<RunRecord>& records, const QStringList& paths,
                               RunStore& store);
    // Says in full why nothing was merged, in a message box over `parent`: a status bar line
    // is cut short, and a merge refused needs reading.
    static void explain(const QString& why, QWidget* parent);
};

}  // namespace salvo::ui
