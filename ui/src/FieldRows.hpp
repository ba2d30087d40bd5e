#pragma once

#include <QObject>
#include <map>
#include <vector>

#include "salvo/RunSpec.hpp"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPalette;
class QWidget;

namespace salvo::ui {

// The rows of the run form, shared by RunForm and LoadSection: each input sits above its
// (hidden) validation message, is named for tests and screen readers after its Field, and
// announces edits and Enter. showErrors() puts each message beside the input it is about.
class FieldRows : public QObject {
    Q_OBJECT

  public:
    using QObject::QObject;

    // A single-line input in a labelled row; Enter in it asks to submit.
    QLineEdit* addLine(QFormLayout* form, const QString& name, const QString& placeholder,
                       Field field);
    // `input` (or a row holding it, `shown`) with its message underneath; the label's mnemonic
    // focuses `input`. Returns the label.
    QLabel* addRow(QFormLayout* form, const QString& name, QWidget* input, Field field,
                   QWidget* shown = nullptr);
    // The same with a widget of one's own in the label column (a radio button).
    void addRow(QFormLayout* form, QWidget* label, QWidget* input, Field field,
                QWidget* shown = nullptr);
    // A line edit named and wired like addLine's, not yet in any layout.
    QLineEdit* makeLine(const QString& placeholder, Field field);

    // Shows each message beside its input (clearing the others). Returns whether any of them
    // sits under "Advanced options". A message about a field without a row here is skipped:
    // the caller shows it elsewhere (see shows()).
    bool showErrors(const std::vector<FieldError>& errors);
    bool shows(Field field) const { return errors_.contains(field); }
    void focus(Field field) const;  // nothing for a field without a row
    // The messages' colour for `palette` (the form's, after it changed to a light or dark theme).
    void recolor(const QPalette& palette);
    QLabel* errorLabel(Field field) const { return errors_.at(field); }
    const std::map<Field, QWidget*>& inputs() const { return inputs_; }

    static QString objectName(Field field, const char* suffix);

  signals:
    void submitRequested(QObject* source);  // Enter in a single-line input
    void edited();                          // any input changed

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* withMessage(QWidget* shown, Field field);

    std::map<Field, QLabel*> errors_;
    std::map<Field, QWidget*> inputs_;
};

}  // namespace salvo::ui
