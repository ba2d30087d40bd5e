// salvo-cli: the headless front end. Parses flags, runs the engine, prints a report.

#include <fcntl.h>
#include <unistd.h>

#include <exception>
#include <iostream>

#include "CliOptions.hpp"
#include "CliRun.hpp"

namespace {

// A closed stdin, stdout or stderr would be reused by the first socket we open, and the report
// would go to the server. Hold each closed one with /dev/null; stdout read-only, so that writing
// the report to it fails (exit 4) instead of vanishing.
void holdClosedStandardStreams() {
    for (int fd = 0; fd <= 2; ++fd)  // open() takes the lowest free descriptor: this one
        if (fcntl(fd, F_GETFD) == -1) open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY);
}

}  // namespace

int main(int argc, char** argv) {
    holdClosedStandardStreams();
    try {
        salvo::cli::CliOptions options;
        std::string error;
        if (!salvo::cli::parseCommandLine(argc, argv, options, error)) {
            using salvo::cli::Command;
            const char* command = options.command == Command::report    ? " report"
                                  : options.command == Command::compare ? " compare"
                                  : options.command == Command::merge   ? " merge"
                                  : options.command == Command::runPlan ? " run"
                                  : options.command == Command::validate ? " validate"
                                                                          : "";
            std::cerr << "salvo-cli: " << error << "\nTry 'salvo-cli" << command << " --help'.\n";
            return salvo::cli::kExitBadInput;
        }
        return salvo::cli::runCli(options, std::cout, std::cerr);
    } catch (const std::exception& e) {
        // Nothing should get here; if a library throws anyway, say so rather than abort.
        std::cerr << "salvo-cli: internal error: " << e.what() << '\n';
        return salvo::cli::kExitFailures;
    }
}
