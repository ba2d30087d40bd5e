#pragma once

#include <QObject>
#include <functional>

#include "salvo/RunSpec.hpp"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPalette;

namespace salvo::ui {

class FieldRows;

// The "Connections and TLS" part of the advanced options: keep-alive, the HTTP version and
// HTTP/2 streams per connection, where connections go (curl's --connect-to), the CA file, the
// client certificate and key of mutual TLS, and skipping certificate checks. Like LoadSection, it builds its rows into a form of the run
// form's, so its inputs are named, helped and given their messages by the shared FieldRows.
class ConnectionSection : public QObject {
    Q_OBJECT

  public:
    // `baseDir` gives the folder relative file names are read from (an opened plan's).
    ConnectionSection(FieldRows& rows, std::function<QString()> baseDir, QObject* parent);

    void build(QFormLayout* form);
    void fill(RunInput& in) const;  // the connection and TLS fields of `in`
    void set(const RunInput& in);
    void setRunning(bool running);  // the rows' inputs are locked by the form; these are not rows
    void recolor(const QPalette& palette);  // the insecure box's warning colour

  private:
    QComboBox* buildHttpVersion();
    void setHttpVersion(const std::string& version);
    QLineEdit* fileRow(QFormLayout* form, const QString& name, const QString& placeholder,
                       Field field, const QString& what);

    FieldRows& rows_;
    std::function<QString()> baseDir_;
    QCheckBox* keepAlive_ = nullptr;
    QComboBox* httpVersion_ = nullptr;  // its items' data: RunInput::httpVersion ("" for 1.1)
    QLineEdit* streams_ = nullptr;
    QLineEdit* connectTo_ = nullptr;
    QLineEdit* caFile_ = nullptr;
    QLineEdit* clientCert_ = nullptr;
    QLineEdit* clientKey_ = nullptr;
    QCheckBox* insecure_ = nullptr;
};

}  // namespace salvo::ui
