#include "HistoryModel.hpp"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QPalette>

#include "Colors.hpp"
#include "RunStore.hpp"

namespace salvo::ui {
namespace {

QString localTime(const QDateTime& when) {
    return when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// Two significant digits or so: "0.012", "3.4", "100".
QString percent(double p) {
    return QLocale().toString(p, 'f', p < 0.1 ? 3 : p < 10 ? 1 : 0);
}

bool isNumber(int column) {
    return column == HistoryModel::rps || column == HistoryModel::p99 ||
           column == HistoryModel::errors;
}

}  // namespace

HistoryModel::HistoryModel(RunStore& store, QObject* parent)
    : QAbstractTableModel(parent), store_(store) {}

void HistoryModel::setRows(std::vector<RunSummary> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : columnCount_;
}

QString HistoryModel::text(const RunSummary& s, int column) const {
    const QLocale locale;
    if (!s.readable()) {
        if (column == when) return localTime(s.modified);
        if (column == target) return QFileInfo(s.path).fileName();
        if (column == outcome) return tr("unreadable");
        if (column == load) return s.error;  // the widest cell a file without figures has
        return {};
    }
    switch (column) {
        case when: return localTime(s.started);
        case target: return s.url;
        case load: return s.originTag.isEmpty() ? s.load : s.originTag + QStringLiteral(" · ") + s.load;
        case rps: return locale.toString(s.rps, 'f', s.rps < 100 ? 1 : 0);
        case p99: return s.p99Ms ? locale.toString(*s.p99Ms, 'f', 2) : QStringLiteral("—");
        case errors:
            if (!s.failed) return QStringLiteral("0");
            return tr("%1 (%2 %)").arg(locale.toString(s.failed), percent(s.failedPercent()));
        case outcome: return s.outcome;
        case label: return s.label;
        default: return {};
    }
}

// Unreadable files sort by their modification time, among the runs by start time.
QVariant HistoryModel::sortKey(const RunSummary& s, int column) const {
    switch (column) {
        case when: return s.readable() ? s.started : s.modified;
        case rps: return s.rps;
        case p99: return s.p99Ms.value_or(-1);
        case errors: return s.failedPercent();
        default: return text(s, column).toLower();
    }
}

QString HistoryModel::toolTip(const RunSummary& s, int column) const {
    const QString file = QDir::toNativeSeparators(s.path);
    if (!s.readable()) return tr("%1\nCannot be opened: %2").arg(file, s.error);
    switch (column) {
        case when: return tr("Started %1 (UTC)\n%2").arg(s.started.toUTC().toString(Qt::ISODateWithMs), file);
        case errors: return tr("%1 of %2 requests failed").arg(s.failed).arg(s.completed);
        case outcome: return s.outcomeNote.isEmpty() ? s.outcome : s.outcomeNote;
        case label: return tr("Your name for this run: double-click or F2 to edit");
        default: return text(s, column);
    }
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const RunSummary& s = row(index.row());
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: return text(s, column);
        case Qt::ToolTipRole: return toolTip(s, column);
        case kSortRole: return sortKey(s, column);
        case kPathRole: return s.path;
        case Qt::TextAlignmentRole:
            return isNumber(column) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
        case Qt::ForegroundRole: {
            const bool badCell = (column == outcome && s.bad) || (column == errors && s.failed);
            return badCell ? QVariant(colors::bad(QApplication::palette())) : QVariant();
        }
        case Qt::FontRole: {
            if (s.readable()) return {};
            QFont font = QApplication::font();
            font.setItalic(true);
            return font;
        }
        default: return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    static const char* const names[] = {
        QT_TR_NOOP("When"),    QT_TR_NOOP("Target"),   QT_TR_NOOP("Load"),    QT_TR_NOOP("req/s"),
        QT_TR_NOOP("p99 ms"), QT_TR_NOOP("Errors"), QT_TR_NOOP("Outcome"), QT_TR_NOOP("Label")};
    if (role == Qt::DisplayRole && section >= 0 && section < columnCount_) return tr(names[section]);
    if (role == Qt::TextAlignmentRole && isNumber(section))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

Qt::ItemFlags HistoryModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == label && row(index.row()).readable())
        f |= Qt::ItemIsEditable;
    return f;
}

// The file is the truth: the row changes only once the label is written.
bool HistoryModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
    RunSummary& s = rows_[static_cast<std::size_t>(index.row())];
    const QString wanted = value.toString().trimmed();
    if (wanted == s.label) return false;
    const QString failure = store_.relabel(s.path, wanted);
    if (!failure.isEmpty()) {
        emit relabelFailed(failure);
        return false;
    }
    s.label = wanted;
    emit dataChanged(index, index);
    return true;
}

}  // namespace salvo::ui
