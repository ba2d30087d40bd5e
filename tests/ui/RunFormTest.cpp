#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "Colors.hpp"
#include "WindowDriver.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::RunInput;
using salvo::ui::RunForm;

namespace {

// Every request option set, none to its default.
RunInput requestOptions() {
    RunInput in;
    in.url = "https://api.example:8443/upload";
    in.bodyFile = "payloads/order.json";
    in.contentType = "application/vnd.api+json";  // not one of the listed types
    in.basicAuth = "alice:s3cr:et";                // the password holds a colon
    in.keepAlive = false;
    in.connectTo = {"api.example:8443:127.0.0.1:9443", "[::1]:80:[::1]:8080"};
    in.caFile = "ca.pem";
    in.clientCert = "client.pem";
    in.clientKey = "/etc/salvo/client.key";
    in.insecure = true;
    in.redirects = "5";
    in.expectStatus = "200,201,2xx,200-299";
    in.expectBody = "\"ok\": true";
    in.expectBodyRegex = "^\\{.*\\}$";
    in.baseDir = "/srv/plans";
    in.arrival = "uniform";  // what the form reads back for "" (the arrival list has no blank)
    return in;
}

// Answers an open file dialog the way a person does: the path typed into its file name field
// (which has the focus; selectFile() leaves a focused field alone), then Open.
void pick(QFileDialog* dialog, const QString& path) {
    auto* name = qobject_cast<QLineEdit*>(dialog->focusWidget());
    if (!name) qFatal("the file dialog's name field has no focus");
    name->setText(path);
    static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept() is protected
}

}  // namespace

// The form's inputs (issue 9): the method as an editable list, a multi-line body, headers as a
// table, a tooltip and an accessible description on every input, errors tied to their field.
class RunFormTest : public QObject {
    Q_OBJECT

    template <class T>
    static T* find(RunForm& form, const char* name) {
        T* child = form.findChild<T*>(name);
        if (!child) qFatal("no widget named %s", name);
        return child;
    }

  private slots:
    void methodOffersTheCommonOnesAndTakesAnyToken() {
        RunForm form;
        auto* method = find<QComboBox>(form, "methodEdit");
        QVERIFY(method->isEditable());
        QStringList items;
        for (int i = 0; i < method->count(); ++i) items << method->itemText(i);
        QCOMPARE(items, (QStringList{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}));
        QCOMPARE(form.input().method, std::string("GET"));
        method->setCurrentIndex(1);
        QCOMPARE(form.input().method, std::string("POST"));
        method->lineEdit()->selectAll();
        QTest::keyClicks(method->lineEdit(), "PURGE");
        QCOMPARE(form.input().method, std::string("PURGE"));
        QCOMPARE(method->count(), 7);  // typing a method does not add it to the list
        RunInput in;
        in.method = "DELETE";
        form.setInput(in);
        QCOMPARE(method->currentText(), QString("DELETE"));
    }

    // The body keeps its lines as typed; Tab leaves the editor instead of inserting a tab.
    void bodyIsMultiLine() {
        RunForm form;
        auto* body = find<QPlainTextEdit>(form, "bodyEdit");
        QVERIFY(body->tabChangesFocus());
        body->setPlainText("{\n  \"a\": 1\n}");
        QCOMPARE(form.input().body, std::string("{\n  \"a\": 1\n}"));
        RunInput in;
        in.body = "line one\nline two";
        form.setInput(in);
        QCOMPARE(body->toPlainText(), QString("line one\nline two"));
    }

    // Each row is a header; a value may hold colons; empty rows are skipped; the keys and the
    // buttons add and remove rows, and the buttons follow the table when it is locked in a run.
    void headersAreATable() {
        RunForm form;
        auto* table = find<QTableWidget>(form, "headersEdit");
        QSignalSpy edited(&form, &RunForm::edited);
        QTest::mouseClick(find<QToolButton>(form, "headersAddButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        table->item(0, 0)->setText("Authorization");
        table->item(0, 1)->setText("Bearer a:b");
        QVERIFY(edited.count() >= 2);
        QTest::keyClick(table, Qt::Key_Escape);  // close the cell editor Add opened
        QTest::keyClick(table, Qt::Key_Insert);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(form.input().headers, (std::vector<std::string>{"Authorization: Bearer a:b"}));
        RunInput in;
        in.headers = {"X-A: 1", "X-B:two: parts"};
        form.setInput(in);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 0)->text(), QString("X-B"));
        QCOMPARE(table->item(1, 1)->text(), QString("two: parts"));
        QCOMPARE(form.input().headers, (std::vector<std::string>{"X-A: 1", "X-B: two: parts"}));
        table->setCurrentCell(0, 0);
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(form.input().headers, (std::vector<std::string>{"X-B: two: parts"}));
        form.setRunning(true, false);
        QVERIFY(!find<QToolButton>(form, "headersAddButton")->isEnabled());
        form.setRunning(false, false);
        QVERIFY(find<QToolButton>(form, "headersRemoveButton")->isEnabled());
    }

