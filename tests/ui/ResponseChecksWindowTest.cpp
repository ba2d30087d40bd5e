#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QSettings>
#include <QTemporaryDir>

#include "FieldRows.hpp"
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

std::string checksPlan(const std::string& expectStatus) {
    return "name = \"Checks\"\n"
           "\n[request]\n"
           "url = \"http://127.0.0.1:9/\"\n"
           "redirects = 3\n"
           "expect_status = \"" + expectStatus + "\"\n"
           "expect_body = \"ok\"\n"
           "expect_body_regex = \"^o[kK]$\"\n"
           "\n[load]\nrequests = 5\n";
}

}  // namespace

// Redirects and the checks on every response (expected statuses, body contains, body matches):
// shown under Advanced options, carried by plans and the settings, their messages beside them,
// and failing responses counted as kind "check".
class ResponseChecksWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-response-checks-test");
    }

    void init() { QSettings().clear(); }

    // A plan with all four, opened, shows them in their fields and saves them back unchanged.
    void aPlanKeepsRedirectsAndChecksThroughTheWindow() {
        QTemporaryDir dir;
        const QString path = write(dir, "checks.toml", checksPlan("200,201,2xx,200-299"));
        MainWindow w;
        QVERIFY(w.openPlan(path));
        QCOMPARE(edit(w, Field::redirects)->text(), QString("3"));
        QCOMPARE(edit(w, Field::expectStatus)->text(), QString("200,201,2xx,200-299"));
        QCOMPARE(edit(w, Field::expectBody)->text(), QString("ok"));
        QCOMPARE(edit(w, Field::expectBodyRegex)->text(), QString("^o[kK]$"));
        QVERIFY(find<QGroupBox>(w, "checksBox")->isAncestorOf(edit(w, Field::expectStatus)));
        QVERIFY(find<QGroupBox>(w, "requestBox")->isAncestorOf(edit(w, Field::redirects)));
        QVERIFY(!w.isWindowModified());
        retype(edit(w, Field::expectBody), "fine");
        QVERIFY(w.isWindowModified());
        QVERIFY(w.savePlan(path));
        const salvo::PlanRead after = salvo::readPlanFile(path.toStdString());
        QVERIFY(after.ok());
        QCOMPARE(after.plan.input.redirects, std::string("3"));
        QCOMPARE(after.plan.input.expectStatus, std::string("200,201,2xx,200-299"));
        QCOMPARE(after.plan.input.expectBody, std::string("fine"));
        QCOMPARE(after.plan.input.expectBodyRegex, std::string("^o[kK]$"));
        QVERIFY(after.plan.input == form(w).input());
    }

    // A plan whose expected statuses are not statuses opens (it used to crash the window), with
    // the message beside the field and Submit off.
    void aBadExpectedStatusOpensWithItsMessageBesideTheField() {
        QTemporaryDir dir;
        const QString path = write(dir, "bad.toml", checksPlan("abc"));
        MainWindow w;
        w.show();
        QVERIFY(w.openPlan(path));
        QVERIFY(error(w, Field::expectStatus)->isVisible());
        QVERIFY2(error(w, Field::expectStatus)->text().contains("'abc'"),
                 qPrintable(error(w, Field::expectStatus)->text()));
        QVERIFY(error(w, Field::expectStatus)->parentWidget()->isAncestorOf(edit(w, Field::expectStatus)));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
        QVERIFY(!find<QLabel>(w, "otherErrors")->isVisible());  // every message has its row
    }

    // A message about a field without a row (one the engine knows and a form does not show)
    // is skipped by the rows, for the form to say elsewhere: never an exception.
    void aMessageForAFieldWithoutARowIsNotACrash() {
        QWidget page;
        auto* layout = new QFormLayout(&page);
        salvo::ui::FieldRows rows;
        rows.addLine(layout, "URL", {}, Field::url);
        QVERIFY(!rows.shows(Field::expectStatus));
        const std::vector<salvo::FieldError> errors{{Field::expectStatus, "not statuses"},
                                                    {Field::url, "no URL"}};
        QVERIFY(!rows.showErrors(errors));
        rows.focus(Field::expectStatus);
        QCOMPARE(rows.errorLabel(Field::url)->text(), QString("no URL"));
    }

    // Expected status 200 against a 503: every response fails its check.
    void anUnexpectedStatusCountsAsAFailedCheck() {
        LocalTarget server;
        MainWindow w;
        w.show();
        retype(edit(w, Field::expectStatus), "200");
        submitAndWait(w, server.url("/status/503"), "4", "1");
        const salvo::RunResult& r = w.controller().result();
        QCOMPARE(r.total.errorCount(salvo::ErrorKind::check), std::uint64_t(4));
    }

    // They are plain options, not secrets: a new window brings them back.
    void theSettingsRememberRedirectsAndChecks() {
        {
            MainWindow w;
            w.show();
            retype(edit(w, Field::redirects), "2");
            retype(edit(w, Field::expectStatus), "2xx");
            retype(edit(w, Field::expectBody), "ok");
            retype(edit(w, Field::expectBodyRegex), "o.");
            QVERIFY(w.close());
        }
        MainWindow again;
        const RunInput in = form(again).input();
        QCOMPARE(in.redirects, std::string("2"));
        QCOMPARE(in.expectStatus, std::string("2xx"));
        QCOMPARE(in.expectBody, std::string("ok"));
        QCOMPARE(in.expectBodyRegex, std::string("o."));
    }
};

QTEST_MAIN(ResponseChecksWindowTest)
#include "ResponseChecksWindowTest.moc"
