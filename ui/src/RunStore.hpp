#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <vector>

#include "RunSummary.hpp"
#include "salvo/RunRecord.hpp"

namespace salvo::ui {

// The folder of run records (one JSON file per run, named after its UTC start) and what is in
// it. Listing is cached per file by size and modification time: a file is parsed once, again
// only when it changes, and a record this window saves is summarised from memory, never re-read.
// The listing itself is lazy: nothing is read until someone asks for summaries(), so the window
// opens without touching the folder. A watcher on the folder announces outside changes.
class RunStore : public QObject {
    Q_OBJECT

  public:
    explicit RunStore(QString folder, QObject* parent = nullptr);
    // The platform's data folder for this application, then "runs": on Linux
    // ~/.local/share/<organisation>/<application>/runs (XDG_DATA_HOME moves it).
    static QString defaultFolder();
    const QString& folder() const { return folder_; }

    // Writes the record under a name from its start time ("2026-11-26T09-30-00.123Z.json",
    // "-merged" added for a merged record, "-2" when taken), creating the folder. Returns the path, or an empty string and
    // `error` saying why.
    QString save(const RunRecord& record, QString& error);
    // Every *.json in the folder, in no particular order; re-lists the folder on each call.
    std::vector<RunSummary> summaries();
    RecordRead read(const QString& path) const;  // the whole record, as readRecordFile
    QString relabel(const QString& path, const QString& label);  // empty, or why not
    QStringList remove(const QStringList& paths);  // the files that could not be deleted, and why

  signals:
    void changed();  // the folder's content changed: a save, a relabel, a delete, or outside

  private:
    RunSummary summaryOf(const QString& path);
    QString freeName(const RunRecord& record) const;
    void watch();

    QString folder_;
    QHash<QString, RunSummary> cache_;  // by path
    QFileSystemWatcher watcher_;
    QTimer settle_;  // one changed() for a burst of folder events (a save is a write and a rename)
};

}  // namespace salvo::ui