    // Every input says what it is for, to the eye (tooltip) and to a screen reader (name and
    // description); an error replaces nothing but leads the description of its own field.
    void everyInputHasATooltipANameAndADescription() {
        RunForm form;
        form.advancedBox()->setProperty("checked", true);
        int inputs = 0;
        for (QWidget* w : form.findChildren<QWidget*>()) {
            const bool input = qobject_cast<QLineEdit*>(w) || qobject_cast<QComboBox*>(w) ||
                               qobject_cast<QPlainTextEdit*>(w) || qobject_cast<QAbstractButton*>(w) ||
                               qobject_cast<QTableWidget*>(w);
            if (!input) continue;
            if (qobject_cast<QComboBox*>(w->parentWidget())) continue;  // the combo's own editor
            ++inputs;
            // What a screen reader gets: the name falls back to a button's text, the
            // description to the tooltip.
            QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(a && !a->text(QAccessible::Name).isEmpty(), qPrintable(w->objectName() + " (" + w->metaObject()->className() + ", in " + w->parentWidget()->objectName() + ") has no name"));
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName() + " has no tooltip"));
            QVERIFY2(!a->text(QAccessible::Description).isEmpty(),
                     qPrintable(w->objectName() + " has no description"));
        }
        QVERIFY(inputs >= 35);  // the clear buttons of the line edits included
        auto* url = find<QLineEdit>(form, "urlEdit");
        QVERIFY(!url->accessibleDescription().isEmpty());
        auto* threads = find<QLineEdit>(form, "threadsEdit");
        form.showErrors({{Field::threads, "must be a whole number from 1 to 64"}}, false);
        QVERIFY(threads->accessibleDescription().startsWith("Error: must be a whole number"));
        QCOMPARE(find<QLabel>(form, "threadsError")->accessibleName(), QString("Threads: error"));
        form.showErrors({}, false);
        QVERIFY(!threads->accessibleDescription().startsWith("Error"));
    }

    // The advanced panel's two columns stack where they do not fit side by side (a narrow
    // window, 2x scaling), so the form never forces sideways scrolling.
    void advancedColumnsStackWhenNarrow() {
        RunForm form;
        form.advancedBox()->setProperty("checked", true);
        const QList<QGroupBox*> boxes{find<QGroupBox>(form, "requestBox"),
                                      find<QGroupBox>(form, "loadModelBox"),
                                      find<QGroupBox>(form, "connectionBox")};
        // Where each box is in the form (the right column's boxes sit in a widget of their own).
        const auto at = [&form](QWidget* box) { return QRect(box->mapTo(&form, QPoint()), box->size()); };
        form.resize(1600, 900);
        form.setVisible(true);
        QTRY_COMPARE(at(boxes[0]).top(), at(boxes[1]).top());
        QVERIFY(at(boxes[2]).top() > at(boxes[1]).bottom());
        QVERIFY(at(boxes[2]).left() > at(boxes[0]).right());
        form.resize(form.minimumWidth(), 900);
        QTRY_VERIFY(at(boxes[1]).top() > at(boxes[0]).bottom());
        for (QGroupBox* box : boxes) QVERIFY(at(box).right() < form.width());
        QVERIFY(form.minimumWidth() < 2 * boxes[0]->minimumSizeHint().width());
    }

    // The thresholds table grows with its rows up to eight, then scrolls; never shorter than
    // it was (four and a half rows at 90 pixels).
    void thresholdTableGrowsWithItsRows() {
        RunForm form;
        form.advancedBox()->setProperty("checked", true);
        form.resize(1400, 1200);
        form.setVisible(true);
        auto* table = find<QTableWidget>(form, "thresholdsEdit");
        const int empty = table->height();
        QVERIFY(empty >= 90);
        RunInput in;
        for (int i = 0; i < 6; ++i) in.thresholds.push_back({"p(99)<250ms", false, ""});
        form.setInput(in);
        QTRY_VERIFY(table->height() > empty);
        QTRY_COMPARE(table->verticalScrollBar()->maximum(), 0);  // all six shown
        in.thresholds.resize(8, {"rps>=900", false, ""});
        form.setInput(in);
        QTRY_COMPARE(table->verticalScrollBar()->maximum(), 0);
        const int eight = table->height();
        in.thresholds.resize(14, {"rps>=900", false, ""});
        form.setInput(in);
        QTRY_VERIFY(table->verticalScrollBar()->maximum() > 0);  // more than eight scroll
        QCOMPARE(table->height(), eight);
        form.setInput(RunInput{});
        QTRY_COMPARE(table->height(), empty);
    }

    // A message's label carries the message for screen readers, not only "Headers: error".
    void errorLabelsCarryTheirMessage() {
        RunForm form;
        form.showErrors({{Field::connectTo, "'x' must be HOST:PORT:ADDRESS:PORT"}}, false);
        auto* label = find<QLabel>(form, "connectToError");
        QCOMPARE(label->accessibleDescription(), QString("'x' must be HOST:PORT:ADDRESS:PORT"));
        QVERIFY(label->accessibleName().startsWith("Connect to"));
        form.showErrors({}, false);
        QVERIFY(label->accessibleDescription().isEmpty());
    }

    // Each request option goes in with setInput() and comes out of input() as it was; the
    // widgets show it the way a person types it.
    void requestOptionsRoundTrip() {
        RunForm form;
        const RunInput in = requestOptions();
        form.setInput(in);
        QVERIFY(form.input() == in);
        QCOMPARE(find<QLineEdit>(form, "bodyFileEdit")->text(), QString("payloads/order.json"));
        QCOMPARE(find<QComboBox>(form, "contentTypeEdit")->currentText(), QString("application/vnd.api+json"));
        QCOMPARE(find<QLineEdit>(form, "basicAuthUserEdit")->text(), QString("alice"));
        QCOMPARE(find<QLineEdit>(form, "basicAuthPasswordEdit")->text(), QString("s3cr:et"));
        QVERIFY(!find<QCheckBox>(form, "keepAliveCheck")->isChecked());
        QCOMPARE(find<QLineEdit>(form, "connectToEdit")->text(),
                 QString("api.example:8443:127.0.0.1:9443, [::1]:80:[::1]:8080"));
        QCOMPARE(find<QLineEdit>(form, "clientCertEdit")->text(), QString("client.pem"));
        QCOMPARE(find<QLineEdit>(form, "clientKeyEdit")->text(), QString("/etc/salvo/client.key"));
        RunInput blank;
        blank.arrival = "uniform";
        form.setInput(blank);
        QVERIFY(form.input() == blank);
        QVERIFY(find<QCheckBox>(form, "keepAliveCheck")->isChecked());  // on unless turned off
    }

    // Connect-to entries are separated by commas, spaces or both; empty ones are dropped.
    void connectToSplitsAtCommasAndSpaces() {
        RunForm form;
        auto* edit = find<QLineEdit>(form, "connectToEdit");
        QTest::keyClicks(edit, " a:80:b:81 ,c:443:d:8443  e::f:,");
        QCOMPARE(form.input().connectTo, (std::vector<std::string>{"a:80:b:81", "c:443:d:8443", "e::f:"}));
        edit->clear();
        QVERIFY(form.input().connectTo.empty());
    }

    // Basic auth is two fields, one RunInput string: "user:password" when either is typed; a
    // user holding a ${VARIABLE} and no password stands alone (the variable holds both).
    void basicAuthJoinsUserAndPassword() {
        RunForm form;
        auto* user = find<QLineEdit>(form, "basicAuthUserEdit");
        auto* password = find<QLineEdit>(form, "basicAuthPasswordEdit");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QCOMPARE(password->accessibleName(), QString("Basic auth password"));
        QCOMPARE(user->accessibleName(), QString("Basic auth user"));
        QVERIFY(form.input().basicAuth.empty());
        QTest::keyClicks(user, "bob");
        QCOMPARE(form.input().basicAuth, std::string("bob:"));
        QTest::keyClicks(password, "pw");
        QCOMPARE(form.input().basicAuth, std::string("bob:pw"));
        user->clear();
        QCOMPARE(form.input().basicAuth, std::string(":pw"));
        for (const char* auth : {"${SALVO_CREDENTIALS}", "${U}:${P}", "carol:", ":x"}) {
            RunInput in;
            in.basicAuth = auth;
            form.setInput(in);
            QCOMPARE(form.input().basicAuth, std::string(auth));
        }
        // Locked with the rest of the form during a run.
        form.setRunning(true, false);
        QVERIFY(!user->isEnabled() && !password->isEnabled());
        form.setRunning(false, false);
        QVERIFY(user->isEnabled() && password->isEnabled());
    }

    // The content type offers the common ones and takes any other; empty sends none.
    void contentTypeOffersTheCommonOnes() {
        RunForm form;
        auto* type = find<QComboBox>(form, "contentTypeEdit");
        QVERIFY(type->isEditable());
        QStringList items;
        for (int i = 0; i < type->count(); ++i) items << type->itemText(i);
        QCOMPARE(items, (QStringList{"application/json", "application/x-www-form-urlencoded", "text/plain"}));
        QVERIFY(form.input().contentType.empty());
        type->setCurrentIndex(2);
        QCOMPARE(form.input().contentType, std::string("text/plain"));
        type->lineEdit()->selectAll();
        QTest::keyClicks(type->lineEdit(), "application/xml");
        QCOMPARE(form.input().contentType, std::string("application/xml"));
        QCOMPARE(type->count(), 3);
    }

    // A typed body locks the body file and the other way round, each saying why; both set (a
    // plan that has both) leaves both open so either can be emptied. A run locks both, and its
    // end gives back the same lock.
    void bodyAndBodyFileLockEachOther() {
        RunForm form;
        auto* body = find<QPlainTextEdit>(form, "bodyEdit");
        auto* file = find<QLineEdit>(form, "bodyFileEdit");
        auto* browse = find<QPushButton>(form, "bodyFileBrowseButton");
        QVERIFY(body->isEnabled() && file->isEnabled() && browse->isEnabled());
        QTest::keyClicks(body, "{}");
        QVERIFY(!file->isEnabled() && !browse->isEnabled());
        QCOMPARE(file->placeholderText(), QString("the typed body is sent instead"));
        body->clear();
        QVERIFY(file->isEnabled() && browse->isEnabled());
        QTest::keyClicks(file, "order.json");
        QVERIFY(!body->isEnabled());
        QCOMPARE(body->placeholderText(), QString("the body file is sent instead"));
        form.setRunning(true, false);
        QVERIFY(!file->isEnabled() && !browse->isEnabled());
        form.setRunning(false, false);
        QVERIFY(file->isEnabled() && browse->isEnabled() && !body->isEnabled());
        RunInput both;
        both.body = "{}";
        both.bodyFile = "order.json";
        form.setInput(both);
        QVERIFY(body->isEnabled() && file->isEnabled());
    }

    // Browse… opens in the plan's folder and names a file chosen there relative to it, as the
    // plan would; a file elsewhere keeps its whole path.
    void browseNamesAFileRelativeToThePlanFolder() {
        QTemporaryDir plans, elsewhere;
        QDir(plans.path()).mkdir("payloads");
        const QString inside = plans.filePath("payloads/order.json");
        const QString outside = elsewhere.filePath("cert.pem");
        for (const QString& path : {inside, outside}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        RunForm form;
        RunInput in;
        in.baseDir = plans.path().toStdString();
        form.setInput(in);
        QSignalSpy edited(&form, &RunForm::edited);
        QString openedIn;
        driver::whenModal<QFileDialog>([&](QFileDialog* dialog) {
            openedIn = dialog->directory().absolutePath();
            pick(dialog, inside);
        });
        find<QPushButton>(form, "bodyFileBrowseButton")->click();
        QCOMPARE(openedIn, QDir(plans.path()).absolutePath());
        QCOMPARE(form.input().bodyFile, std::string("payloads/order.json"));
        QVERIFY(edited.count() >= 1);
        driver::whenModal<QFileDialog>([&](QFileDialog* dialog) {
            QCOMPARE(dialog->objectName(), QString("clientCertDialog"));
            pick(dialog, outside);
        });
        find<QPushButton>(form, "clientCertBrowseButton")->click();
        QCOMPARE(QString::fromStdString(form.input().clientCert), outside);
    }

    // A message stands beside the input it is about: the connect-to line, and the body file
    // (under its Browse… button).
    void requestOptionMessagesStandBesideTheirInputs() {
        RunForm form;
        form.showErrors({{Field::connectTo, "must be HOST:PORT:ADDRESS:PORT"},
                         {Field::bodyFile, "give a body or a body file, not both"}},
                        false);
        QVERIFY(find<QWidget>(form, "advancedPanel")->isVisibleTo(&form));
        for (const char* name : {"connectTo", "bodyFile"}) {
            auto* message = find<QLabel>(form, (std::string(name) + "Error").c_str());
            auto* input = find<QLineEdit>(form, (std::string(name) + "Edit").c_str());
            QVERIFY(message->isVisibleTo(&form));
            QVERIFY2(message->parentWidget()->isAncestorOf(input), name);
            QVERIFY(input->accessibleDescription().startsWith("Error: "));
        }
    }

    // The error colour and the insecure box's warning colour follow a dark palette.
    void statusColoursFollowThePalette() {
        RunForm form;
        auto* error = find<QLabel>(form, "threadsError");
        const QString light = error->styleSheet();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor("#202124"));
        dark.setColor(QPalette::WindowText, QColor("#e8eaed"));
        form.setPalette(dark);
        QVERIFY(error->styleSheet() != light);
        const QColor shown(error->styleSheet().section(' ', 1).remove(';'));
        QVERIFY(salvo::ui::colors::contrast(shown, QColor("#202124")) >= 4.5);
        QVERIFY(find<QCheckBox>(form, "insecureCheck")->styleSheet().contains(shown.name()));
    }
};

QTEST_MAIN(RunFormTest)
#include "RunFormTest.moc"
