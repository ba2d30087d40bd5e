#include "RunStore.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <utility>

namespace salvo::ui {
namespace {

std::string localPath(const QString& path) {
    return QFile::encodeName(path).toStdString();
}

// Same size and modification time: the file was not rewritten since it was summarised.
bool unchanged(const RunSummary& cached, const QFileInfo& file) {
    return cached.size == file.size() && cached.modified == file.lastModified();
}

}  // namespace

RunStore::RunStore(QString folder, QObject* parent) : QObject(parent), folder_(std::move(folder)) {
    settle_.setSingleShot(true);
    settle_.setInterval(200);
    connect(&settle_, &QTimer::timeout, this, &RunStore::changed);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, [this] { settle_.start(); });
}

QString RunStore::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/runs";
}

// The folder is watched from the first time it is listed or written, not before: a window that
// never saves a run does not create it.
void RunStore::watch() {
    if (watcher_.directories().isEmpty() && QFileInfo(folder_).isDir()) watcher_.addPath(folder_);
}

// Colons are not allowed in Windows file names, and need quoting in some shells. A merged
// record says so in its name: its start is that of its shares, whose files may sit beside it.
QString RunStore::freeName(const RunRecord& record) const {
    QString stem = QString::fromStdString(record.startedAt).replace(':', '-');
    if (stem.isEmpty()) stem = QStringLiteral("run");
    if (!record.mergedFrom.empty()) stem += QStringLiteral("-merged");
    const QDir dir(folder_);
    QString name = stem + ".json";
    for (int n = 2; dir.exists(name); ++n) name = QStringLiteral("%1-%2.json").arg(stem).arg(n);
    return dir.filePath(name);
}

QString RunStore::save(const RunRecord& record, QString& error) {
    if (!QDir().mkpath(folder_)) {
        error = tr("cannot create the folder %1").arg(QDir::toNativeSeparators(folder_));
        return {};
    }
    const QString path = freeName(record);
    const std::string failure = saveRecordFile(record, localPath(path));
    if (!failure.empty()) {
        error = QString::fromStdString(failure);
        return {};
    }
    cache_.insert(path, summarize(path, record));
    watch();
    emit changed();
    return path;
}

RunSummary RunStore::summaryOf(const QString& path) {
    const QFileInfo file(path);
    const auto cached = cache_.constFind(path);
    if (cached != cache_.cend() && unchanged(*cached, file)) return *cached;
    const RecordRead read = readRecordFile(localPath(path));
    RunSummary summary = read.record ? summarize(path, *read.record)
                                     : unreadable(path, QString::fromStdString(read.error));
    cache_.insert(path, summary);
    return summary;
}

std::vector<RunSummary> RunStore::summaries() {
    watch();
    const QFileInfoList files =
        QDir(folder_).entryInfoList({QStringLiteral("*.json")}, QDir::Files);  // unreadable ones too: listed with why
    std::vector<RunSummary> list;
    list.reserve(static_cast<std::size_t>(files.size()));
    QHash<QString, RunSummary> seen;  // what is no longer there leaves the cache
    for (const QFileInfo& file : files) {
        list.push_back(summaryOf(file.filePath()));
        seen.insert(file.filePath(), list.back());
    }
    cache_ = std::move(seen);
    return list;
}

RecordRead RunStore::read(const QString& path) const {
    return readRecordFile(localPath(path));
}

QString RunStore::relabel(const QString& path, const QString& label) {
    const std::string failure = relabelRecordFile(localPath(path), label.toStdString());
    if (!failure.empty()) return QString::fromStdString(failure);
    const auto cached = cache_.find(path);
    if (cached != cache_.end()) {  // the new label and the new stamp: no re-read for this edit
        const QFileInfo file(path);
        cached->label = label;
        cached->modified = file.lastModified();
        cached->size = file.size();
    }
    emit changed();
    return {};
}

QStringList RunStore::remove(const QStringList& paths) {
    QStringList failures;
    for (const QString& path : paths) {
        QFile file(path);
        if (file.remove() || !file.exists())
            cache_.remove(path);
        else
            failures << tr("%1: %2").arg(QFileInfo(path).fileName(), file.errorString());
    }
    if (failures.size() < paths.size()) emit changed();
    return failures;
}

}  // namespace salvo::ui
