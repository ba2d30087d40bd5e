#include "salvo/ui/RunForm.hpp"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "MultiLineField.hpp"

namespace salvo::ui {

RunForm::RunForm(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    url_ = addLine(form, tr("&URL"), tr("http://127.0.0.1:8080/"), Field::url);
    count_ = addLine(form, tr("&Requests"), tr("how many requests in all"), Field::count);
    connections_ = addLine(form, tr("C&onnections"), tr("default: min(requests, 50)"), Field::connections);
    buildAdvanced(form);
    setInput(RunInput{});
}

// A field with its (hidden) error message underneath.
void RunForm::addRow(QFormLayout* form, const QString& name, QWidget* input, Field field) {
    auto* column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(input);
    column->addWidget(errorLabel(field));
    inputs_[field] = input;
    auto* label = new QLabel(name);
    label->setBuddy(input);  // Alt+letter focuses the field
    form->addRow(label, column);
}

QLineEdit* RunForm::addLine(QFormLayout* form, const QString& name, const QString& placeholder,
                            Field field) {
    auto* edit = new QLineEdit;
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setObjectName(QString::fromLatin1(fieldName(field)) + "Edit");
    connect(edit, &QLineEdit::returnPressed, this, &RunForm::submitRequested);
    connect(edit, &QLineEdit::textEdited, this, &RunForm::edited);
    addRow(form, name, edit, field);
    return edit;
}

QLabel* RunForm::errorLabel(Field field) {
    auto* label = new QLabel;
    label->setObjectName(QString::fromLatin1(fieldName(field)) + "Error");
    label->setStyleSheet("color: #b00020;");
    label->setWordWrap(true);
    label->hide();
    errors_[field] = label;
    return label;
}

void RunForm::buildAdvanced(QFormLayout* parentForm) {
    // Collapsed until the person asks for more: an arrow button that shows the panel.
    advanced_ = new QToolButton;
    advanced_->setObjectName("advancedToggle");
    advanced_->setText(tr("&Advanced options"));
    advanced_->setCheckable(true);
    advanced_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advanced_->setArrowType(Qt::RightArrow);
    advanced_->setAutoRaise(true);
    auto* inner = new QWidget;
    inner->setObjectName("advancedPanel");
    inner->setVisible(false);
    connect(advanced_, &QToolButton::toggled, this, [this, inner](bool open) {
        inner->setVisible(open);
        advanced_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    parentForm->addRow(advanced_);
    parentForm->addRow(inner);

    auto* form = new QFormLayout(inner);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    timeout_ = addLine(form, tr("&Timeout (s)"), tr("per request, default 30"), Field::timeout);
    threads_ = addLine(form, tr("T&hreads"), tr("engine threads, default 1"), Field::threads);
    method_ = addLine(form, tr("&Method"), tr("GET"), Field::method);
    body_ = addLine(form, tr("&Body"), tr("request body, sent as-is"), Field::body);
    caFile_ = addLine(form, tr("&CA file"), tr("extra trusted CA certificates (PEM)"), Field::caFile);
    maxHeaderSize_ = addLine(form, tr("Max header si&ze"), tr("largest response head, default 100k"),
                             Field::maxHeaderSize);
    headers_ = new MultiLineField;
    headers_->setObjectName("headersEdit");
    headers_->setPlaceholderText(tr("Name: value, one per line"));
    headers_->setTabChangesFocus(true);
    headers_->setMaximumHeight(70);
    connect(headers_, &QPlainTextEdit::textChanged, this, &RunForm::edited);
    addRow(form, tr("H&eaders"), headers_, Field::headers);
    insecure_ = new QCheckBox(tr("&Skip TLS certificate verification (insecure)"));
    insecure_->setObjectName("insecureCheck");
    insecure_->setStyleSheet("QCheckBox:checked { color: #b00020; font-weight: bold; }");
    connect(insecure_, &QCheckBox::toggled, this, &RunForm::edited);
    form->addRow(insecure_);
}

QWidget* RunForm::advancedBox() const { return advanced_; }

RunInput RunForm::input() const {
    RunInput in;
    in.url = url_->text().toStdString();
    in.count = count_->text().toStdString();
    in.connections = connections_->text().toStdString();
    in.timeoutSeconds = timeout_->text().isEmpty() ? "30" : timeout_->text().toStdString();
    in.threads = threads_->text().isEmpty() ? "1" : threads_->text().toStdString();
    in.method = method_->text().isEmpty() ? "GET" : method_->text().toStdString();
    for (const QString& line : headers_->toPlainText().split('\n', Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty()) in.headers.push_back(line.toStdString());
    in.body = body_->text().toStdString();
    in.caFile = caFile_->text().toStdString();
    in.insecure = insecure_->isChecked();
    if (!maxHeaderSize_->text().isEmpty()) in.maxHeaderSize = maxHeaderSize_->text().toStdString();
    return in;
}

void RunForm::setInput(const RunInput& in) {
    url_->setText(QString::fromStdString(in.url));
    count_->setText(QString::fromStdString(in.count));
    connections_->setText(QString::fromStdString(in.connections));
    timeout_->setText(QString::fromStdString(in.timeoutSeconds));
    threads_->setText(QString::fromStdString(in.threads));
    method_->setText(QString::fromStdString(in.method));
    body_->setText(QString::fromStdString(in.body));
    caFile_->setText(QString::fromStdString(in.caFile));
    maxHeaderSize_->setText(QString::fromStdString(in.maxHeaderSize));
    insecure_->setChecked(in.insecure);
}

void RunForm::setUrl(const QString& url) { url_->setText(url); }

void RunForm::showErrors(const std::vector<FieldError>& errors, bool focusFirst) {
    for (auto& [field, label] : errors_) label->hide();
    for (const auto& e : errors) {
        errors_[e.field]->setText(QString::fromStdString(e.message));
        errors_[e.field]->show();
        if (e.field > Field::connections) advanced_->setChecked(true);
    }
    if (focusFirst && !errors.empty()) inputs_[errors.front().field]->setFocus();
}

}  // namespace salvo::ui
