#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <string>
#include <vector>

#include "RequestListNote.hpp"
#include "RequestTable.hpp"
#include "RunStore.hpp"
#include "RunSummary.hpp"
#include "WindowDriver.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Plan.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/ui/Locale.hpp"
#include "salvo/ui/ResultTables.hpp"
#include "salvo/ui/RunForm.hpp"

using salvo::Field;
using salvo::LocalTarget;
using salvo::NamedRequestInput;
using salvo::RunInput;
using salvo::RunResult;
using salvo::Tally;
using salvo::ui::RequestTable;
using salvo::ui::RunForm;
using namespace driver;

namespace {

NamedRequestInput named(const std::string& name, const std::string& url,
                        const std::string& weight = "") {
    NamedRequestInput r;
    r.name = name;
    r.url = url;
    r.weight = weight;
    return r;
}

// Three requests, each setting other fields, one leaving its weight to the default.
std::vector<NamedRequestInput> threeRequests() {
    NamedRequestInput home = named("home", "/", "3");
    NamedRequestInput login = named("login", "/login?next=%2F");
    login.method = "POST";
    login.body = "{\"user\": \"${SALVO_TEST_USER}\"}";
    login.contentType = "application/json";
    login.headers = {"X-Step: login"};
    login.expectStatus = "200,302";
    NamedRequestInput search = named("search", "http://127.0.0.1:9/search?q=salvo");
    search.expectBody = "results";
    search.expectBodyRegex = "^<html";
    return {home, login, search};
}

const char* kThreeRequestsPlan =
    "name = \"Shop\"\n"
    "\n[request]\nurl = \"http://127.0.0.1:9/\"\nheaders = [\"X-Run: shop\"]\n"
    "\n[load]\nrequests = 40\nconnections = 2\n"
    "\n[[requests]]\nname = \"home\"\nurl = \"/\"\nweight = 3\n"
    "\n[[requests]]\nname = \"login\"\nurl = \"/login?next=%2F\"\nmethod = \"POST\"\n"
    "body = \"{\\\"user\\\": 1}\"\ncontent_type = \"application/json\"\n"
    "headers = [\"X-Step: login\"]\nexpect_status = \"200,302\"\n"
    "\n[[requests]]\nname = \"search\"\nurl = \"/search?q=salvo\"\nexpect_body = \"results\"\n";

// Two requests by weight 3 and 1 against `url`'s server, `count` requests in all.
std::string weightedPlan(const std::string& url, int count) {
    return "[request]\nurl = \"" + url + "\"\n[load]\nrequests = " + std::to_string(count) +
           "\nconnections = 4\n"
           "\n[[requests]]\nname = \"home\"\nurl = \"/\"\nweight = 3\n"
           "\n[[requests]]\nname = \"created\"\nurl = \"/status/201\"\nweight = 1\n";
}

// The plan's problems, for a check before the window opens it: a plan it cannot read brings
// up a modal box, which would hold the test until its timeout.
QString problems(const QString& path) {
    QStringList out;
    for (const salvo::PlanProblem& p : salvo::readPlanFile(path.toStdString()).errors)
        out << QString::fromStdString(p.text());
    return out.join('\n');
}

salvo::ui::RequestListNote& note(QWidget& parent) {
    auto* found = parent.findChild<salvo::ui::RequestListNote*>("requestListNote");
    if (!found) qFatal("no request list note");
    return *found;
}

// A request's tally: `ok` responses of 200 and `bad` of 404, latencies 1, 2, 3 ... ms.
Tally tallyOf(int ok, int bad) {
    Tally t;
    for (int i = 0; i < ok + bad; ++i) {
        t.recordSent();
        t.recordResponse(i < ok ? 200 : 404, 100, static_cast<std::uint64_t>(i + 1) * 1'000'000);
    }
    return t;
}

QString cell(const QTableWidget& table, int row, int column) {
    const QTableWidgetItem* item = table.item(row, column);
    return item ? item->text() : QString();
}

}  // namespace

