#include "CliOptions.hpp"

#include <boost/program_options.hpp>
#include <sstream>

namespace salvo::cli {
namespace po = boost::program_options;

bool parseCommandLine(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    RunInput& in = options.input;
    po::options_description visible(
        "Usage: salvo-cli [options] URL\n"
        "Sends HTTP/1.1 requests to URL over keep-alive connections and reports latency: COUNT\n"
        "requests, or for a DURATION, as fast as responses come (closed model) or at a RATE\n"
        "(open model, latency counted from each request's due time).\n\n"
        "Options");
    // clang-format off
    visible.add_options()
        ("requests,n", po::value(&in.count)->value_name("COUNT"), "number of requests (default 200 without --duration or --stage)")
        ("duration,z", po::value(&in.duration)->value_name("D"), "run for D: 500ms, 30s, 5m, 1h (a bare number is seconds)")
        ("rate,q", po::value(&in.rate)->value_name("R"), "open model: R requests/s in all (default: closed model)")
        ("stage", po::value(&in.stages)->value_name("D:R"), "open model: ramp linearly to R req/s over D (repeatable)")
        ("start-rate", po::value(&in.startRate)->value_name("R"), "the rate the first stage ramps from (default 0)")
        ("connections,c", po::value(&in.connections)->value_name("N"), "connections (default min(COUNT, 50)); with a rate, opened at the start")
        ("max-connections", po::value(&in.maxConnections)->value_name("N"), "with a rate: the pool may grow to N (default min(peak rate, 1000))")
        ("warmup", po::value(&in.warmup)->value_name("D"), "leave requests due in the first D out of the figures")
        ("grace", po::value(&in.grace)->value_name("D"), "after --duration, wait D for requests in flight (default 5s, at most the timeout)")
        ("arrival", po::value(&in.arrival)->value_name("KIND"), "with a rate: uniform (default) or poisson")
        ("seed", po::value(&in.seed)->value_name("N"), "seed for poisson arrivals (default 1)")
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
