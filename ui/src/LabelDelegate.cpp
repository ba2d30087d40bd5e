#include "LabelDelegate.hpp"

#include "HistoryModel.hpp"

namespace salvo::ui {

QWidget* LabelDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const {
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (editor) ++open_;  // only an editor that will be destroyed counts
    return editor;
}

void LabelDelegate::destroyEditor(QWidget* editor, const QModelIndex& index) const {
    --open_;
    QStyledItemDelegate::destroyEditor(editor, index);
}

void LabelDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = index.column() == HistoryModel::target ? Qt::ElideMiddle : Qt::ElideRight;
}

}  // namespace salvo::ui
