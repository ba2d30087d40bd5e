#include "HistoryPanel.hpp"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

#include "HistoryExport.hpp"
#include "HistoryMerge.hpp"
#include "HistoryModel.hpp"
#include "LabelDelegate.hpp"
#include "RunStore.hpp"

namespace salvo::ui {

HistoryPanel::HistoryPanel(RunStore& store, QWidget* parent)
    : QWidget(parent), store_(store), model_(new HistoryModel(store, this)),
      sorted_(new QSortFilterProxyModel(this)) {
    setObjectName("historyPanel");
    setAccessibleName(tr("History"));
    auto* column = new QVBoxLayout(this);
    column->addLayout(buildButtons());
    buildTable();
    note_ = new QLabel;
    note_->setObjectName("historyNote");
    note_->setAccessibleName(tr("Selected run"));
    note_->setWordWrap(true);
    // Two lines always: a note that wrapped for one run and not the next moved the table under
    // the pointer between two clicks of a multi-selection (seen under Xvfb).
    note_->setMinimumHeight(2 * note_->fontMetrics().lineSpacing());
    note_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    note_->setTextFormat(Qt::PlainText);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Above the table, not under it: on a short screen the tab's bottom is scrolled away.
    column->addWidget(note_);
    column->addWidget(table_, 1);
    soon_.setSingleShot(true);
    soon_.setInterval(0);
    connect(&soon_, &QTimer::timeout, this, &HistoryPanel::refresh);
    connect(&store_, &RunStore::changed, this, &HistoryPanel::refreshSoon);
    connect(model_, &HistoryModel::relabelFailed, this, [this](const QString& why) {
        emit message(tr("The label was not saved: %1").arg(why), true);
    });
    updateActions();
}

QHBoxLayout* HistoryPanel::buildButtons() {
    // No Alt letters on these buttons: the form beside them has taken O, M, P, D and F. Enter,
    // Delete, F2 and the table's context menu reach them from the keyboard instead.
    auto* buttons = new QHBoxLayout;
    open_ = addAction(tr("Open"), "historyOpen",
                      tr("Show the selected run in the window, as it ended (Enter)"),
                      &HistoryPanel::openSelected);
    compare_ = addAction(tr("Compare"), "historyCompare",
                         tr("Compare the selected runs; the oldest is the baseline"),
                         &HistoryPanel::compareSelected);
    merge_ = addAction(tr("Merge"), "historyMerge",
                       tr("Merge the selected shares of a run split over machines into one run, "
                          "saved here and opened"),
                       &HistoryPanel::mergeSelected);
    export_ = addAction(tr("Export report…"), "historyExport",
                        tr("Save the selected runs as an HTML report, or one run's latency as an "
                           "HdrHistogram log"),
                        &HistoryPanel::exportSelected);
    delete_ = addAction(tr("Delete…"), "historyDelete",
                        tr("Delete the selected runs' files (asks first; Delete)"),
                        &HistoryPanel::deleteSelected);
    delete_->setShortcut(QKeySequence::Delete);
    for (QAction* action : {open_, compare_, merge_, export_, delete_})
        buttons->addWidget(addButton(action));
    // F2 edits the current run's label from any column: the view's own edit key only edits the
    // current cell, and after Ctrl+H that is the first column, which is not editable.
    label_ = addAction(tr("Edit label"), "historyLabel", tr("Give the current run a name of your own (F2)"),
                       &HistoryPanel::editLabel);
    label_->setShortcut(Qt::Key_F2);
    buttons->addStretch(1);
    QAction* folder = addAction(tr("Show folder"), "historyFolder",
                                tr("Open the folder of run records in the file manager"),
                                &HistoryPanel::revealFolder);
    buttons->addWidget(addButton(folder));
    return buttons;
}

// The action carries the key and the context menu entry; the button shows it.
QAction* HistoryPanel::addAction(const QString& text, const char* name, const QString& help,
                                 void (HistoryPanel::*slot)()) {
    auto* action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(name) + "Action");
    action->setToolTip(help);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    QWidget::addAction(action);
    return action;
}

