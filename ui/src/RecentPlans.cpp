#include "RecentPlans.hpp"

#include <QFileInfo>
#include <QSettings>

namespace salvo::ui {
namespace {

const char* const kKey = "plans/recent";

QStringList stored() {
    return QSettings().value(kKey).toStringList();
}

void store(const QStringList& paths) {
    if (paths.isEmpty()) QSettings().remove(kKey);
    else QSettings().setValue(kKey, paths);
}

}  // namespace

QStringList RecentPlans::list() {
    const QStringList all = stored();
    QStringList existing;
    for (const QString& path : all)
        if (QFileInfo(path).isFile()) existing << path;
    if (existing.size() != all.size()) store(existing);
    return existing;
}

void RecentPlans::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = stored();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    store(paths.mid(0, kMax));
}

void RecentPlans::remove(const QString& path) {
    QStringList paths = stored();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    store(paths);
}

void RecentPlans::clear() {
    store({});
}

}  // namespace salvo::ui
