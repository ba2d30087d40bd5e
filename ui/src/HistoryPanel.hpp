#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <vector>

#include "salvo/RunRecord.hpp"

class QAction;
class QHBoxLayout;
class QHeaderView;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace salvo::ui {

class HistoryModel;
class RunStore;

// The saved runs, newest first: when, target, load, req/s, p99, errors, outcome and the person's
// label (edited in place). Enter or a double-click opens a run in the window; with two or more
// selected, Compare, or Merge the shares of a run split over machines into one run (saved here,
// selected and opened); Export report writes HTML (one or several runs) or an HdrHistogram log
// (one); Delete asks first. Files that are not records are listed as unreadable, with the reason, and
// can only be deleted. The list follows the folder: it re-reads when shown after a change.
class HistoryPanel : public QWidget {
    Q_OBJECT

  public:
    explicit HistoryPanel(RunStore& store, QWidget* parent = nullptr);
    QTableView* table() const { return table_; }
    void refresh();  // re-list now (cheap: unchanged files come from the store's cache)
    // Focuses the list, on the newest run when none is current, so Enter opens it at once.
    void focusList();

  signals:
    void openRequested(const salvo::RunRecord& record);
    void compareRequested(const std::vector<salvo::RunRecord>& runs);  // the oldest first
    void message(const QString& text, bool problem);  // for the window's status bar

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    QToolButton* addButton(QAction* action);
    QAction* addAction(const QString& text, const char* name, const QString& help,
                       void (HistoryPanel::*slot)());
    QHBoxLayout* buildButtons();
    void buildTable();
    void fitColumns(QHeaderView* header);
    void refreshSoon();
    QStringList selectedPaths(bool readableOnly) const;
    void restoreSelection(const QStringList& paths);
    void makeCurrent(const QString& path, int column);
    void selectOnly(const QString& path);
    bool readAll(const QStringList& paths, std::vector<RunRecord>& records);
    void updateActions();
    void describeCurrent();
    void openSelected();
    void compareSelected();
    void mergeSelected();
    void exportSelected();
    void deleteSelected();
    void editLabel();  // F2: the current row's label, whichever column is current
    void revealFolder();

    RunStore& store_;
    HistoryModel* model_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_ = nullptr;
    QLabel* note_ = nullptr;  // the current run in full (cells cut long text), or the folder
    QAction* open_ = nullptr;
    QAction* compare_ = nullptr;
    QAction* merge_ = nullptr;
    QAction* export_ = nullptr;
    QAction* delete_ = nullptr;
    QAction* label_ = nullptr;
    QTimer soon_;         // coalesces change notices into one re-list after the event at hand
    bool stale_ = true;   // the folder changed while hidden (or was never listed)
};

}  // namespace salvo::ui
