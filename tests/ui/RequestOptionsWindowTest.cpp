#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Plan.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::RunInput;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

// Every request option of a plan, none at its default.
std::string uploadPlan() {
    return "name = \"Upload\"\n"
           "\n[request]\n"
           "url = \"https://127.0.0.1:9/upload\"\n"
           "method = \"POST\"\n"
           "body_file = \"order.json\"\n"
           "content_type = \"application/json\"\n"
           "basic_auth = \"alice:pl4n-pass\"\n"
           "keepalive = false\n"
           "connect_to = [\"127.0.0.1:9:localhost:8443\", \"example.org::127.0.0.1:\"]\n"
           "\n[load]\nrequests = 5\n"
           "\n[tls]\ncert = \"client.pem\"\nkey = \"keys/client.key\"\n";
}

// Every file under `folder` (settings, run records) that holds `text`.
QStringList filesHolding(const QString& folder, const QByteArray& text) {
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text)) out << file.fileName();
    }
    return out;
}

}  // namespace

// The request options in the window (body file, content type, basic auth, keep-alive,
// connect-to, client certificate and key): carried by plans, checked beside their inputs, sent,
// and remembered except for the credentials.
class RequestOptionsWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-request-options-test");
    }

    void init() { QSettings().clear(); }

    // A plan holding every request option, opened and saved again, reads back the same; an
    // edit of the password marks the plan, and undoing it clears the mark.
    void aPlanKeepsEveryRequestOptionThroughTheWindow() {
        QTemporaryDir dir;
        const QString path = write(dir, "upload.toml", uploadPlan());
        const salvo::PlanRead before = salvo::readPlanFile(path.toStdString());
        QVERIFY(before.ok());
        RunInput expected = before.plan.input;
        expected.arrival = "uniform";  // the form's own default (PlanDocument::opened says more)
        MainWindow w;
        QVERIFY(w.openPlan(path));
        QVERIFY(form(w).input() == expected);
        QVERIFY(!w.isWindowModified());
        auto* password = find<QLineEdit>(w, "basicAuthPasswordEdit");
        retype(password, "other");
        QVERIFY(w.isWindowModified());
        retype(password, "pl4n-pass");
        QVERIFY(!w.isWindowModified());
        auto* keepAlive = find<QCheckBox>(w, "keepAliveCheck");
        keepAlive->setChecked(true);
        QVERIFY(w.isWindowModified());
        keepAlive->setChecked(false);
        QVERIFY(!w.isWindowModified());

        retype(edit(w, Field::count), "60");
        QVERIFY(w.isWindowModified());
        QVERIFY(w.savePlan(path));
        QVERIFY(!w.isWindowModified());
        const salvo::PlanRead after = salvo::readPlanFile(path.toStdString());
        QVERIFY(after.ok());
        expected.count = std::string("60");
        QVERIFY(after.plan.input == expected);
        QVERIFY(after.plan.input == form(w).input());
    }

    // What validate() says about a request option stands beside that option: a connect-to
    // entry that is not HOST:PORT:ADDRESS:PORT, and a body given twice (typed and as a file).
    void requestOptionMessagesStandBesideTheirFields() {
        MainWindow w;
        w.show();
        fill(w, "http://127.0.0.1:9/", "5");
        retype(edit(w, Field::connectTo), "nonsense");
        QVERIFY(error(w, Field::connectTo)->isVisible());
        QVERIFY2(error(w, Field::connectTo)->text().contains("'nonsense' must be HOST:PORT:ADDRESS:PORT"),
                 qPrintable(error(w, Field::connectTo)->text()));
        QVERIFY(error(w, Field::connectTo)->parentWidget()->isAncestorOf(edit(w, Field::connectTo)));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        retype(edit(w, Field::connectTo), "127.0.0.1:9:localhost:8080");
        QVERIFY(!error(w, Field::connectTo)->isVisible());

        RunInput both = form(w).input();
        both.body = "{}";
        both.bodyFile = "order.json";
        w.submitInput(both);  // refused: nothing is sent
        QVERIFY(!w.controller().isRunning());
        QVERIFY(error(w, Field::bodyFile)->isVisible());
        QCOMPARE(error(w, Field::bodyFile)->text(), QString("give a body or a body file, not both"));
        QVERIFY(error(w, Field::bodyFile)->parentWidget()->isAncestorOf(edit(w, Field::bodyFile)));
        QVERIFY(!error(w, Field::body)->isVisible());
        // Both open, so either can be emptied; emptying the body clears the message.
        auto* body = find<QPlainTextEdit>(w, "bodyEdit");
        QVERIFY(body->isEnabled() && edit(w, Field::bodyFile)->isEnabled());
        body->clear();
        QVERIFY(!error(w, Field::bodyFile)->text().contains("not both"));
    }

    // Keep-alive off: every request on a connection of its own; on, the connections are reused.
    void keepAliveOffOpensAConnectionPerRequest() {
        LocalTarget server;
        MainWindow w;
        w.show();
        find<QCheckBox>(w, "keepAliveCheck")->setChecked(false);
        submitAndWait(w, server.url(), "12", "2");
        QCOMPARE(w.controller().result().total.completed(), std::uint64_t(12));
        QCOMPARE(server.requestsServed(), std::uint64_t(12));
        QCOMPARE(server.connectionsAccepted(), std::uint64_t(12));

        LocalTarget reused;
        find<QCheckBox>(w, "keepAliveCheck")->setChecked(true);
        submitAndWait(w, reused.url(), "12", "2");
        QCOMPARE(reused.requestsServed(), std::uint64_t(12));
        QCOMPARE(reused.connectionsAccepted(), std::uint64_t(2));
    }

    // After a run with basic auth and the window closed, the settings remember the plain
    // request options but hold neither the user nor the password, and no run record holds the
    // password (even with header values and bodies kept); a new window brings the rest back.
    void settingsRememberOptionsButNeverCredentials() {
        LocalTarget server;
        const QByteArray secret = "hunter2-never-stored";
        {
            MainWindow w;
            showActive(w);
            form(w).setKeepSecrets(true);
            retype(find<QLineEdit>(w, "basicAuthUserEdit"), "alice-never-stored");
            retype(find<QLineEdit>(w, "basicAuthPasswordEdit"), secret);
            auto* type = find<QComboBox>(w, "contentTypeEdit");
            type->setCurrentText("text/plain");
            find<QCheckBox>(w, "keepAliveCheck")->setChecked(false);
            retype(edit(w, Field::connectTo), "example.org:80:127.0.0.1:9");
            submitAndWait(w, server.url(), "3", "1");
            QCOMPARE(w.controller().result().total.completed(), std::uint64_t(3));
            QVERIFY(w.close());
        }
        QSettings settings;
        settings.sync();
        QVERIFY(QFile::exists(settings.fileName()));
        QVERIFY2(filesHolding(QFileInfo(settings.fileName()).absolutePath(), secret).isEmpty(),
                 qPrintable(settings.fileName()));
        QVERIFY(filesHolding(QFileInfo(settings.fileName()).absolutePath(), "alice-never-stored").isEmpty());
        const QString records = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(!QDir(records + "/runs").isEmpty());  // a record was written, without the password
        QVERIFY(filesHolding(records, secret).isEmpty());
        QVERIFY(filesHolding(records, ("alice-never-stored:" + secret).toBase64()).isEmpty());

        MainWindow again;
        const RunInput in = form(again).input();
        QCOMPARE(in.contentType, std::string("text/plain"));
        QVERIFY(!in.keepAlive);
        QCOMPARE(in.connectTo, (std::vector<std::string>{"example.org:80:127.0.0.1:9"}));
        QVERIFY(in.basicAuth.empty());
    }
};

QTEST_MAIN(RequestOptionsWindowTest)
#include "RequestOptionsWindowTest.moc"
