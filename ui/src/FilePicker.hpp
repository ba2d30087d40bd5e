#pragma once

#include <QWidget>
#include <functional>

class QLineEdit;
class QPushButton;

namespace salvo::ui {

// A file name the run reads (a body file, a client certificate or key): its line edit with a
// "Browse…" button beside it. The dialog opens where the named file is, else in the folder
// relative names are read from (an opened plan's), and a file chosen inside that folder is
// written relative to it, so the plan still works when its folder moves. The button follows
// the edit's enabled state (a run locks the form; a typed body locks the body file).
class FilePicker : public QWidget {
    Q_OBJECT

  public:
    // `what` names the file in the dialog's title and the button's accessible name ("body
    // file"); `filter` is the dialog's; `baseDir` gives the folder relative names are read from.
    FilePicker(QLineEdit* edit, const QString& what, const QString& filter,
               std::function<QString()> baseDir, QWidget* parent = nullptr);

    QPushButton* browseButton() const { return browse_; }

  signals:
    void chosen();  // a file was picked in the dialog (typing announces itself through the edit)

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void choose();

    QLineEdit* edit_;
    QPushButton* browse_;
    QString what_;
    QString filter_;
    std::function<QString()> baseDir_;
};

}  // namespace salvo::ui