QToolButton* HistoryPanel::addButton(QAction* action) {
    auto* button = new QToolButton;
    button->setDefaultAction(action);
    button->setObjectName(action->objectName().replace("Action", "Button"));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAccessibleName(action->text().remove('&').remove(QChar(0x2026)));
    button->setAccessibleDescription(action->toolTip());
    return button;
}

void HistoryPanel::buildTable() {
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(HistoryModel::kSortRole);
    table_ = new QTableView;
    table_->setObjectName("historyTable");
    table_->setAccessibleName(tr("Saved runs"));
    table_->setAccessibleDescription(
        tr("One row per saved run, newest first. Enter opens, Delete deletes, F2 edits the label. "
           "The line above the table gives the current run in full"));
    table_->setModel(sorted_);
    table_->setItemDelegate(new LabelDelegate(table_));
    table_->setSortingEnabled(true);
    table_->sortByColumn(HistoryModel::when, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked);  // F2: the label action
    table_->setTabKeyNavigation(false);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    table_->setContextMenuPolicy(Qt::ActionsContextMenu);
    table_->addActions({open_, label_, compare_, merge_, export_, delete_});
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    fitColumns(table_->horizontalHeader());
    table_->setMinimumHeight(6 * table_->verticalHeader()->defaultSectionSize());
    connect(table_, &QTableView::activated, this, &HistoryPanel::openSelected);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    connect(table_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &HistoryPanel::updateActions);
    // A refresh put off while a label was being typed happens once the editor closes.
    connect(table_->itemDelegate(), &QAbstractItemDelegate::closeEditor, this,
            &HistoryPanel::refreshSoon);
}

// The figures and the time are as wide as they need (a few hundred rows are quick to measure);
// the target and the load share what is left (the delegate cuts them short); the outcome and the
// label have set widths the person can change.
void HistoryPanel::fitColumns(QHeaderView* header) {
    header->setStretchLastSection(false);
    header->setHighlightSections(false);  // a bold header for every selected row only flickers
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("Errors")) + 16);
    using Column = HistoryModel::Column;
    for (Column c : {Column::when, Column::rps, Column::p99, Column::errors})
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(Column::target, QHeaderView::Stretch);
    header->setSectionResizeMode(Column::load, QHeaderView::Stretch);
    header->setSectionResizeMode(Column::outcome, QHeaderView::Interactive);
    header->setSectionResizeMode(Column::label, QHeaderView::Interactive);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    header->resizeSection(Column::outcome,
                          std::max(7 * em, fontMetrics().horizontalAdvance(tr("unreadable")) + em * 2));
    header->resizeSection(Column::label, 8 * em);
}

void HistoryPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) refresh();
}

void HistoryPanel::refreshSoon() {
    if (isVisible()) soon_.start();
    else stale_ = true;
}

