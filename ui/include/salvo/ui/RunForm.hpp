#pragma once

#include <QWidget>
#include <vector>

#include "salvo/RunSpec.hpp"

class QBoxLayout;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace salvo::ui {

class ConnectionSection;
class FieldRows;
class LoadSection;
class PairTable;
class RequestListNote;
class ResponseSection;
class ThresholdTable;

// The inputs of a run: URL, the load (count or duration, rate) and connections up front, the
// rest under "Advanced options" (each request, the load model, connections and TLS, checks on
// every response, pass/fail thresholds). It turns
// what was typed into a RunInput and shows validation messages beside each field. The folder
// relative file names are read from (RunInput::baseDir, an opened plan's) is kept, not shown;
// so are a plan's named requests (RunInput::requests), which a note under the URL lists.
class RunForm : public QWidget {
    Q_OBJECT

  public:
    explicit RunForm(QWidget* parent = nullptr);

    RunInput input() const;
    void setInput(const RunInput& input);
    void setUrl(const QString& url);
    void setBaseDir(const std::string& folder) { baseDir_ = folder; }
    // During a run every input is locked except the rate of an open-model run.
    void setRunning(bool running, bool openModel);

    // Shows each message beside its field (clearing the others), opening "Advanced options"
    // when one is there; focuses the first bad field.
    void showErrors(const std::vector<FieldError>& errors, bool focusFirst);

    // Whether run records keep header values and the body (opted in; off by default). Not part
    // of the run's input: it says what is saved afterwards, not what is sent.
    bool keepSecrets() const;
    void setKeepSecrets(bool keep);

    QLineEdit* urlEdit() const { return url_; }
    QLineEdit* connectionsEdit() const { return connections_; }
    LoadSection& load() const { return *load_; }
    QWidget* advancedBox() const;
    QString fieldLabel(Field field) const;  // as its row names it ("Headers")
    QList<QWidget*> tabChain() const;  // the inputs up front, in Tab order

  signals:
    void submitRequested();     // Enter in any single-line field (not during a run)
    void rateApplyRequested();  // during a run: Enter in the rate field, or Apply
    void edited();              // any input changed

  protected:
    void changeEvent(QEvent* event) override;  // status colours follow a light or dark palette
    void resizeEvent(QResizeEvent* event) override;  // the advanced panel: two columns or one

  private:
    void buildAdvanced(QFormLayout* parentForm);
    QWidget* buildRightColumn();
    void buildRequestRows(QFormLayout* form);
    void buildBodyRows(QFormLayout* form);
    void buildBasicAuth(QFormLayout* form);
    QWidget* buildThresholds();
    QLabel* buildOtherErrors();
    QComboBox* buildMethod();
    QComboBox* buildContentType();
    void lockBodyOrFile();
    void recolor();

    FieldRows* rows_;
    LoadSection* load_;
    ConnectionSection* connection_;
    ResponseSection* response_;
    bool running_ = false;
    QLineEdit* url_;
    QLineEdit* connections_;
    QToolButton* advanced_;
    QLineEdit* timeout_;
    QLineEdit* threads_;
    QComboBox* method_;
    PairTable* headers_;
    QComboBox* contentType_;
    QPlainTextEdit* body_;
    QLineEdit* bodyFile_;
    QLineEdit* user_;      // basic auth: RunInput::basicAuth is "user:password"
    QLineEdit* password_;
    QLineEdit* maxHeaderSize_;
    QCheckBox* keepSecrets_;
    ThresholdTable* thresholds_;
    RequestListNote* requestList_;
    std::string baseDir_;
    std::vector<NamedRequestInput> requests_;  // a plan's [[requests]], carried unchanged
    QBoxLayout* columns_ = nullptr;  // the advanced panel's two columns
    QBoxLayout* passFail_ = nullptr; // below them: the checks beside the thresholds
    QLabel* otherErrors_ = nullptr;  // messages about fields without a row of their own
    int twoColumnsWidth_ = 0;        // the panel's width below which they stack
};

}  // namespace salvo::ui
