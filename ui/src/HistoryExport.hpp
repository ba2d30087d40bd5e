#pragma once

#include <QCoreApplication>
#include <QString>
#include <vector>

#include "salvo/RunRecord.hpp"

class QWidget;

namespace salvo::ui {

// Export from the History panel: an HTML report of one run or several (writeHtmlReport), or one
// run's latency as an HdrHistogram interval log (writeHistogramLog). Several runs have no log
// format, so the dialog offers HTML only then.
class HistoryExport {
    Q_DECLARE_TR_FUNCTIONS(HistoryExport)

  public:
    struct Result {
        QString text;  // what happened, for the status bar; empty when the person cancelled
        bool problem = false;
    };
    // Asks where (opening where the last export went), then writes.
    static Result askAndWrite(const std::vector<RunRecord>& runs, QWidget* parent);
    // Writes `.hlog` as a log (one run only), anything else as HTML. Empty, or why it failed.
    static QString write(const std::vector<RunRecord>& runs, const QString& path);
};

}  // namespace salvo::ui
