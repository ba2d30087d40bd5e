#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "RunSummary.hpp"

namespace salvo::ui {

class RunStore;

// The History panel's rows: one per file of the runs folder, readable or not. Display text for
// people, raw values under kSortRole (so sorting by p99 is numeric and by time chronological).
// The label is edited in place and written to the file through the store.
class HistoryModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column { when, target, load, rps, p99, errors, outcome, label, columnCount_ };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kPathRole = Qt::UserRole + 1;

    explicit HistoryModel(RunStore& store, QObject* parent = nullptr);
    void setRows(std::vector<RunSummary> rows);
    const RunSummary& row(int r) const { return rows_[static_cast<std::size_t>(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

  signals:
    void relabelFailed(const QString& why);

  private:
    QString text(const RunSummary& s, int column) const;
    QVariant sortKey(const RunSummary& s, int column) const;
    QString toolTip(const RunSummary& s, int column) const;

    RunStore& store_;
    std::vector<RunSummary> rows_;
};

}  // namespace salvo::ui
