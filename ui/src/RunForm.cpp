#include "salvo/ui/RunForm.hpp"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

#include "FieldRows.hpp"
#include "MultiLineField.hpp"
#include "salvo/ui/LoadSection.hpp"

namespace salvo::ui {

RunForm::RunForm(QWidget* parent)
    : QWidget(parent), rows_(new FieldRows(this)), load_(new LoadSection(*rows_, this)) {
    connect(rows_, &FieldRows::edited, this, &RunForm::edited);
    connect(rows_, &FieldRows::submitRequested, this, [this](QObject* source) {
        if (!running_)
            emit submitRequested();
        else if (source == load_->rateEdit())
            emit rateApplyRequested();
    });
    connect(load_, &LoadSection::rateApplyRequested, this, &RunForm::rateApplyRequested);
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    url_ = rows_->addLine(form, tr("&URL"), tr("http://127.0.0.1:8080/"), Field::url);
    load_->buildMain(form);
    connections_ = rows_->addLine(form, tr("C&onnections"),
                                  tr("default min(requests, 50); with a rate, opened at the start"),
                                  Field::connections);
    buildAdvanced(form);
    setInput(RunInput{});
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

    // Two columns side by side, so the panel does not push the results off a laptop screen.
    auto* columns = new QHBoxLayout(inner);
    columns->setContentsMargins(0, 0, 0, 0);
    auto* requests = new QGroupBox(tr("Each request"));
    auto* loadModel = new QGroupBox(tr("Load model"));
    columns->addWidget(requests, 1);
    columns->addWidget(loadModel, 1);
    auto* form = new QFormLayout(requests);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    timeout_ =
        rows_->addLine(form, tr("&Timeout (s)"), tr("per request, default 30"), Field::timeout);
    threads_ =
        rows_->addLine(form, tr("T&hreads"), tr("engine threads, default 1"), Field::threads);
    method_ = rows_->addLine(form, tr("&Method"), tr("GET"), Field::method);
    body_ = rows_->addLine(form, tr("&Body"), tr("request body, sent as-is"), Field::body);
    caFile_ = rows_->addLine(form, tr("&CA file"), tr("extra trusted CA certificates (PEM)"),
                             Field::caFile);
    maxHeaderSize_ =
        rows_->addLine(form, tr("Max header si&ze"), tr("largest response head, default 100k"),
                       Field::maxHeaderSize);
    headers_ = new MultiLineField;
    headers_->setObjectName("headersEdit");
    headers_->setPlaceholderText(tr("Name: value, one per line"));
    headers_->setTabChangesFocus(true);
    headers_->setMaximumHeight(60);
    connect(headers_, &QPlainTextEdit::textChanged, this, &RunForm::edited);
    rows_->addRow(form, tr("H&eaders"), headers_, Field::headers);
    insecure_ = new QCheckBox(tr("&Skip TLS certificate verification (insecure)"));
    insecure_->setObjectName("insecureCheck");
    insecure_->setStyleSheet("QCheckBox:checked { color: #b00020; font-weight: bold; }");
    connect(insecure_, &QCheckBox::toggled, this, &RunForm::edited);
    form->addRow(insecure_);

    auto* loadForm = new QFormLayout(loadModel);
    loadForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    load_->buildAdvanced(loadForm);
}

QWidget* RunForm::advancedBox() const {
    return advanced_;
}

QList<QWidget*> RunForm::tabChain() const {
    return QList<QWidget*>{url_} + load_->tabChain() + QList<QWidget*>{connections_};
}

RunInput RunForm::input() const {
    RunInput in;
    in.url = url_->text().toStdString();
    load_->fill(in);
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
    load_->set(in);
    connections_->setText(QString::fromStdString(in.connections));
    timeout_->setText(QString::fromStdString(in.timeoutSeconds));
    threads_->setText(QString::fromStdString(in.threads));
    method_->setText(QString::fromStdString(in.method));
    body_->setText(QString::fromStdString(in.body));
    caFile_->setText(QString::fromStdString(in.caFile));
    maxHeaderSize_->setText(QString::fromStdString(in.maxHeaderSize));
    insecure_->setChecked(in.insecure);
}

void RunForm::setUrl(const QString& url) {
    url_->setText(url);
}

void RunForm::setRunning(bool running, bool openModel) {
    running_ = running;
    for (const auto& [field, input] : rows_->inputs())
        if (field != Field::rate) input->setEnabled(!running);
    insecure_->setEnabled(!running);
    load_->setRunning(running, openModel);
}

void RunForm::showErrors(const std::vector<FieldError>& errors, bool focusFirst) {
    if (rows_->showErrors(errors)) advanced_->setChecked(true);
    if (focusFirst && !errors.empty()) rows_->focus(errors.front().field);
}

}  // namespace salvo::ui