// The model is rebuilt (cheaply, from the store's cache) and the selection follows the files.
// Never while a label is being typed: that would close the editor under the person's fingers.
void HistoryPanel::refresh() {
    if (static_cast<const LabelDelegate*>(table_->itemDelegate())->editing()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    const QStringList selected = selectedPaths(false);
    const QModelIndex current = table_->currentIndex();
    const QString currentPath = current.data(HistoryModel::kPathRole).toString();
    model_->setRows(store_.summaries());
    restoreSelection(selected);
    makeCurrent(currentPath, current.isValid() ? current.column() : 0);
    updateActions();
}

void HistoryPanel::editLabel() {
    const QModelIndex current = table_->currentIndex();
    if (!current.isValid()) return;
    table_->edit(sorted_->index(current.row(), HistoryModel::label));
}

void HistoryPanel::focusList() {
    if (stale_) refresh();
    // Before the focus, which would make the first row current without selecting it; selected
    // explicitly, as the view would read the Ctrl still held from Ctrl+H as "toggle".
    if (!table_->currentIndex().isValid() && sorted_->rowCount() > 0)
        table_->selectionModel()->setCurrentIndex(
            sorted_->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->setFocus(Qt::ShortcutFocusReason);
}

QStringList HistoryPanel::selectedPaths(bool readableOnly) const {
    QStringList paths;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows()) {
        const int row = sorted_->mapToSource(index).row();
        if (readableOnly && !model_->row(row).readable()) continue;
        paths << model_->row(row).path;
    }
    return paths;
}

void HistoryPanel::restoreSelection(const QStringList& paths) {
    if (paths.isEmpty()) return;
    QItemSelection selection;
    for (int r = 0; r < sorted_->rowCount(); ++r) {
        const QModelIndex first = sorted_->index(r, 0);
        if (paths.contains(first.data(HistoryModel::kPathRole).toString()))
            selection.select(first, sorted_->index(r, HistoryModel::label));
    }
    table_->selectionModel()->select(selection, QItemSelectionModel::Select);
}

// The row of `path` becomes current (in `column`), the selection untouched.
void HistoryPanel::makeCurrent(const QString& path, int column) {
    for (int r = 0; r < sorted_->rowCount(); ++r) {
        const QModelIndex index = sorted_->index(r, column);
        if (index.data(HistoryModel::kPathRole).toString() != path) continue;
        table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        table_->scrollTo(index);
    }
}

void HistoryPanel::selectOnly(const QString& path) {
    table_->clearSelection();
    restoreSelection({path});
    makeCurrent(path, 0);
    updateActions();
}

void HistoryPanel::updateActions() {
    const QModelIndex current = table_->currentIndex();
    const bool currentReadable =
        current.isValid() && table_->selectionModel()->isRowSelected(current.row()) &&
        model_->row(sorted_->mapToSource(current).row()).readable();
    const qsizetype readable = selectedPaths(true).size();
    open_->setEnabled(currentReadable);
    compare_->setEnabled(readable >= 2);
    merge_->setEnabled(readable >= 2);
    export_->setEnabled(readable >= 1);
    delete_->setEnabled(table_->selectionModel()->hasSelection());
    describeCurrent();
}

// The cells cut a long URL or load short; the line above the table says the current run in full
// (read by keyboard and screen-reader users, who get no tooltips), or where the runs are kept.
void HistoryPanel::describeCurrent() {
    const QModelIndex current = table_->currentIndex();
    const QString folder = QDir::toNativeSeparators(store_.folder());
    const int rows = model_->rowCount();
    if (!current.isValid()) {
        note_->setText(rows == 0 ? tr("No saved runs yet. Every run that ends is saved here, in %1.").arg(folder)
                                 : tr("%L1 saved %2 in %3").arg(rows).arg(rows == 1 ? tr("run") : tr("runs"), folder));
        return;
    }
    const RunSummary& s = model_->row(sorted_->mapToSource(current).row());
    if (!s.readable()) {
        note_->setText(tr("%1 is not a run record: %2").arg(QDir::toNativeSeparators(s.path), s.error));
        return;
    }
    const QString origin = s.origin.isEmpty() ? QString() : s.origin + QStringLiteral(" — ");
    note_->setText(tr("%1 — %2%3 — %4%5").arg(s.url, origin, s.load, s.outcomeNote.isEmpty() ? s.outcome : s.outcomeNote,
                                             s.label.isEmpty() ? QString() : tr(" — “%1”").arg(s.label)));
}

// Reads each whole record; a file that changed into something unreadable since it was listed is
// reported, and nothing is done with a partial set.
bool HistoryPanel::readAll(const QStringList& paths, std::vector<RunRecord>& records) {
    for (const QString& path : paths) {
        RecordRead read = store_.read(path);
        if (!read.record) {
            emit message(tr("Cannot read %1: %2")
                             .arg(QDir::toNativeSeparators(path), QString::fromStdString(read.error)),
                         true);
            refreshSoon();
            return false;
        }
        records.push_back(std::move(*read.record));
    }
    return !records.empty();
}

void HistoryPanel::openSelected() {
    const QModelIndex current = table_->currentIndex();
    if (!current.isValid()) return;
    const RunSummary& s = model_->row(sorted_->mapToSource(current).row());
    if (!s.readable()) {
        emit message(tr("%1 cannot be opened: %2").arg(QDir::toNativeSeparators(s.path), s.error), true);
        return;
    }
    std::vector<RunRecord> records;
    if (readAll({s.path}, records)) emit openRequested(records.front());
}

void HistoryPanel::compareSelected() {
    std::vector<RunRecord> records;
    if (selectedPaths(true).size() < 2 || !readAll(selectedPaths(true), records)) return;
    // The baseline is the oldest: later runs are read as changes from it.
    std::stable_sort(records.begin(), records.end(), [](const RunRecord& a, const RunRecord& b) {
        return a.startedAt < b.startedAt;
    });
    emit compareRequested(records);
}

// The merged run is saved beside its shares, becomes the one selected, and opens in the window;
// a set that does not merge is explained, and nothing is written.
void HistoryPanel::mergeSelected() {
    const QStringList paths = selectedPaths(true);
    std::vector<RunRecord> records;
    if (paths.size() < 2 || !readAll(paths, records)) return;
    const HistoryMerge::Result done = HistoryMerge::mergeAndSave(records, paths, store_);
    if (!done.record) {
        emit message(done.text, true);
        HistoryMerge::explain(done.text, this);
        return;
    }
    refresh();
    selectOnly(done.path);
    emit openRequested(*done.record);
    emit message(done.text, false);  // after opening, which clears the status bar
}

void HistoryPanel::exportSelected() {
    std::vector<RunRecord> records;
    if (!readAll(selectedPaths(true), records)) return;
    std::stable_sort(records.begin(), records.end(), [](const RunRecord& a, const RunRecord& b) {
        return a.startedAt < b.startedAt;
    });
    const HistoryExport::Result done = HistoryExport::askAndWrite(records, this);
    if (!done.text.isEmpty()) emit message(done.text, done.problem);
}

void HistoryPanel::deleteSelected() {
    const QStringList paths = selectedPaths(false);
    if (paths.isEmpty()) return;
    const qsizetype n = paths.size();
    // Plurals spelt out: without a translation loaded, Qt's "%n run(s)" stays "run(s)".
    // Unreadable files are files, not runs.
    const bool allRuns = selectedPaths(true).size() == n;
    const QString runs = allRuns ? (n == 1 ? tr("1 saved run") : tr("%L1 saved runs").arg(n))
                                 : (n == 1 ? tr("1 file") : tr("%L1 files").arg(n));
    QMessageBox box(QMessageBox::Question, tr("Delete saved runs"),
                    tr("Delete %1? %2 removed from %3; this cannot be undone.")
                        .arg(runs, n == 1 ? tr("Its file is") : tr("Their files are"),
                             QDir::toNativeSeparators(store_.folder())),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName("deleteConfirmation");
    box.button(QMessageBox::Yes)->setText(tr("Delete %1").arg(runs));
    box.button(QMessageBox::No)->setText(tr("Keep them"));
    box.setDefaultButton(QMessageBox::No);
    if (box.exec() != QMessageBox::Yes) return;
    const QStringList failures = store_.remove(paths);
    if (failures.isEmpty())
        emit message(tr("Deleted %1").arg(runs), false);
    else
        emit message(tr("Not deleted: %1").arg(failures.join(QStringLiteral("; "))), true);
    refresh();
}

void HistoryPanel::revealFolder() {
    QDir().mkpath(store_.folder());
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(store_.folder())))
        emit message(tr("No file manager opened %1").arg(QDir::toNativeSeparators(store_.folder())),
                     true);
}

}  // namespace salvo::ui
