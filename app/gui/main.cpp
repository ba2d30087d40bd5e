// salvo: the window. Parses flags, optionally starts the built-in target, shows MainWindow.
#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <memory>

#include "salvo/LocalTarget.hpp"
#include "salvo/Version.hpp"
#include "salvo/ui/Locale.hpp"
#include "salvo/ui/MainWindow.hpp"
#include "salvo/ui/RunController.hpp"

namespace {

// `salvo --bench`: one run at full speed in the real window, then how smooth the GUI stayed.
void benchmarkOnFinish(salvo::ui::MainWindow& window) {
    auto& controller = window.controller();
    QObject::connect(&controller, &salvo::ui::RunController::finished, &window, [&controller] {
        const auto& r = controller.result();
        const double seconds = std::max(r.elapsedSeconds, 1e-9);
        std::printf("outcome %s, %llu requests in %.2f s (%.0f req/s); GUI timer ticks at most "
                    "%.1f ms late, longest tick %.1f ms; %.1f progress updates/s; %.1f ticks/s\n",
                    salvo::outcomeName(r.outcome), static_cast<unsigned long long>(r.total.completed()),
                    r.elapsedSeconds, r.requestsPerSecond(), controller.longestTickLatenessMs(),
                    controller.longestTickWorkMs(), controller.ticksWithNews() / seconds,
                    controller.ticks() / seconds);
        std::fflush(stdout);
        QApplication::exit(r.outcome == salvo::Outcome::finished ? 0 : 1);
    });
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Salvo");
    QApplication::setApplicationName("salvo");
    QApplication::setApplicationVersion(salvo::salvoVersion());
    QApplication::setDesktopFileName("io.github.salvo.Salvo");
    salvo::ui::installLocale();

    QCommandLineParser parser;
    parser.setApplicationDescription("Salvo: a desktop HTTP load tester.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo("demo", "Start the built-in local target and put its URL in the field.");
    const QCommandLineOption bench("bench", "Run URL at once, print how smooth the window stayed, quit.");
    const QCommandLineOption requests("requests", "Request count for --bench.", "count", "1000000");
    const QCommandLineOption connections("connections", "Connections for --bench.", "n", "50");
    const QCommandLineOption duration(
        "duration", "Run --bench for this long (\"10s\") instead of a request count.", "time");
    parser.addOptions({demo, bench, requests, connections, duration});
    parser.addPositionalArgument("url", "URL to put in the field, or a test plan (.toml) to open (optional).");
    parser.process(app);
    // The form holds a count or a duration, not both: say so rather than time something else.
    if (parser.isSet(duration) && parser.isSet(requests)) {
        std::fprintf(stderr, "salvo: --bench takes --requests or --duration, not both\n");
        return 2;
    }

    std::unique_ptr<salvo::LocalTarget> target;
    salvo::ui::MainWindow window;
    QString url = parser.positionalArguments().value(0);
    if (parser.isSet(demo) || (parser.isSet(bench) && url.isEmpty())) {
        target = std::make_unique<salvo::LocalTarget>();
        url = QString::fromStdString(target->url());
    }
    // A plan given by name (a file manager's "open with", or `salvo plan.toml`) opens as File >
    // Open plan would; a bad one shows its message box and leaves the form empty.
    const bool plan = url.endsWith(".toml", Qt::CaseInsensitive) && !url.contains("://");
    window.show();
    if (plan) window.openPlan(url);
    else if (!url.isEmpty()) window.setUrl(url);
    if (parser.isSet(bench)) {
        benchmarkOnFinish(window);
        window.setKeepRuns(false);  // a measurement of the window, not a run for History
        salvo::RunInput input;
        input.url = url.toStdString();
        if (!parser.isSet(duration)) input.count = parser.value(requests).toStdString();
        input.duration = parser.value(duration).toStdString();
        input.connections = parser.value(connections).toStdString();
        window.submitInput(input);
        if (!window.controller().isRunning()) return 2;  // invalid input: the form says why
    }
    return QApplication::exec();
}