// A plan of several named requests ([[requests]]) in the window: the form carries the list it
// cannot edit and says so under the URL; saving writes the list back; the Tables tab breaks a
// run down by request.
class NamedRequestsWindowTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("SalvoTest");
        QCoreApplication::setApplicationName("salvo-ui-named-requests-test");
        salvo::ui::installLocale();  // as main() does: "1,000" even in the C locale
    }

    void init() { QSettings().clear(); }

    // setInput() keeps the list, input() gives it back unchanged, and the note under the URL
    // names each request with its weight; an input without a list clears both.
    void theFormCarriesTheListAndSaysSo() {
        RunForm form;
        QVERIFY(note(form).isHidden());
        RunInput in;
        in.url = "http://127.0.0.1:9/";
        in.requests = threeRequests();
        form.setInput(in);
        QCOMPARE(form.input().requests, in.requests);
        QVERIFY(!note(form).isHidden());
        const QString said =
            "This plan sends 3 named requests by weight: home ×3, login ×1, search ×1. The "
            "fields here are their defaults; edit the plan file to change the list.";
        QCOMPARE(note(form).noteText(), said);
        auto* text = form.findChild<QLabel*>("requestListText");
        QVERIFY(text && text->isVisibleTo(&note(form)));
        QCOMPARE(text->accessibleName(), QString("Named requests"));
        QCOMPARE(text->accessibleDescription(), said);
        form.setInput(RunInput{});
        QVERIFY(form.input().requests.empty());
        QVERIFY(note(form).isHidden());
    }

    // A long list names the first five and counts the rest; an unnamed request goes by its URL.
    void aLongListNamesTheFirstFive() {
        std::vector<NamedRequestInput> many;
        for (const char* name : {"a", "b", "c", "d", "e", "f"}) many.push_back(named(name, "/"));
        many.push_back(named("", "/unnamed"));
        many[1].weight = "10";
        QCOMPARE(salvo::ui::RequestListNote::describe(many),
                 QString("This plan sends 7 named requests by weight: a ×1, b ×10, c ×1, d ×1, "
                         "e ×1 and 2 more. The fields here are their defaults; edit the plan "
                         "file to change the list."));
        QVERIFY(salvo::ui::RequestListNote::describe({named("", "/unnamed")})
                    .startsWith("This plan sends 1 named request: /unnamed ×1. "));
    }

    // Wrapped, the note is as tall as its lines at the form's width: QLabel's own hint (a box
    // of golden-ratio shape) left it standing in a gap of empty lines.
    void theNoteIsAsTallAsItsLines() {
        RunForm form;
        RunInput in;
        in.requests = threeRequests();
        form.setInput(in);
        form.resize(1200, form.sizeHint().height());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        const int line = form.fontMetrics().lineSpacing();
        auto* text = form.findChild<QLabel*>("requestListText");
        const int lines = text->heightForWidth(note(form).width()) / line;
        QVERIFY2(lines >= 1 && lines <= 2, qPrintable(QString::number(lines)));
        QTRY_VERIFY2(
            note(form).height() <= (lines + 1) * line,
            qPrintable(QStringLiteral("%1 px for %2 lines").arg(note(form).height()).arg(lines)));
    }

    // validate()'s messages about the list stand under the note, not among the other errors,
    // and the status line calls the field "Named requests".
    void messagesAboutTheListStandUnderTheNote() {
        RunForm form;
        RunInput in;
        in.requests = threeRequests();
        form.setInput(in);
        const std::string message = "request 'login': method must be a single word";
        form.showErrors({{Field::requests, message}}, true);
        QCOMPARE(note(form).errorText(), QString::fromStdString(message));
        auto* error = form.findChild<QLabel*>("requestsError");
        QVERIFY(error && !error->isHidden());
        QCOMPARE(error->accessibleDescription(), QString::fromStdString(message));
        QVERIFY(form.findChild<QLabel*>("otherErrors")->isHidden());
        QCOMPARE(form.fieldLabel(Field::requests), QString("Named requests"));
        form.showErrors({}, false);
        QVERIFY(error->isHidden());
    }

    // File > Open fills the list and the note; File > New and a plan without a list clear them.
    void openingNewOrAnotherPlanReplacesTheList() {
        QTemporaryDir dir;
        const QString shop = write(dir, "shop.toml", kThreeRequestsPlan);
        const QString plain =
            write(dir, "plain.toml", "[request]\nurl = \"http://127.0.0.1:9/\"\n");
        QCOMPARE(problems(shop), QString());
        MainWindow w;
        w.setPlanFileChooser([shop](bool forSaving) { return forSaving ? QString() : shop; });
        action(w, "openPlanAction")->trigger();
        QCOMPARE(form(w).input().requests.size(), std::size_t{3});
        QVERIFY(note(w).noteText().contains("home ×3, login ×1, search ×1"));
        QVERIFY(!w.isWindowModified());  // carrying the list is no edit
        action(w, "newPlanAction")->trigger();
        QVERIFY(form(w).input().requests.empty());
        QVERIFY(note(w).isHidden());
        QVERIFY(w.openPlan(shop));
        QVERIFY(!note(w).isHidden());
        QVERIFY(w.openPlan(plain));
        QVERIFY(form(w).input().requests.empty());
        QVERIFY(note(w).isHidden());
    }

    // Save (as) writes the list back as it was read, field for field.
    void savingAPlanWritesTheListBackUnchanged() {
        QTemporaryDir dir;
        const QString shop = write(dir, "shop.toml", kThreeRequestsPlan);
        const QString copy = dir.filePath("copy.toml");
        QCOMPARE(problems(shop), QString());
        MainWindow w;
        QVERIFY(w.openPlan(shop));
        retype(edit(w, Field::count), "41");  // an edit of the defaults, not of the list
        QVERIFY(w.savePlan(copy));
        const salvo::PlanRead before = salvo::readPlanFile(shop.toStdString());
        const salvo::PlanRead after = salvo::readPlanFile(copy.toStdString());
        QVERIFY(before.ok() && after.ok());
        QCOMPARE(before.plan.input.requests.size(), std::size_t{3});
        QCOMPARE(after.plan.input.requests, before.plan.input.requests);
        QCOMPARE(after.plan.input.count, std::string("41"));
    }

    // One row per request with its own figures; the rate divides by the measured time.
    void theRequestTableShowsEachRequest() {
        salvo::ui::ResultTables tables;
        RunResult r;
        r.outcome = salvo::Outcome::finished;
        r.elapsedSeconds = 2;
        r.requestNames = {"home", "login"};
        r.requests = {tallyOf(30, 0), tallyOf(9, 3)};
        for (const Tally& t : r.requests) r.total.merge(t);
        tables.show(r);
        auto* table = tables.findChild<RequestTable*>("requestTable");
        QVERIFY(table);
        QVERIFY(!tables.findChild<QWidget*>("requestPane")->isHidden());
        QCOMPARE(table->accessibleName(), QString("Named requests"));
        QCOMPARE(table->rowCount(), 2);
        const Tally& login = r.requests[1];
        const QStringList expected{
            "login",
            "12",
            "12",
            "3",
            QStringLiteral("%L1 %").arg(25.0, 0, 'f', 2),
            QStringLiteral("%L1").arg(6.0, 0, 'f', 1),
            QString::fromStdString(salvo::formatMillis(login.latency.percentile(50))),
            QString::fromStdString(salvo::formatMillis(login.latency.percentile(90))),
            QString::fromStdString(salvo::formatMillis(login.latency.percentile(99))),
            QString::fromStdString(salvo::formatMillis(login.latency.max())),
            "200×9, 404×3"};
        for (int column = 0; column < RequestTable::kColumns; ++column)
            QCOMPARE(cell(*table, 1, column), expected[column]);
        QCOMPARE(cell(*table, 0, RequestTable::nameColumn), QString("home"));
        QCOMPARE(cell(*table, 0, RequestTable::failedColumn), QString("0"));
        QCOMPARE(cell(*table, 0, RequestTable::statusColumn), QString("200×30"));
        QVERIFY(login.latency.percentile(50) < login.latency.max());  // the columns differ

        // Shown, as tall as its rows and header: no room kept for a scroll bar it does not need.
        tables.resize(1300, 700);
        tables.QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(&tables));
        const int rowsHeight = table->horizontalHeader()->height() +
                               2 * table->verticalHeader()->defaultSectionSize() +
                               2 * table->frameWidth();
        QTRY_COMPARE(table->height(), rowsHeight);
        QVERIFY(!table->horizontalScrollBar()->isVisible());

        RunResult one;  // a run of one request: no rows, no pane
        one.outcome = salvo::Outcome::finished;
        tables.show(one);
        QCOMPARE(table->rowCount(), 0);
        QVERIFY(tables.findChild<QWidget*>("requestPane")->isHidden());
        tables.show(r);
        QVERIFY(!tables.findChild<QWidget*>("requestPane")->isHidden());
        tables.clear();  // a new run starts
        QCOMPARE(table->rowCount(), 0);
        QVERIFY(tables.findChild<QWidget*>("requestPane")->isHidden());
    }

    // A run from the window against the built-in target: the cycle by weight sends exactly
    // 3 of every 4 requests to the first, and the table's rows add up to the run.
    void aRunSplitsByWeight() {
        LocalTarget server;
        QTemporaryDir dir;
        const QString plan = write(dir, "weighted.toml", weightedPlan(server.url(), 400));
        QCOMPARE(problems(plan), QString());
        MainWindow w;
        QVERIFY(w.openPlan(plan));
        QTest::mouseClick(find<QPushButton>(w, "submitButton"), Qt::LeftButton);
        QVERIFY(w.controller().isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!w.controller().isRunning(), 30000);
        const RunResult& r = w.controller().result();
        QCOMPARE(r.total.sent, std::uint64_t{400});
        auto* table = find<RequestTable>(w, "requestTable");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(cell(*table, 0, RequestTable::nameColumn), QString("home"));
        QCOMPARE(cell(*table, 0, RequestTable::sentColumn), QString("300"));
        QCOMPARE(cell(*table, 1, RequestTable::nameColumn), QString("created"));
        QCOMPARE(cell(*table, 1, RequestTable::sentColumn), QString("100"));
        // Each went to its own path: the statuses tell them apart.
        QCOMPARE(cell(*table, 0, RequestTable::statusColumn), QString("200×300"));
        QCOMPARE(cell(*table, 1, RequestTable::statusColumn), QString("201×100"));
        QCOMPARE(server.requestsServed(), std::uint64_t{400});

        // History keeps the breakdown: the run's record, opened, shows the same rows.
        salvo::ui::RunStore store(salvo::ui::RunStore::defaultFolder());
        const std::vector<salvo::ui::RunSummary> runs = store.summaries();
        QVERIFY(!runs.empty());  // earlier test runs leave theirs: the newest is this one
        const auto newest =
            std::max_element(runs.begin(), runs.end(),
                             [](const auto& a, const auto& b) { return a.started < b.started; });
        const salvo::RecordRead read = store.read(newest->path);
        QVERIFY2(read.record, read.error.c_str());
        MainWindow again;
        again.showRecord(*read.record);
        auto* saved = find<RequestTable>(again, "requestTable");
        QCOMPARE(saved->rowCount(), 2);
        for (int row = 0; row < 2; ++row)
            for (int column = 0; column < RequestTable::kColumns; ++column)
                QCOMPARE(cell(*saved, row, column), cell(*table, row, column));
    }
};

QTEST_MAIN(NamedRequestsWindowTest)
#include "NamedRequestsWindowTest.moc"
