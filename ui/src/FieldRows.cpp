#include "FieldRows.hpp"

#include "Colors.hpp"
#include "FieldHelp.hpp"

#include <QAbstractButton>
#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace salvo::ui {

QString FieldRows::objectName(Field field, const char* suffix) {
    return QString::fromLatin1(fieldName(field)) + QLatin1String(suffix);
}

QLineEdit* FieldRows::makeLine(const QString& placeholder, Field field) {
    auto* edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setObjectName(objectName(field, "Edit"));
    // The clear button is a widget of its own that screen readers list: it needs a name too.
    for (QWidget* button : edit->findChildren<QToolButton*>()) {
        button->setAccessibleName(tr("Clear"));
        button->setToolTip(tr("Empty the field"));
    }
    connect(edit, &QLineEdit::returnPressed, this, [this, edit] { emit submitRequested(edit); });
    connect(edit, &QLineEdit::textEdited, this, &FieldRows::edited);
    return edit;
}

QLineEdit* FieldRows::addLine(QFormLayout* form, const QString& name, const QString& placeholder,
                              Field field) {
    QLineEdit* edit = makeLine(placeholder, field);
    addRow(form, name, edit, field);
    return edit;
}

QLabel* FieldRows::addRow(QFormLayout* form, const QString& name, QWidget* input, Field field,
                          QWidget* shown) {
    auto* label = new QLabel(name);
    label->setBuddy(input);  // Alt+letter focuses the field
    addRow(form, label, input, field, shown);
    return label;
}

void FieldRows::addRow(QFormLayout* form, QWidget* label, QWidget* input, Field field,
                       QWidget* shown) {
    inputs_[field] = input;
    // Enter submits from a choice too: a combo box (its open list keeps its own keys) or a
    // radio button standing as a label.
    if (qobject_cast<QComboBox*>(input)) input->installEventFilter(this);
    if (qobject_cast<QAbstractButton*>(label)) label->installEventFilter(this);
    if (input->accessibleName().isEmpty()) {
        QString name = label->property("text").toString();
        input->setAccessibleName(name.remove(QLatin1Char('&')));
    }
    if (input->toolTip().isEmpty()) input->setToolTip(fieldHelp(field));
    input->setAccessibleDescription(fieldHelp(field));
    form->addRow(label, withMessage(shown ? shown : input, field));
    errors_.at(field)->setAccessibleName(tr("%1: error").arg(input->accessibleName()));
}

bool FieldRows::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            emit submitRequested(watched);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

// The input with its message underneath, hidden until there is something to say.
QWidget* FieldRows::withMessage(QWidget* shown, Field field) {
    auto* message = new QLabel;
    message->setObjectName(objectName(field, "Error"));
    message->setStyleSheet(colors::css(colors::bad(message->palette())));
    message->setWordWrap(true);
    message->hide();
    errors_[field] = message;
    auto* cell = new QWidget;
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(shown);
    column->addWidget(message);
    return cell;
}

bool FieldRows::showErrors(const std::vector<FieldError>& errors) {
    for (auto& [field, label] : errors_) {
        label->hide();
        label->setAccessibleDescription({});
        inputs_[field]->setAccessibleDescription(fieldHelp(field));
    }
    bool advanced = false;
    for (const auto& e : errors) {
        if (!shows(e.field)) continue;  // a field the form does not show: not a crash
        const QString text = QString::fromStdString(e.message);
        errors_.at(e.field)->setText(text);
        errors_.at(e.field)->show();
        errors_.at(e.field)->setAccessibleDescription(text);  // its name says whose error it is
        // Read out with the field, the error first: the message belongs to this input.
        inputs_.at(e.field)->setAccessibleDescription(tr("Error: %1. %2").arg(text, fieldHelp(e.field)));
        advanced = advanced || isAdvanced(e.field);
    }
    return advanced;
}

void FieldRows::recolor(const QPalette& palette) {
    for (auto& [field, label] : errors_) label->setStyleSheet(colors::css(colors::bad(palette)));
}

void FieldRows::focus(Field field) const {
    if (const auto it = inputs_.find(field); it != inputs_.end()) it->second->setFocus(Qt::OtherFocusReason);
}

}  // namespace salvo::ui
