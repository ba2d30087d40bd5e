#include "CliOptions.hpp"

#include <boost/program_options.hpp>
#include <sstream>

namespace salvo::cli {
namespace po = boost::program_options;

bool parseCommandLine(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    RunInput& in = options.input;
    po::options_description visible(
        "Usage: salvo-cli [options] URL\n"
        "Sends COUNT HTTP/1.1 requests to URL over keep-alive connections and reports latency.\n\n"
        "Options");
    // clang-format off
    visible.add_options()
        ("requests,n", po::value(&in.count)->value_name("COUNT"), "number of requests (default 200)")
        ("connections,c", po::value(&in.connections)->value_name("N"), "concurrent connections (default min(COUNT, 50))")
        ("threads", po::value(&in.threads)->value_name("N"), "engine threads (default 1)")
        ("timeout,t", po::value(&in.timeoutSeconds)->value_name("SECONDS"), "per-request timeout (default 30)")
        ("method,m", po::value(&in.method)->value_name("METHOD"), "HTTP method (default GET)")
        ("header,H", po::value(&in.headers)->value_name("'Name: value'"), "extra request header (repeatable)")
        ("body,d", po::value(&in.body)->value_name("TEXT"), "request body")
        ("cacert", po::value(&in.caFile)->value_name("FILE"), "also trust the CA certificates in FILE (PEM)")
        ("insecure,k", po::bool_switch(&in.insecure), "skip TLS certificate verification (reported)")
        ("max-header-size", po::value(&in.maxHeaderSize)->value_name("SIZE"), "largest response head accepted, e.g. 100k, 1m (default 100k)")
        ("json", po::bool_switch(&options.json), "print the report as one JSON object")
        ("no-progress", "no progress line, even on a terminal")
        ("serve", po::bool_switch(&options.serve), "run the built-in local target until Ctrl-C")
        ("version", po::bool_switch(&options.version), "print the version")
        ("help,h", po::bool_switch(&options.help), "print this help");
    // clang-format on
    po::options_description all;
    all.add(visible).add_options()("url", po::value(&in.url));
    po::positional_options_description positional;
    positional.add("url", 1);
    std::ostringstream usage;
    usage << visible;
    options.usage = usage.str();
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        options.progress = vm.count("no-progress") == 0;
    } catch (const po::too_many_positional_options_error&) {
        error = "only one URL may be given";
        return false;
    } catch (const po::error& e) {
        error = e.what();
        return false;
    }
    return true;
}

}  // namespace salvo::cli
