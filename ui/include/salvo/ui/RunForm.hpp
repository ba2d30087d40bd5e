#pragma once

#include <QWidget>
#include <map>
#include <vector>

#include "salvo/RunSpec.hpp"

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace salvo::ui {

// The inputs of a run: URL, count and connections up front, the rest under "Advanced".
// It turns what was typed into a RunInput and shows validation messages beside each field.
class RunForm : public QWidget {
    Q_OBJECT

public:
    explicit RunForm(QWidget* parent = nullptr);

    RunInput input() const;
    void setInput(const RunInput& input);
    void setUrl(const QString& url);

    // Shows each message beside its field (clearing the others); focuses the first bad field.
    void showErrors(const std::vector<FieldError>& errors, bool focusFirst);

    QLineEdit* urlEdit() const { return url_; }
    QLineEdit* countEdit() const { return count_; }
    QLineEdit* connectionsEdit() const { return connections_; }
    QWidget* advancedBox() const;

signals:
    void submitRequested();  // Enter in any single-line field
    void edited();           // any input changed

private:
    QLineEdit* addLine(QFormLayout* form, const QString& name, const QString& placeholder, Field field);
    void addRow(QFormLayout* form, const QString& name, QWidget* input, Field field);
    QLabel* errorLabel(Field field);
    void buildAdvanced(QFormLayout* parentForm);

    QLineEdit* url_;
    QLineEdit* count_;
    QLineEdit* connections_;
    QToolButton* advanced_;
    QLineEdit* timeout_;
    QLineEdit* threads_;
    QLineEdit* method_;
    QPlainTextEdit* headers_;
    QLineEdit* body_;
    QLineEdit* caFile_;
    QLineEdit* maxHeaderSize_;
    QCheckBox* insecure_;
    std::map<Field, QLabel*> errors_;
    std::map<Field, QWidget*> inputs_;
};

}  // namespace salvo::ui
