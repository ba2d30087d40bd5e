#include "FilePicker.hpp"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace salvo::ui {

FilePicker::FilePicker(QLineEdit* edit, const QString& what, const QString& filter,
                       std::function<QString()> baseDir, QWidget* parent)
    : QWidget(parent), edit_(edit), what_(what), filter_(filter), baseDir_(std::move(baseDir)) {
    // Named after the field's edit: bodyFileEdit, bodyFilePicker, bodyFileBrowseButton.
    const QString field = edit->objectName().chopped(4);
    setObjectName(field + "Picker");
    browse_ = new QPushButton(tr("Browse…"));
    browse_->setObjectName(field + "BrowseButton");
    browse_->setAccessibleName(tr("Browse for the %1").arg(what));
    browse_->setToolTip(tr("Pick the %1 in a file dialog").arg(what));
    browse_->setAccessibleDescription(browse_->toolTip());
    connect(browse_, &QPushButton::clicked, this, &FilePicker::choose);
    edit->installEventFilter(this);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    row->addWidget(browse_);
}

bool FilePicker::eventFilter(QObject* watched, QEvent* event) {
    if (watched == edit_ && event->type() == QEvent::EnabledChange)
        browse_->setEnabled(edit_->isEnabled());
    return QWidget::eventFilter(watched, event);
}

void FilePicker::choose() {
    const QString base = baseDir_();
    const QDir folder(base.isEmpty() ? QDir::currentPath() : base);
    const QString named = edit_->text().trimmed();
    const QFileInfo current(named.isEmpty() ? QString() : folder.absoluteFilePath(named));
    QFileDialog dialog(this, tr("Choose the %1").arg(what_),
                       current.dir().exists() && !named.isEmpty() ? current.absolutePath()
                                                                  : folder.absolutePath(),
                       filter_);
    dialog.setObjectName(objectName().chopped(6) + "Dialog");
    dialog.setFileMode(QFileDialog::ExistingFile);
    if (current.isFile()) dialog.selectFile(current.fileName());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString path = dialog.selectedFiles().constFirst();
    // Inside the plan's folder: relative, as a plan written by hand would name it.
    const QString relative = base.isEmpty() ? QString() : QDir(base).relativeFilePath(path);
    const bool inside = !relative.isEmpty() && QFileInfo(relative).isRelative() &&
                        !relative.startsWith("../") && relative != "..";
    edit_->setText(inside ? relative : QDir::toNativeSeparators(path));
    emit chosen();
}

}  // namespace salvo::ui
