#include "salvo/ui/RunForm.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QBoxLayout>
#include <QVBoxLayout>
#include <QEvent>
#include <QResizeEvent>
#include <algorithm>
#include <vector>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

#include "Colors.hpp"
#include "ConnectionSection.hpp"
#include "FieldHelp.hpp"
#include "FieldRows.hpp"
#include "FilePicker.hpp"
#include "MultiLineField.hpp"
#include "PairTable.hpp"
#include "RequestListNote.hpp"
#include "ResponseSection.hpp"
#include "ThresholdTable.hpp"
#include "salvo/ui/LoadSection.hpp"

namespace salvo::ui {
namespace {

// "user:password" when either is typed. A user field holding a ${VARIABLE} and no password is
// passed alone: the variable holds both (basic_auth = "${CREDENTIALS}" in a plan).
std::string joinBasicAuth(const QString& user, const QString& password) {
    if (user.isEmpty() && password.isEmpty()) return {};
    if (password.isEmpty() && user.contains("${")) return user.toStdString();
    return (user + ':' + password).toStdString();
}

// One label width for forms stacked in a column, so their fields start at the same x.
void alignLabels(std::initializer_list<QFormLayout*> forms) {
    int widest = 0;
    std::vector<QWidget*> labels;
    for (QFormLayout* form : forms)
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem* item = form->itemAt(row, QFormLayout::LabelRole);
            if (!item || !item->widget()) continue;  // a check box spanning the row
            labels.push_back(item->widget());
            widest = std::max(widest, item->widget()->sizeHint().width());
        }
    for (QWidget* label : labels) label->setMinimumWidth(widest);
}

}  // namespace

