// salvo-cli: the headless front end. Parses flags, runs the engine, prints a report.

#include <iostream>

#include "CliOptions.hpp"
#include "CliRun.hpp"

int main(int argc, char** argv) {
    salvo::cli::CliOptions options;
    std::string error;
    if (!salvo::cli::parseCommandLine(argc, argv, options, error)) {
        std::cerr << "salvo-cli: " << error << "\nTry 'salvo-cli --help'.\n";
        return salvo::cli::kExitBadInput;
    }
    return salvo::cli::runCli(options, std::cout, std::cerr);
}
