#include <QAbstractItemView>
#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

#include "WindowDriver.hpp"
#include "salvo/Plan.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::RunInput;
using salvo::ui::MainWindow;
using namespace driver;

namespace {

QComboBox* versionBox(MainWindow& w) {
    return find<QComboBox>(w, "httpVersionEdit");
}

}  // namespace

// The HTTP version and the streams per connection under Advanced options: chosen in words,
// checked beside their inputs as they change, carried into the run's input, by plans and by
// the settings.
class ProtocolWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-protocol-test");
    }

    void init() { QSettings().clear(); }

    // HTTP/2 over TLS with an http:// URL: the message stands beside the version, the Advanced
    // options open to show it, and nothing can start; an https:// URL clears it.
    void http2WithAnHttpUrlIsNamedBesideTheVersion() {
        MainWindow w;
        showActive(w);
        fill(w, "http://127.0.0.1:9/", "5");
        QVERIFY(!error(w, Field::httpVersion)->isVisible());
        QComboBox* box = versionBox(w);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Down);  // from HTTP/1.1 to the next: HTTP/2 over TLS
        QCOMPARE(box->currentData().toString(), QString("2"));
        QVERIFY(error(w, Field::httpVersion)->isVisible());
        QVERIFY2(error(w, Field::httpVersion)->text().contains("HTTP/2 is chosen over TLS (ALPN), and this URL is http://"),
                 qPrintable(error(w, Field::httpVersion)->text()));
        QVERIFY(error(w, Field::httpVersion)->parentWidget()->isAncestorOf(box));
        QVERIFY(box->accessibleDescription().startsWith("Error: HTTP/2 is chosen over TLS"));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());

        retype(edit(w, Field::url), "https://127.0.0.1:9/");
        QVERIFY(!error(w, Field::httpVersion)->isVisible());
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());

        // h2c is the other way round.
        box->setCurrentIndex(box->findData("h2c"));
        QVERIFY(error(w, Field::httpVersion)->text().contains("h2c is HTTP/2 over plain TCP, and this URL is https://"));
    }

    // Streams beyond one need HTTP/2, and are 1 to 1000: each said beside the streams field.
    void streamsAreCheckedBesideTheirField() {
        MainWindow w;
        w.show();
        fill(w, "https://127.0.0.1:9/", "5");
        retype(edit(w, Field::streams), "10");
        QVERIFY(error(w, Field::streams)->isVisible());
        QCOMPARE(error(w, Field::streams)->text(),
                 QString("more than one stream per connection needs HTTP/2 (--http2, --http2=auto or --h2c)"));
        QVERIFY(error(w, Field::streams)->parentWidget()->isAncestorOf(edit(w, Field::streams)));
        versionBox(w)->setCurrentIndex(versionBox(w)->findData("auto"));
        QVERIFY(!error(w, Field::streams)->isVisible());
        retype(edit(w, Field::streams), "1001");
        QCOMPARE(error(w, Field::streams)->text(), QString("streams is too large (at most 1000)"));
        QVERIFY(!find<QPushButton>(w, "submitButton")->isEnabled());
    }

    // h2c with ten streams is what the run's input says; the inputs are named and helped.
    void h2cWithTenStreamsBuildsTheRunInput() {
        MainWindow w;
        w.show();
        fill(w, "http://127.0.0.1:9/", "5");
        QComboBox* box = versionBox(w);
        QCOMPARE(box->count(), 4);
        QCOMPARE(box->itemText(0), QString("HTTP/1.1"));
        QCOMPARE(box->itemText(1), QString("HTTP/2 (TLS, ALPN)"));
        QCOMPARE(box->itemText(2), QString("HTTP/2 or HTTP/1.1 (auto)"));
        QCOMPARE(box->itemText(3), QString("HTTP/2 prior knowledge (h2c)"));
        QVERIFY(form(w).input().httpVersion.empty());  // HTTP/1.1, the default: no word at all
        box->setCurrentIndex(box->findText("HTTP/2 prior knowledge (h2c)"));
        retype(edit(w, Field::streams), "10");
        const RunInput in = form(w).input();
        QCOMPARE(in.httpVersion, std::string("h2c"));
        QCOMPARE(in.streams, std::string("10"));
        QVERIFY(salvo::validate(in).ok());
        QVERIFY(!error(w, Field::streams)->isVisible() && !error(w, Field::httpVersion)->isVisible());
        QVERIFY(find<QPushButton>(w, "submitButton")->isEnabled());

        QCOMPARE(box->accessibleName(), QString("HTTP version"));
        QCOMPARE(box->view()->accessibleName(), QString("HTTP versions"));
        QCOMPARE(edit(w, Field::streams)->accessibleName(), QString("Streams per connection"));
        QVERIFY(box->toolTip().contains("prior knowledge"));
        QVERIFY(edit(w, Field::streams)->toolTip().contains("1 to 1000"));
        QVERIFY(box->itemData(1, Qt::ToolTipRole).toString().contains("ALPN"));
        // Locked during a run, like the other advanced inputs.
        form(w).setRunning(true, false);
        QVERIFY(!box->isEnabled() && !edit(w, Field::streams)->isEnabled());
        form(w).setRunning(false, false);
        QVERIFY(box->isEnabled() && edit(w, Field::streams)->isEnabled());
    }

    // A plan's http = "2" opens into the list and its streams into the field, unmodified; saved
    // again, the plan keeps them. A word the list does not know stays as it was, with its
    // message, instead of becoming HTTP/1.1 unseen.
    void aPlanOpensIntoTheVersionListAndKeepsIt() {
        QTemporaryDir dir;
        const QString path = write(dir, "h2.toml",
                                   "[request]\nurl = \"https://127.0.0.1:9/\"\nhttp = \"2\"\n"
                                   "[load]\nrequests = 5\nstreams = 10\n");
        MainWindow w;
        w.show();
        QVERIFY(w.openPlan(path));
        QComboBox* box = versionBox(w);
        QCOMPARE(box->currentText(), QString("HTTP/2 (TLS, ALPN)"));
        QCOMPARE(edit(w, Field::streams)->text(), QString("10"));
        QVERIFY(!w.isWindowModified());
        RunInput expected = salvo::readPlanFile(path.toStdString()).plan.input;
        expected.arrival = "uniform";  // the form's own default
        QVERIFY(form(w).input() == expected);

        box->setCurrentIndex(box->findData("auto"));
        QVERIFY(w.isWindowModified());
        QVERIFY(w.savePlan(path));
        const salvo::PlanRead saved = salvo::readPlanFile(path.toStdString());
        QVERIFY(saved.ok());
        QCOMPARE(saved.plan.input.httpVersion, std::string("auto"));
        QCOMPARE(saved.plan.input.streams, std::string("10"));

        const QString odd = write(dir, "odd.toml", "[request]\nurl = \"https://127.0.0.1:9/\"\nhttp = \"3\"\n");
        QVERIFY(w.openPlan(odd));
        QCOMPARE(box->count(), 5);
        QCOMPARE(box->currentText(), QString("3 (not a version Salvo knows)"));
        QCOMPARE(form(w).input().httpVersion, std::string("3"));
        QVERIFY(error(w, Field::httpVersion)->isVisible());
        QVERIFY(error(w, Field::httpVersion)->text().contains("must be 1.1, 2, auto or h2c, not '3'"));
        QVERIFY(!w.isWindowModified());
        QVERIFY(w.openPlan(path));  // the stray word goes with its plan
        QCOMPARE(box->count(), 4);
        QCOMPARE(box->currentData().toString(), QString("auto"));
    }

    // Like the neighbouring fields, the untitled form's version and streams are remembered.
    void settingsRememberTheVersionAndStreams() {
        {
            MainWindow w;
            w.show();
            fill(w, "http://127.0.0.1:9/", "5");
            versionBox(w)->setCurrentIndex(versionBox(w)->findData("h2c"));
            retype(edit(w, Field::streams), "4");
            QVERIFY(w.close());
        }
        MainWindow again;
        const RunInput in = form(again).input();
        QCOMPARE(in.httpVersion, std::string("h2c"));
        QCOMPARE(in.streams, std::string("4"));
        QCOMPARE(versionBox(again)->currentText(), QString("HTTP/2 prior knowledge (h2c)"));
    }
};

QTEST_MAIN(ProtocolWindowTest)
#include "ProtocolWindowTest.moc"
