#pragma once

// The folder where the window keeps its run records (History), for the tests that look into it.
#include <QDir>
#include <QString>
#include <QStringList>

#include "RunStore.hpp"

namespace driver {

inline QString folder() {
    return salvo::ui::RunStore::defaultFolder();
}

// Its records' paths, oldest first: the names are UTC start times.
inline QStringList recordFiles() {
    QStringList files;
    for (const QString& name : QDir(folder()).entryList({"*.json"}, QDir::Files, QDir::Name))
        files << QDir(folder()).filePath(name);
    return files;
}

}  // namespace driver
