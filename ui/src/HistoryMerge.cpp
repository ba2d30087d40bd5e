#include "HistoryMerge.hpp"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <exception>
#include <string>

#include "RunStore.hpp"
#include "salvo/RecordMerge.hpp"

namespace salvo::ui {

HistoryMerge::Result HistoryMerge::mergeAndSave(const std::vector<RunRecord>& records,
                                                const QStringList& paths, RunStore& store) {
    std::vector<std::string> names;
    for (const QString& path : paths) names.push_back(QFileInfo(path).fileName().toStdString());
    Result done;
    try {  // nothing may escape into Qt's event loop
        MergeOutcome merged = mergeRecords(records, names);
        if (!merged.record) {
            done.text = tr("Not merged: %1").arg(QString::fromStdString(merged.error));
            return done;
        }
        QString error;
        done.path = store.save(*merged.record, error);
        if (done.path.isEmpty()) {
            done.text = tr("The merged run was not saved: %1").arg(error);
            return done;
        }
        done.record = std::move(merged.record);
    } catch (const std::exception& e) {
        done.text = tr("Not merged: %1").arg(QString::fromUtf8(e.what()));
        return done;
    }
    done.text = tr("Merged %L1 shares into %2")
                    .arg(records.size())
                    .arg(QDir::toNativeSeparators(done.path));
    return done;
}

void HistoryMerge::explain(const QString& why, QWidget* parent) {
    QMessageBox box(QMessageBox::Warning, tr("Merge runs"), why, QMessageBox::Ok, parent);
    box.setObjectName("mergeProblem");
    box.setInformativeText(tr("Merge takes the records of every share of one run split over "
                              "machines, each share once. Nothing was written."));
    box.exec();
}

}  // namespace salvo::ui
