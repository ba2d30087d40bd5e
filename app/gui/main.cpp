// salvo: the window. Parses flags, optionally starts the built-in target, shows MainWindow.
#include <QApplication>
#include <QCommandLineParser>
#include <memory>

#include "salvo/LocalTarget.hpp"
#include "salvo/ui/MainWindow.hpp"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Salvo");
    QApplication::setApplicationName("salvo");
    QApplication::setApplicationVersion("0.1.0");
    QApplication::setDesktopFileName("io.github.salvo.Salvo");

    QCommandLineParser parser;
    parser.setApplicationDescription("Salvo: a desktop HTTP load tester.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo("demo", "Start the built-in local target and put its URL in the field.");
    parser.addOption(demo);
    parser.addPositionalArgument("url", "URL to put in the field (optional).");
    parser.process(app);

    std::unique_ptr<salvo::LocalTarget> target;
    salvo::ui::MainWindow window;
    if (parser.isSet(demo)) {
        target = std::make_unique<salvo::LocalTarget>();
        window.setUrl(QString::fromStdString(target->url()));
    } else if (!parser.positionalArguments().isEmpty()) {
        window.setUrl(parser.positionalArguments().constFirst());
    }
    window.show();
    return QApplication::exec();
}