RunForm::RunForm(QWidget* parent)
    : QWidget(parent),
      rows_(new FieldRows(this)),
      load_(new LoadSection(*rows_, this)),
      connection_(new ConnectionSection(
          *rows_, [this] { return QString::fromStdString(baseDir_); }, this)),
      response_(new ResponseSection(*rows_, this)),
      requestList_(new RequestListNote) {
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
    // Under the URL, up front: the named requests change what every request field means.
    form->setWidget(form->rowCount(), QFormLayout::FieldRole, requestList_);
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
    advanced_->setToolTip(tr("Timeouts, threads, method, headers, body, basic auth; ramps, warm-up "
                             "and the connection ceiling of the load model; keep-alive, HTTP version "
                             "and streams, connect-to and TLS files; redirects and checks on responses; pass/fail thresholds"));
    auto* inner = new QWidget;
    inner->setObjectName("advancedPanel");
    inner->setVisible(false);
    connect(advanced_, &QToolButton::toggled, this, [this, inner](bool open) {
        inner->setVisible(open);
        advanced_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    parentForm->addRow(advanced_);
    parentForm->addRow(buildOtherErrors());
    parentForm->addRow(inner);

    // Two columns side by side, so the panel does not push the results off a laptop screen;
    // one above the other where two do not fit (see resizeEvent). The checks and thresholds go
    // below both, the thresholds' expressions with the wider share. Built in the order Tab
    // visits them.
    auto* panel = new QVBoxLayout(inner);
    panel->setContentsMargins(0, 0, 0, 0);
    columns_ = new QBoxLayout(QBoxLayout::LeftToRight);
    panel->addLayout(columns_);
    passFail_ = new QBoxLayout(QBoxLayout::LeftToRight);
    panel->addLayout(passFail_);
    auto* requests = new QGroupBox(tr("Each request"));
    requests->setObjectName("requestBox");
    auto* form = new QFormLayout(requests);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildRequestRows(form);
    QWidget* right = buildRightColumn();
    // Each column as tall as its rows: stretched to the other's height, the request rows would
    // open gaps around the body, whose height is capped.
    columns_->addWidget(requests, 1, Qt::AlignTop);
    columns_->addWidget(right, 1, Qt::AlignTop);
    passFail_->addWidget(response_->buildChecks(), 1, Qt::AlignTop);
    passFail_->addWidget(buildThresholds(), 2);
    recolor();
    const int one = std::max(requests->minimumSizeHint().width(), right->minimumSizeHint().width());
    twoColumnsWidth_ = requests->minimumSizeHint().width() + right->minimumSizeHint().width() +
                       columns_->spacing();
    // What the form needs with the panel in one column: never more, so the window can be narrow.
    const QMargins m = parentForm->contentsMargins();
    setMinimumWidth(std::max(parentForm->minimumSize().width(), one + m.left() + m.right()));
}

// The load model over the connections and TLS, so the two columns come out about as tall.
QWidget* RunForm::buildRightColumn() {
    auto* loadModel = new QGroupBox(tr("Load model"));
    loadModel->setObjectName("loadModelBox");
    auto* loadForm = new QFormLayout(loadModel);
    loadForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    load_->buildAdvanced(loadForm);
    auto* tls = new QGroupBox(tr("Connections and TLS"));
    tls->setObjectName("connectionBox");
    auto* tlsForm = new QFormLayout(tls);
    tlsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    connection_->build(tlsForm);
    alignLabels({loadForm, tlsForm});
    auto* right = new QWidget;
    auto* column = new QVBoxLayout(right);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(loadModel);
    column->addWidget(tls);
    return right;
}

void RunForm::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const QMargins m = layout()->contentsMargins();
    const bool two = event->size().width() - m.left() - m.right() >= twoColumnsWidth_;
    columns_->setDirection(two ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    passFail_->setDirection(two ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

// The "Each request" column: timeout, threads, method, headers, content type, body or body
// file, basic auth, head limit, redirects followed, and what records keep.
void RunForm::buildRequestRows(QFormLayout* form) {
    timeout_ =
        rows_->addLine(form, tr("&Timeout (s)"), tr("per request, default 30"), Field::timeout);
    threads_ =
        rows_->addLine(form, tr("T&hreads"), tr("engine threads, default 1"), Field::threads);
    method_ = buildMethod();
    rows_->addRow(form, tr("&Method"), method_, Field::method);
    headers_ = new PairTable(tr("Name"), tr("Value"), ": ");
    headers_->setObjectName("headersEdit");
    connect(headers_, &PairTable::edited, this, &RunForm::edited);
    connect(headers_, &PairTable::submitRequested, rows_, [this] { emit rows_->submitRequested(headers_); });
    rows_->addRow(form, tr("H&eaders"), headers_, Field::headers, headers_->withButtons(tr("header"), "headers"));
    contentType_ = buildContentType();
    rows_->addRow(form, tr("Content type"), contentType_, Field::contentType);
    buildBodyRows(form);
    buildBasicAuth(form);
    maxHeaderSize_ =
        rows_->addLine(form, tr("Max header si&ze"), tr("largest response head, default 100k"),
                       Field::maxHeaderSize);
    response_->buildRedirects(form);
    // Headers often carry credentials (Authorization, cookies), so records leave them out unless
    // the person asks otherwise here.
    keepSecrets_ = new QCheckBox(tr("&Keep header values and body in run records"));
    keepSecrets_->setObjectName("keepSecretsCheck");
    keepSecrets_->setToolTip(tr("Every run is saved in History. Off: header names are kept, their "
                                "values and the body are saved as [redacted]."));
    keepSecrets_->setAccessibleDescription(keepSecrets_->toolTip());
    form->addRow(keepSecrets_);
}

// The body as typed, or a file's contents: one or the other (see lockBodyOrFile). No Alt
// letter for the file: every letter of "Body file" belongs to another field.
void RunForm::buildBodyRows(QFormLayout* form) {
    body_ = new MultiLineField;
    body_->setObjectName("bodyEdit");
    body_->setTabChangesFocus(true);
    body_->setMaximumHeight(70);
    connect(body_, &QPlainTextEdit::textChanged, this, &RunForm::edited);
    connect(body_, &QPlainTextEdit::textChanged, this, &RunForm::lockBodyOrFile);
    rows_->addRow(form, tr("&Body"), body_, Field::body);
    bodyFile_ = rows_->makeLine({}, Field::bodyFile);
    auto* picker = new FilePicker(bodyFile_, tr("body file"), tr("All files (*)"),
                                  [this] { return QString::fromStdString(baseDir_); });
    connect(picker, &FilePicker::chosen, this, &RunForm::edited);
    connect(bodyFile_, &QLineEdit::textChanged, this, &RunForm::lockBodyOrFile);
    rows_->addRow(form, tr("Body file"), bodyFile_, Field::bodyFile, picker);
}

// User and password side by side, one row and one message: RunInput holds them as one
// "user:password". The password is never shown, nor kept in the settings or in records.
void RunForm::buildBasicAuth(QFormLayout* form) {
    user_ = rows_->makeLine(tr("user"), Field::basicAuth);
    user_->setObjectName("basicAuthUserEdit");
    user_->setAccessibleName(tr("Basic auth user"));
    password_ = rows_->makeLine(tr("password"), Field::basicAuth);
    password_->setObjectName("basicAuthPasswordEdit");
    password_->setEchoMode(QLineEdit::Password);
    password_->setAccessibleName(tr("Basic auth password"));
    password_->setToolTip(fieldHelp(Field::basicAuth));
    password_->setAccessibleDescription(fieldHelp(Field::basicAuth));
    auto* pair = new QWidget;
    auto* row = new QHBoxLayout(pair);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(user_, 1);
    row->addWidget(password_, 1);
    rows_->addRow(form, tr("Basic auth"), user_, Field::basicAuth, pair);
    rows_->errorLabel(Field::basicAuth)->setAccessibleName(tr("Basic auth: error"));
}

// A body and a body file cannot both be sent: while one holds something the other is locked,
// its placeholder saying why. Both filled (a plan that has both) leaves both open, with
// validate()'s message beside the file, so either can be emptied.
void RunForm::lockBodyOrFile() {
    const bool body = !body_->toPlainText().isEmpty();
    const bool file = !bodyFile_->text().isEmpty();
    body_->setEnabled(!running_ && (!file || body));
    bodyFile_->setEnabled(!running_ && (!body || file));
    body_->setPlaceholderText(file ? tr("the body file is sent instead")
                                   : tr("request body, sent as-is"));
    bodyFile_->setPlaceholderText(body ? tr("the typed body is sent instead")
                                       : tr("a file sent as the body"));
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

// The common types to pick, any other to type; empty sends none.
QComboBox* RunForm::buildContentType() {
    auto* type = new QComboBox;
    type->setObjectName(FieldRows::objectName(Field::contentType, "Edit"));
    type->setEditable(true);
    type->setInsertPolicy(QComboBox::NoInsert);
    type->addItems({"application/json", "application/x-www-form-urlencoded", "text/plain"});
    type->setCurrentIndex(-1);
    type->lineEdit()->setPlaceholderText(tr("none; pick one or type another"));
    type->lineEdit()->setAccessibleName(tr("Content type"));
    type->view()->setAccessibleName(tr("Content types"));
    connect(type, &QComboBox::currentTextChanged, this, &RunForm::edited);
    return type;
}

void RunForm::recolor() {
    otherErrors_->setStyleSheet(colors::css(colors::bad(palette())));
    requestList_->recolor(palette());
    connection_->recolor(palette());
    rows_->recolor(palette());
}

void RunForm::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) recolor();
}

QWidget* RunForm::advancedBox() const {
    return advanced_;
}

QString RunForm::fieldLabel(Field field) const {
    const auto it = rows_->inputs().find(field);
    if (it != rows_->inputs().end()) return it->second->accessibleName();
    return field == Field::requests ? tr("Named requests") : QString::fromLatin1(fieldName(field));
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
    in.contentType = contentType_->currentText().toStdString();
    in.body = body_->toPlainText().toStdString();
    in.bodyFile = bodyFile_->text().toStdString();
    in.basicAuth = joinBasicAuth(user_->text(), password_->text());
    connection_->fill(in);
    if (!maxHeaderSize_->text().isEmpty()) in.maxHeaderSize = maxHeaderSize_->text().toStdString();
    response_->fill(in);
    in.thresholds = thresholds_->thresholds();
    in.requests = requests_;
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
    contentType_->setCurrentText(QString::fromStdString(in.contentType));
    body_->setPlainText(QString::fromStdString(in.body));
    bodyFile_->setText(QString::fromStdString(in.bodyFile));
    const QString auth = QString::fromStdString(in.basicAuth);
    user_->setText(auth.section(':', 0, 0));
    password_->setText(auth.contains(':') ? auth.section(':', 1) : QString());
    connection_->set(in);
    maxHeaderSize_->setText(QString::fromStdString(in.maxHeaderSize));
    response_->set(in);
    thresholds_->setThresholds(in.thresholds);
    requests_ = in.requests;
    requestList_->setRequests(in.requests);
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
    password_->setEnabled(!running);  // the user is the basic-auth row's input
    connection_->setRunning(running);
    lockBodyOrFile();
    keepSecrets_->setEnabled(!running);  // the record is written with what was set at the start
    load_->setRunning(running, openModel);
}

void RunForm::showErrors(const std::vector<FieldError>& errors, bool focusFirst) {
    if (rows_->showErrors(errors)) advanced_->setChecked(true);
    if (focusFirst && !errors.empty()) rows_->focus(errors.front().field);
    // Whatever has no row of its own (a field the engine knows and the form does not show yet)
    // is still said, under the Advanced options toggle; the named requests' under their note.
    requestList_->showErrors(errors);
    QStringList other;
    for (const FieldError& e : errors)
        if (!rows_->shows(e.field) && e.field != Field::requests)
            other << tr("%1: %2").arg(QString::fromLatin1(fieldName(e.field)),
                                      QString::fromStdString(e.message));
    otherErrors_->setText(other.join('\n'));
    otherErrors_->setAccessibleDescription(otherErrors_->text());
    otherErrors_->setVisible(!other.isEmpty());
}

// The message for fields without a row; hidden while there is none.
QLabel* RunForm::buildOtherErrors() {
    otherErrors_ = new QLabel;
    otherErrors_->setObjectName("otherErrors");
    otherErrors_->setAccessibleName(tr("Other input errors"));
    otherErrors_->setWordWrap(true);
    otherErrors_->hide();
    return otherErrors_;
}

}  // namespace salvo::ui
