#include "CliPlan.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "CliRun.hpp"
#include "salvo/Report.hpp"

namespace salvo::cli {
namespace {

bool given(const CliOptions& options, const char* name) {
    return std::find(options.given.begin(), options.given.end(), name) != options.given.end();
}

std::string headerName(const std::string& line) {
    std::string name = line.substr(0, line.find(':'));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    return name;
}

// A header given with -H replaces the plan's headers of that name; others are added.
void mergeHeaders(const std::vector<std::string>& flags, std::vector<std::string>& plan) {
    for (const auto& line : flags)
        std::erase_if(plan, [&](const std::string& old) { return headerName(old) == headerName(line); });
    plan.insert(plan.end(), flags.begin(), flags.end());
}

std::string absolute(const std::string& path) {
    std::error_code ec;
    const auto full = std::filesystem::absolute(path, ec);
    return ec || path.empty() ? path : full.string();
}

// The flags that override a plan's value, and where each lives in RunInput.
void applyFlags(const CliOptions& options, RunInput& in) {
    const RunInput& flags = options.input;
    static const std::map<std::string, std::string RunInput::*> text = {
        {"url", &RunInput::url}, {"requests", &RunInput::count}, {"duration", &RunInput::duration},
        {"rate", &RunInput::rate}, {"start-rate", &RunInput::startRate}, {"connections", &RunInput::connections},
        {"max-connections", &RunInput::maxConnections}, {"warmup", &RunInput::warmup}, {"grace", &RunInput::grace},
        {"arrival", &RunInput::arrival}, {"seed", &RunInput::seed}, {"threads", &RunInput::threads},
        {"timeout", &RunInput::timeoutSeconds}, {"method", &RunInput::method}, {"body", &RunInput::body},
        {"max-header-size", &RunInput::maxHeaderSize}, {"content-type", &RunInput::contentType},
        {"basic-auth", &RunInput::basicAuth}, {"expect-status", &RunInput::expectStatus}, {"redirects", &RunInput::redirects},
        {"expect-body", &RunInput::expectBody}, {"expect-body-regex", &RunInput::expectBodyRegex},
        {"streams", &RunInput::streams}};
    for (const auto& [name, member] : text)
        if (given(options, name.c_str())) in.*member = flags.*member;
    // Files named on the command line are the working directory's, not the plan's folder's.
    static const std::map<std::string, std::string RunInput::*> files = {
        {"cacert", &RunInput::caFile}, {"body-file", &RunInput::bodyFile}, {"cert", &RunInput::clientCert},
        {"key", &RunInput::clientKey}};
    for (const auto& [name, member] : files)
        if (given(options, name.c_str())) in.*member = absolute(flags.*member);
    if (given(options, "body")) in.bodyFile.clear();  // a body replaces the plan's body file, and
    if (given(options, "body-file")) in.body.clear();  // a body file its body
    if (given(options, "disable-keepalive")) in.keepAlive = false;
    if (given(options, "http2") || given(options, "h2c")) in.httpVersion = flags.httpVersion;
    if (given(options, "connect-to")) in.connectTo = flags.connectTo;
    // The load model is one choice: a flag that picks one clears what the plan set for another.
    if (given(options, "stage")) {
        in.stages = flags.stages;
        if (!given(options, "rate")) in.rate.clear();
        if (!given(options, "duration")) in.duration.clear();
    }
    if (given(options, "rate") && !given(options, "stage")) {
        in.stages.clear();
        if (!given(options, "start-rate")) in.startRate.clear();
    }
    if (given(options, "duration") && !given(options, "stage")) in.stages.clear();
    if (given(options, "header")) mergeHeaders(flags.headers, in.headers);
    // -T and -a stand for a header each: given, they replace the plan's header of that name, and
    // a -H of that name replaces the plan's -T or -a.
    const auto dropHeader = [&](const char* name) { std::erase_if(in.headers, [&](const std::string& h) { return headerName(h) == name; }); };
    if (given(options, "content-type")) dropHeader("content-type");
    if (given(options, "basic-auth")) dropHeader("authorization");
    for (const auto& line : given(options, "header") ? flags.headers : std::vector<std::string>{}) {
        if (headerName(line) == "content-type" && !given(options, "content-type")) in.contentType.clear();
        if (headerName(line) == "authorization" && !given(options, "basic-auth")) in.basicAuth.clear();
    }
    if (given(options, "insecure")) in.insecure = flags.insecure;
    // Thresholds add to the plan's: a CI job can tighten a shared plan without editing it.
    in.thresholds.insert(in.thresholds.end(), flags.thresholds.begin(), flags.thresholds.end());
}

// "GET https://api/x", or with named requests "3 requests (home x3, login, search) on https://api/":
// URLs as the plan writes them, so ${VAR}s stay references.
std::string describeRequests(const RunInput& in, const RunSpec& spec) {
    if (spec.requests.empty()) return spec.method + " " + in.url;
    std::string names;
    for (std::size_t i = 0; i < spec.requests.size(); ++i) {
        if (i == 5) {
            names += ", and " + std::to_string(spec.requests.size() - 5) + " more";
            break;
        }
        const RequestSpec& r = spec.requests[i];
        names += (i ? ", " : "") + r.name + (r.weight == 1 ? "" : " x" + std::to_string(r.weight));
    }
    return std::to_string(spec.requests.size()) + " requests (" + names + ") on " +
           (in.url.empty() ? in.requests.front().url : in.url);
}

// ", HTTP/2, 10 streams per connection"; nothing for HTTP/1.1, the default.
std::string describeProtocol(const RunSpec& spec) {
    if (!spec.http2()) return {};
    const char* name = spec.http == HttpVersion::http2Auto ? "HTTP/2 or HTTP/1.1 (auto)"
                       : spec.http == HttpVersion::h2c     ? "HTTP/2 over plain TCP (h2c)"
                                                           : "HTTP/2";
    return std::string(", ") + name + ", " + std::to_string(spec.streams) +
           (spec.streams == 1 ? " stream" : " streams") + " per connection";
}

}  // namespace

bool loadPlanInput(const CliOptions& options, PlanRead& plan, std::ostream& err) {
    plan = readPlanFile(options.planPath);
    for (const auto& problem : plan.errors) err << "salvo-cli: " << problem.text() << '\n';
    if (!plan.ok()) return false;
    applyFlags(options, plan.plan.input);
    return true;
}

void printInputErrors(const PlanRead& plan, const std::vector<FieldError>& errors, std::ostream& err) {
    for (const auto& problem : placeErrors(plan, errors)) err << "salvo-cli: " << problem.text() << '\n';
}

int validatePlan(const CliOptions& options, std::ostream& out, std::ostream& err) {
    const PlanRead plan = readPlanFile(options.planPath);
    for (const auto& problem : plan.errors) err << "salvo-cli: " << problem.text() << '\n';
    if (!plan.ok()) return kExitBadInput;
    // An unset variable is a warning here (CI sets it when it runs the plan): checked as empty.
    const auto unset = unsetVariables(plan.plan.input);
    for (const auto& name : unset)
        err << "salvo-cli: " << options.planPath << ": warning: ${" << name
            << "} is not set here; running the plan needs it\n";
    // A field that names an unset variable is not checked further (its value is not known yet).
    Validation v = validate(plan.plan.input);
    std::erase_if(v.errors, [](const FieldError& e) { return e.unsetVariable; });
    printInputErrors(plan, v.errors, err);
    if (!v.errors.empty()) return kExitBadInput;
    // The URL as the plan writes it: ${VAR}s stay references, and no secret reaches the output.
    const RunResult shape = RunResult::planFor(v.spec);
    std::string summary = options.planPath + ": valid" + (plan.plan.name.empty() ? "" : " (" + plan.plan.name + ")") +
                          ": " + describeRequests(plan.plan.input, v.spec) + describeProtocol(v.spec) + ", " + describeLoad(shape) + ", " +
                          std::to_string(v.spec.thresholds.size()) +
                          (v.spec.thresholds.size() == 1 ? " threshold\n" : " thresholds\n");
    return writeOut(summary, out, err, kExitOk);
}

}  // namespace salvo::cli
