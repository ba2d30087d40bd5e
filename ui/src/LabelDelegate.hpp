#pragma once

#include <QStyledItemDelegate>

namespace salvo::ui {

// The History table's delegate. Knows whether a label is being typed (the view's own state is
// protected), so a refresh can wait for the editor to close instead of closing it; cuts a URL
// in the middle (its host and its path both tell), anything else at the end.
class LabelDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    bool editing() const { return open_ > 0; }
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void destroyEditor(QWidget* editor, const QModelIndex& index) const override;

  protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

  private:
    mutable int open_ = 0;
};

}  // namespace salvo::ui
