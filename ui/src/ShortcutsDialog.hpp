#pragma once

#include <QDialog>
#include <QList>
#include <QString>
#include <utility>

namespace salvo::ui {

// Help -> Keyboard shortcuts: every key the window answers to, with what it does, in a table
// a screen reader can walk row by row.
class ShortcutsDialog : public QDialog {
    Q_OBJECT

  public:
    using Row = std::pair<QString, QString>;  // keys as shown ("Ctrl+E"), what they do
    explicit ShortcutsDialog(const QList<Row>& rows, QWidget* parent = nullptr);
};

}  // namespace salvo::ui
