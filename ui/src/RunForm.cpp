#include "salvo/ui/RunForm.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QBoxLayout>
#include <QVBoxLayout>
#include <QEvent>
#include <QResizeEvent>
#include <algorithm>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

#include "Colors.hpp"
#include "FieldRows.hpp"
#include "MultiLineField.hpp"
#include "PairTable.hpp"
#include "ThresholdTable.hpp"
#include "salvo/ui/LoadSection.hpp"

namespace salvo::ui {

RunForm::RunForm(QWidget* parent)
    : QWidget(parent), rows_(new FieldRows(this)), load_(new LoadSection(*rows_, this)) {
    setObjectName("runForm");
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
    advanced_->setToolTip(tr("Timeouts, threads, method, body, headers, TLS; ramps, warm-up and "
                             "the connection ceiling of the load model; pass/fail thresholds"));
    auto* inner = new QWidget;
    inner->setObjectName("advancedPanel");
    inner->setVisible(false);
    connect(advanced_, &QToolButton::toggled, this, [this, inner](bool open) {
        inner->setVisible(open);
        advanced_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    parentForm->addRow(advanced_);
    parentForm->addRow(inner);

    // Two columns side by side, so the panel does not push the results off a laptop screen;
    // one above the other where two do not fit (see resizeEvent). The thresholds go below both,
    // where their expressions get the whole width.
    auto* panel = new QVBoxLayout(inner);
    panel->setContentsMargins(0, 0, 0, 0);
    columns_ = new QBoxLayout(QBoxLayout::LeftToRight);
    panel->addLayout(columns_);
    panel->addWidget(buildThresholds());
    auto* requests = new QGroupBox(tr("Each request"));
    requests->setObjectName("requestBox");
    auto* loadModel = new QGroupBox(tr("Load model"));
    loadModel->setObjectName("loadModelBox");
    columns_->addWidget(requests, 1);
    columns_->addWidget(loadModel, 1);
    auto* form = new QFormLayout(requests);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildRequestRows(form);
    auto* loadForm = new QFormLayout(loadModel);
    loadForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    load_->buildAdvanced(loadForm);
    const int one = std::max(requests->minimumSizeHint().width(), loadModel->minimumSizeHint().width());
    twoColumnsWidth_ = requests->minimumSizeHint().width() + loadModel->minimumSizeHint().width() +
                       columns_->spacing();
    // What the form needs with the panel in one column: never more, so the window can be narrow.
    const QMargins m = parentForm->contentsMargins();
    setMinimumWidth(std::max(parentForm->minimumSize().width(), one + m.left() + m.right()));
}

void RunForm::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const QMargins m = layout()->contentsMargins();
    const bool two = event->size().width() - m.left() - m.right() >= twoColumnsWidth_;
    columns_->setDirection(two ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

// The "Each request" column: timeout, threads, method, body, CA file, head limit, headers, TLS.
void RunForm::buildRequestRows(QFormLayout* form) {
    timeout_ =
        rows_->addLine(form, tr("&Timeout (s)"), tr("per request, default 30"), Field::timeout);
    threads_ =
        rows_->addLine(form, tr("T&hreads"), tr("engine threads, default 1"), Field::threads);
    method_ = buildMethod();
    rows_->addRow(form, tr("&Method"), method_, Field::method);
    body_ = new MultiLineField;
    body_->setObjectName("bodyEdit");
    body_->setPlaceholderText(tr("request body, sent as-is"));
    body_->setTabChangesFocus(true);
    body_->setMaximumHeight(70);
    connect(body_, &QPlainTextEdit::textChanged, this, &RunForm::edited);
    rows_->addRow(form, tr("&Body"), body_, Field::body);
    caFile_ = rows_->addLine(form, tr("&CA file"), tr("extra trusted CA certificates (PEM)"),
                             Field::caFile);
    maxHeaderSize_ =
        rows_->addLine(form, tr("Max header si&ze"), tr("largest response head, default 100k"),
                       Field::maxHeaderSize);
    headers_ = new PairTable(tr("Name"), tr("Value"), ": ");
    headers_->setObjectName("headersEdit");
    connect(headers_, &PairTable::edited, this, &RunForm::edited);
    connect(headers_, &PairTable::submitRequested, rows_, [this] { emit rows_->submitRequested(headers_); });
    rows_->addRow(form, tr("H&eaders"), headers_, Field::headers, headers_->withButtons(tr("header"), "headers"));
    insecure_ = new QCheckBox(tr("&Skip TLS certificate verification (insecure)"));
    insecure_->setObjectName("insecureCheck");
    insecure_->setToolTip(tr("Sends requests without checking the server's certificate. The run "
                             "and its report say so."));
    insecure_->setAccessibleDescription(insecure_->toolTip());
    recolor();
    connect(insecure_, &QCheckBox::toggled, this, &RunForm::edited);
    form->addRow(insecure_);
    // Headers often carry credentials (Authorization, cookies), so records leave them out unless
    // the person asks otherwise here.
    keepSecrets_ = new QCheckBox(tr("&Keep header values and body in run records"));
    keepSecrets_->setObjectName("keepSecretsCheck");
    keepSecrets_->setToolTip(tr("Every run is saved in History. Off: header names are kept, their "
                                "values and the body are saved as [redacted]."));
    keepSecrets_->setAccessibleDescription(keepSecrets_->toolTip());
    form->addRow(keepSecrets_);
}

// Pass/fail gates judged live and at the end; no Alt letter: every letter of "Thresholds" is
// another field's already.
QWidget* RunForm::buildThresholds() {
    auto* box = new QGroupBox(tr("Pass or fail"));
    box->setObjectName("thresholdsBox");
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    thresholds_ = new ThresholdTable;
    thresholds_->setObjectName(FieldRows::objectName(Field::thresholds, "Edit"));
    connect(thresholds_, &ThresholdTable::edited, this, &RunForm::edited);
    connect(thresholds_, &ThresholdTable::submitRequested, rows_,
            [this] { emit rows_->submitRequested(thresholds_); });
    rows_->addRow(form, tr("Thresholds"), thresholds_, Field::thresholds,
                  thresholds_->withButtons(tr("threshold"), "thresholds"));
    return box;
}

// An editable list: the common methods to pick, any other token to type.
QComboBox* RunForm::buildMethod() {
    auto* method = new QComboBox;
    method->setObjectName(FieldRows::objectName(Field::method, "Edit"));
    method->setEditable(true);
    method->setInsertPolicy(QComboBox::NoInsert);  // Enter submits; it does not grow the list
    method->addItems({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"});
    method->lineEdit()->setAccessibleName(tr("Method"));  // its editor and list are listed apart
    method->view()->setAccessibleName(tr("Methods"));
    connect(method, &QComboBox::currentTextChanged, this, &RunForm::edited);
    return method;
}

void RunForm::recolor() {
    insecure_->setStyleSheet(QStringLiteral("QCheckBox:checked { %1 font-weight: bold; }")
                                 .arg(colors::css(colors::bad(palette()))));
    rows_->recolor(palette());
}

void RunForm::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) recolor();
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
    const QString method = method_->currentText().trimmed();
    in.method = method.isEmpty() ? "GET" : method.toStdString();
    in.headers = headers_->rows();
    in.body = body_->toPlainText().toStdString();
    in.caFile = caFile_->text().toStdString();
    in.insecure = insecure_->isChecked();
    if (!maxHeaderSize_->text().isEmpty()) in.maxHeaderSize = maxHeaderSize_->text().toStdString();
    in.thresholds = thresholds_->thresholds();
    in.baseDir = baseDir_;
    return in;
}

void RunForm::setInput(const RunInput& in) {
    url_->setText(QString::fromStdString(in.url));
    load_->set(in);
    connections_->setText(QString::fromStdString(in.connections));
    timeout_->setText(QString::fromStdString(in.timeoutSeconds));
    threads_->setText(QString::fromStdString(in.threads));
    method_->setCurrentText(QString::fromStdString(in.method));
    headers_->setRows(in.headers);
    body_->setPlainText(QString::fromStdString(in.body));
    caFile_->setText(QString::fromStdString(in.caFile));
    maxHeaderSize_->setText(QString::fromStdString(in.maxHeaderSize));
    insecure_->setChecked(in.insecure);
    thresholds_->setThresholds(in.thresholds);
    baseDir_ = in.baseDir;
}

bool RunForm::keepSecrets() const {
    return keepSecrets_->isChecked();
}

void RunForm::setKeepSecrets(bool keep) {
    keepSecrets_->setChecked(keep);
}

void RunForm::setUrl(const QString& url) {
    url_->setText(url);
}

void RunForm::setRunning(bool running, bool openModel) {
    running_ = running;
    for (const auto& [field, input] : rows_->inputs())
        if (field != Field::rate) input->setEnabled(!running);
    insecure_->setEnabled(!running);
    keepSecrets_->setEnabled(!running);  // the record is written with what was set at the start
    load_->setRunning(running, openModel);
}

void RunForm::showErrors(const std::vector<FieldError>& errors, bool focusFirst) {
    if (rows_->showErrors(errors)) advanced_->setChecked(true);
    if (focusFirst && !errors.empty()) rows_->focus(errors.front().field);
}

}  // namespace salvo::ui
