#include "CliOptions.hpp"

#include <boost/program_options.hpp>
#include <sstream>
#include <string_view>
#include <utility>

namespace salvo::cli {
namespace po = boost::program_options;

namespace {

const char* recordUsage(Command command) {
    switch (command) {
        case Command::report:
            return "Usage: salvo-cli report RECORD... [options]\n"
                   "Prints each run record's report (text, or JSON with --json); with --html\n"
                   "or --hlog, writes those files instead.\n\nOptions";
        case Command::merge:
            return "Usage: salvo-cli merge RECORD... [-o MERGED] [--json]\n"
                   "Merges the records of the shares of one run (--shard) into one record that reads like a\n"
                   "single-machine run, and prints its report. Every share must be given once; records of\n"
                   "another plan or another start are refused by name (exit 2). Thresholds are judged on the\n"
                   "merged figures (exit 99 when one fails).\n\nOptions";
        default:
            return "Usage: salvo-cli compare BASELINE OTHER... [--json]\n"
                   "Compares runs side by side: each key figure, its difference from the\n"
                   "first run and the percentage, regressions marked. Exits 0.\n\nOptions";
    }
}

// Why the records given do not suit the command, or "".
std::string checkRecordCount(const CliOptions& options) {
    const std::size_t n = options.records.size();
    if (options.command == Command::report && n == 0) return "report needs at least one record file";
    if (options.command == Command::compare && n < 2) return "compare needs two or more record files (the first is the baseline)";
    if (options.command == Command::merge && n < 2) return "merge needs the records of two or more shares of one run";
    if (!options.hlogPath.empty() && n != 1) return "--hlog writes the log of one record; give one";
    return {};
}

// `salvo-cli report|compare|merge FILE... [options]`: everything after the command word.
bool parseRecordCommand(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    const bool report = options.command == Command::report;
    po::options_description visible(recordUsage(options.command));
    visible.add_options()("json", po::bool_switch(&options.json), report ? "print the reports as JSON"
                                                                 : options.command == Command::merge ? "print the merged report as JSON"
                                                                                                     : "print the comparison as JSON");
    if (report)
        visible.add_options()
            ("html", po::value(&options.htmlPath)->value_name("OUT"), "write one self-contained HTML report of all the records (a comparison when several)")
            ("hlog", po::value(&options.hlogPath)->value_name("OUT"), "write the HdrHistogram interval log (format 1.3) of one record");
    if (options.command == Command::merge)
        visible.add_options()
            ("output,o", po::value(&options.outputPath)->value_name("MERGED"), "write the merged run record to MERGED")
            ("junit", po::value(&options.junitPath)->value_name("FILE"), "write the thresholds, judged on the merged figures, as JUnit XML to FILE");
    visible.add_options()("help,h", po::bool_switch(&options.help), "print this help");
    po::options_description all;
    all.add(visible).add_options()("records", po::value(&options.records));
    po::positional_options_description positional;
    positional.add("records", -1);
    std::ostringstream usage;
    usage << visible;
    options.usage = usage.str();
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (options.help) return true;
    error = checkRecordCount(options);
    return error.empty();
}

// The options of a test, shared by the default command and `run PLAN`.
void addRunOptions(po::options_description& visible, CliOptions& options) {
    RunInput& in = options.input;
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
        ("header,H", po::value(&in.headers)->value_name("'Name: value'"), "extra request header (repeatable; ${VAR} reads the environment)")
        ("body,d", po::value(&in.body)->value_name("TEXT"), "request body (${VAR} reads the environment)")
        ("body-file,D", po::value(&in.bodyFile)->value_name("FILE"), "request body from FILE, read once and sent as is")
        ("content-type,T", po::value(&in.contentType)->value_name("TYPE"), "Content-Type of the body, e.g. application/json")
        ("basic-auth,a", po::value(&in.basicAuth)->value_name("USER:PASS"), "HTTP basic auth (never kept in records)")
        ("disable-keepalive", "a new connection for every request (measures connection setup)")
        ("http2", po::value<std::string>()->value_name("[=auto]"), "HTTP/2 over TLS, chosen by ALPN: a server without it is an error; =auto falls back to HTTP/1.1")
        ("h2c", "HTTP/2 over plain TCP with prior knowledge (http:// URLs)")
        ("streams,p", po::value(&in.streams)->value_name("N"), "HTTP/2: N requests at once on each connection (1-1000, default 1)")
        ("connect-to", po::value(&in.connectTo)->value_name("H:P:ADDR:P"), "connect to ADDR:P instead of H:P; Host, SNI and the certificate check keep H (repeatable)")
        ("redirects", po::value(&in.redirects)->value_name("N"), "follow up to N redirects on the same host (default 0: a 3xx is a response); latency covers the chain")
        ("expect-status", po::value(&in.expectStatus)->value_name("LIST"), "check: the status must be one of LIST (200,201,2xx,200-299); others fail as 'check'")
        ("expect-body", po::value(&in.expectBody)->value_name("TEXT"), "check: the body must contain TEXT")
        ("expect-body-regex", po::value(&in.expectBodyRegex)->value_name("RE"), "check: the body (its first 256 KiB) must match the regular expression RE")
        ("cacert", po::value(&in.caFile)->value_name("FILE"), "also trust the CA certificates in FILE (PEM)")
        ("cert", po::value(&in.clientCert)->value_name("FILE"), "client certificate (PEM; mTLS); its key too, unless --key")
        ("key", po::value(&in.clientKey)->value_name("FILE"), "the client certificate's private key (PEM, unencrypted)")
        ("insecure,k", po::bool_switch(&in.insecure), "skip TLS certificate verification (reported)")
        ("max-header-size", po::value(&in.maxHeaderSize)->value_name("SIZE"), "largest response head accepted, e.g. 100k, 1m (default 100k)")
        ("threshold", po::value(&options.thresholds)->value_name("EXPR"), "pass/fail gate in k6's syntax: p(99)<250ms, error_rate<1%, rps>=900 (repeatable; any failed: exit 99)")
        ("abort-on-fail", po::value(&options.abortOnFail)->value_name("EXPR"), "a threshold that also ends the run as soon as it fails (repeatable)")
        ("abort-delay", po::value(&options.abortDelay)->value_name("D"), "--abort-on-fail thresholds are not judged before D of the run (k6's delayAbortEval)")
        ("junit", po::value(&options.junitPath)->value_name("FILE"), "write the thresholds as JUnit XML (one test case each) to FILE")
        ("json", po::bool_switch(&options.json), "print the report as one JSON object")
        ("record", po::value(&options.recordPath)->value_name("FILE"), "also write the run record (a JSON report to keep, compare and render) to FILE")
        ("record-secrets", po::bool_switch(&options.recordSecrets), "keep header values and the body in the record (default: replaced by [redacted])")
        ("shard", po::value(&options.shard)->value_name("I/N|auto"), "run share I of N (from 0) of the plan, or the share Slurm, a Kubernetes Indexed Job or GNU parallel gives; {shard} in --record becomes I")
        ("shards", po::value(&options.shards)->value_name("N"), "with --shard auto: the number of shares where the scheduler gives only the index (or set SALVO_SHARDS)")
        ("start-at", po::value(&options.startAt)->value_name("TIME"), "wait until TIME (epoch seconds or ms, or RFC 3339) to start, so every share starts together")
        ("start-tolerance", po::value(&options.startTolerance)->value_name("D"), "with --start-at: refuse to start when more than D late (default 2s)")
        ("no-progress", "no progress line, even on a terminal");
    // clang-format on
}

// `--http2` and `--http2=auto`, taken before Boost.PO sees them: an optional value there
// (implicit_value) would take the URL after `--http2` as its value (boostorg/program_options#32).
// So would an abbreviation (`--http`), which is taken here too.
std::pair<std::string, std::string> http2Flag(const std::string& token) {
    if (token.rfind("--", 0) != 0) return {};
    const std::size_t equals = token.find('=');
    const std::string name = token.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    if (name.size() < 2 || std::string_view("http2").substr(0, name.size()) != name) return {};
    if (equals == std::string::npos) return {"http2", "2"};
    const std::string value = token.substr(equals + 1);
    if (value != "auto")
        throw po::error("--http2 takes no value (HTTP/2 only) or =auto (HTTP/2 or HTTP/1.1), not '" + value + "'");
    return {"http2", "auto"};
}

// --http2[=auto] and --h2c into RunInput::httpVersion: one protocol, so not both.
bool takeProtocol(const po::variables_map& vm, RunInput& in, std::string& error) {
    const bool http2 = vm.count("http2") > 0, h2c = vm.count("h2c") > 0;
    if (http2 && h2c) {
        error = "--http2 (over TLS) and --h2c (over plain TCP) are two ways to speak HTTP/2: give one";
        return false;
    }
    if (http2) in.httpVersion = vm["http2"].as<std::string>();
    if (h2c) in.httpVersion = "h2c";
    return true;
}

// `salvo-cli validate PLAN`: checks a plan without running it.
bool parseValidate(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    po::options_description visible(
        "Usage: salvo-cli validate PLAN.toml\n"
        "Checks a test plan without running it: its syntax, keys and values, and the files it names\n"
        "(relative to the plan's folder). Unset ${VAR} references are warnings here; a run refuses\n"
        "them. Exits 0 when the plan can run, 2 when it cannot.\n\nOptions");
    visible.add_options()("help,h", po::bool_switch(&options.help), "print this help");
    po::options_description all;
    all.add(visible).add_options()("plan", po::value(&options.planPath));
    po::positional_options_description positional;
    positional.add("plan", 1);
    std::ostringstream usage;
    usage << visible;
    options.usage = usage.str();
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (!options.help && options.planPath.empty()) error = "validate needs a plan file";
    return error.empty();
}

const char* const kUsage =
    "Usage: salvo-cli [options] URL\n"
    "Sends HTTP/1.1 requests (or HTTP/2: --http2, --h2c) to URL over keep-alive connections and\n"
    "reports latency: COUNT requests, or for a DURATION, as fast as responses come (closed model)\n"
    "or at a RATE (open model, latency counted from each request's due time).\n"
    "       salvo-cli run PLAN.toml [options]\n"
    "Runs a test plan (README: Test plans); the options given override the plan's values.\n"
    "       salvo-cli validate PLAN.toml\n"
    "       salvo-cli report RECORD... [--html OUT] [--hlog OUT] [--json]\n"
    "       salvo-cli compare BASELINE OTHER... [--json]\n"
    "       salvo-cli merge RECORD... [-o MERGED] [--json]\n"
    "Work on run records (--record): print, render, compare them, or merge the shares of a run\n"
    "split over machines (--shard; salvo-cli merge --help).\n\n"
    "Options";

// The default command (a URL) and `run PLAN` (a plan, and --url to override its URL).
bool parseRun(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    const bool plan = options.command == Command::runPlan;
    po::options_description visible(kUsage);
    addRunOptions(visible, options);
    if (plan) visible.add_options()("url", po::value(&options.input.url)->value_name("URL"), "run: the URL instead of the plan's");
    visible.add_options()
        ("serve", po::bool_switch(&options.serve), "run the built-in local target until Ctrl-C")
        ("version", po::bool_switch(&options.version), "print the version")
        ("help,h", po::bool_switch(&options.help), "print this help");
    po::options_description all;
    all.add(visible).add_options()(plan ? "plan" : "url", po::value(plan ? &options.planPath : &options.input.url));
    po::positional_options_description positional;
    positional.add(plan ? "plan" : "url", 1);
    std::ostringstream usage;
    usage << visible;
    options.usage = usage.str();
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).extra_parser(http2Flag).run(), vm);
        po::notify(vm);
        if (!takeProtocol(vm, options.input, error)) return false;
        options.progress = vm.count("no-progress") == 0;
        options.input.keepAlive = vm.count("disable-keepalive") == 0;
        for (const auto& [name, value] : vm)
            if (!value.defaulted()) options.given.push_back(name);
    } catch (const po::too_many_positional_options_error&) {
        error = plan ? "only one plan may be given" : "only one URL may be given";
        return false;
    }
    if (plan && options.planPath.empty() && !options.help) error = "run needs a plan file: salvo-cli run PLAN.toml";
    for (const auto& text : options.thresholds) options.input.thresholds.push_back({text, false, {}});
    for (const auto& text : options.abortOnFail) options.input.thresholds.push_back({text, true, options.abortDelay});
    if (!options.abortDelay.empty() && options.abortOnFail.empty()) error = "--abort-delay applies to --abort-on-fail thresholds: give one";
    return error.empty();
}

}  // namespace

bool parseCommandLine(int argc, const char* const* argv, CliOptions& options, std::string& error) {
    const std::string_view word = argc > 1 ? argv[1] : "";
    if (word == "report") options.command = Command::report;
    else if (word == "compare") options.command = Command::compare;
    else if (word == "merge") options.command = Command::merge;
    else if (word == "run") options.command = Command::runPlan;
    else if (word == "validate") options.command = Command::validate;
    const bool sub = options.command != Command::run;
    try {
        if (options.command == Command::report || options.command == Command::compare || options.command == Command::merge)
            return parseRecordCommand(argc - 1, argv + 1, options, error);
        if (options.command == Command::validate) return parseValidate(argc - 1, argv + 1, options, error);
        return parseRun(argc - (sub ? 1 : 0), argv + (sub ? 1 : 0), options, error);
    } catch (const po::error& e) {
        error = e.what();
        return false;
    }
}

}  // namespace salvo::cli
