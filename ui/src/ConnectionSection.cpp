#include "ConnectionSection.hpp"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>

#include "Colors.hpp"
#include "FieldRows.hpp"
#include "FilePicker.hpp"

namespace salvo::ui {

ConnectionSection::ConnectionSection(FieldRows& rows, std::function<QString()> baseDir,
                                     QObject* parent)
    : QObject(parent), rows_(rows), baseDir_(std::move(baseDir)) {}

// No Alt letters but the CA file's: every other letter of these labels is taken already.
void ConnectionSection::build(QFormLayout* form) {
    keepAlive_ = new QCheckBox(tr("Keep connections alive"));
    keepAlive_->setObjectName("keepAliveCheck");
    keepAlive_->setToolTip(tr("Off: a new connection for every request (Connection: close), so "
                              "each one pays for its TCP and TLS handshakes"));
    keepAlive_->setAccessibleDescription(keepAlive_->toolTip());
    connect(keepAlive_, &QCheckBox::toggled, &rows_, &FieldRows::edited);
    form->addRow(keepAlive_);
    httpVersion_ = buildHttpVersion();
    rows_.addRow(form, tr("HTTP version"), httpVersion_, Field::httpVersion);
    streams_ = rows_.addLine(form, tr("Streams per connection"), tr("HTTP/2 only, default 1"),
                             Field::streams);
    connectTo_ = rows_.addLine(form, tr("Connect to"), tr("HOST:PORT:ADDRESS:PORT, …"),
                               Field::connectTo);
    caFile_ = fileRow(form, tr("&CA file"), tr("extra trusted CAs (PEM)"), Field::caFile,
                      tr("CA file"));
    clientCert_ = fileRow(form, tr("Client certificate"), tr("PEM, for mutual TLS"),
                          Field::clientCert, tr("client certificate"));
    clientKey_ = fileRow(form, tr("Client key"), tr("PEM; empty: in the cert file"),
                         Field::clientKey, tr("client key"));
    insecure_ = new QCheckBox(tr("&Skip TLS certificate verification (insecure)"));
    insecure_->setObjectName("insecureCheck");
    insecure_->setToolTip(tr("Sends requests without checking the server's certificate. The run "
                             "and its report say so."));
    insecure_->setAccessibleDescription(insecure_->toolTip());
    connect(insecure_, &QCheckBox::toggled, &rows_, &FieldRows::edited);
    form->addRow(insecure_);
}

namespace {
constexpr int kKnownVersions = 4;  // the items below; a fifth holds a plan's unknown word
}

// The protocol, in words; each item's data is what RunInput::httpVersion holds for it.
QComboBox* ConnectionSection::buildHttpVersion() {
    auto* box = new QComboBox;
    box->setObjectName(FieldRows::objectName(Field::httpVersion, "Edit"));
    box->setAccessibleName(tr("HTTP version"));  // else screen readers announce only the current item
    box->view()->setAccessibleName(tr("HTTP versions"));
    const std::pair<QString, QString> items[kKnownVersions] = {
        {tr("HTTP/1.1"), tr("HTTP/1.1 on every connection, one request at a time")},
        {tr("HTTP/2 (TLS, ALPN)"),
         tr("HTTP/2 over TLS, agreed by ALPN; a server that offers only HTTP/1.1 is an error "
            "(https:// only)")},
        {tr("HTTP/2 or HTTP/1.1 (auto)"),
         tr("HTTP/2 where the server offers it, else HTTP/1.1; the report says which was used")},
        {tr("HTTP/2 prior knowledge (h2c)"),
         tr("HTTP/2 over plain TCP from the first byte, for servers known to speak it (http:// "
            "only)")}};
    const char* const data[kKnownVersions] = {"", "2", "auto", "h2c"};
    for (int i = 0; i < kKnownVersions; ++i) {
        box->addItem(items[i].first, QString::fromLatin1(data[i]));
        box->setItemData(i, items[i].second, Qt::ToolTipRole);
    }
    connect(box, &QComboBox::currentIndexChanged, &rows_, &FieldRows::edited);
    return box;
}

// A word the list does not hold (a plan's http = "3") is shown as it is, with validate()'s
// message beside it, rather than quietly becoming HTTP/1.1.
void ConnectionSection::setHttpVersion(const std::string& version) {
    while (httpVersion_->count() > kKnownVersions) httpVersion_->removeItem(kKnownVersions);
    const QString word = QString::fromStdString(version).trimmed();
    int index = httpVersion_->findData(word == QLatin1String("1.1") ? QString() : word);
    if (index < 0) {
        httpVersion_->addItem(tr("%1 (not a version Salvo knows)").arg(word),
                              QString::fromStdString(version));
        index = kKnownVersions;
    }
    httpVersion_->setCurrentIndex(index);
}

QLineEdit* ConnectionSection::fileRow(QFormLayout* form, const QString& name,
                                      const QString& placeholder, Field field,
                                      const QString& what) {
    QLineEdit* edit = rows_.makeLine(placeholder, field);
    auto* picker = new FilePicker(
        edit, what, tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"), baseDir_);
    connect(picker, &FilePicker::chosen, &rows_, &FieldRows::edited);
    rows_.addRow(form, name, edit, field, picker);
    return edit;
}

void ConnectionSection::fill(RunInput& in) const {
    in.keepAlive = keepAlive_->isChecked();
    in.httpVersion = httpVersion_->currentData().toString().toStdString();
    in.streams = streams_->text().toStdString();
    // Entries hold no spaces or commas (an IPv6 address is in brackets), so either separates.
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    in.connectTo.clear();
    for (const QString& entry : connectTo_->text().split(separators, Qt::SkipEmptyParts))
        in.connectTo.push_back(entry.toStdString());
    in.caFile = caFile_->text().toStdString();
    in.clientCert = clientCert_->text().toStdString();
    in.clientKey = clientKey_->text().toStdString();
    in.insecure = insecure_->isChecked();
}

void ConnectionSection::set(const RunInput& in) {
    keepAlive_->setChecked(in.keepAlive);
    setHttpVersion(in.httpVersion);
    streams_->setText(QString::fromStdString(in.streams));
    QStringList entries;
    for (const std::string& entry : in.connectTo) entries << QString::fromStdString(entry);
    connectTo_->setText(entries.join(", "));
    caFile_->setText(QString::fromStdString(in.caFile));
    clientCert_->setText(QString::fromStdString(in.clientCert));
    clientKey_->setText(QString::fromStdString(in.clientKey));
    insecure_->setChecked(in.insecure);
}

void ConnectionSection::setRunning(bool running) {
    keepAlive_->setEnabled(!running);
    insecure_->setEnabled(!running);
}

void ConnectionSection::recolor(const QPalette& palette) {
    insecure_->setStyleSheet(QStringLiteral("QCheckBox:checked { %1 font-weight: bold; }")
                                 .arg(colors::css(colors::bad(palette))));
}

}  // namespace salvo::ui
