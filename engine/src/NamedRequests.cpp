// Several named requests in one run (a plan's [[requests]]): each checked as the one request
// is, on an input holding the run's fields with the request's own in their place.
#include <algorithm>
#include <set>

#include "RequestInput.hpp"
#include "TextInput.hpp"

namespace salvo {
namespace {

std::string headerName(const std::string& line) { return trim(line.substr(0, line.find(':'))); }

// The run's header lines without those the request gives itself, then the request's.
std::vector<std::string> mergedHeaders(const std::vector<std::string>& run, const std::vector<std::string>& own) {
    std::vector<std::string> out;
    for (const auto& line : run) {
        const bool replaced = std::any_of(own.begin(), own.end(), [&](const std::string& mine) {
            return equalsIgnoringCase(headerName(mine), headerName(line));
        });
        if (!replaced) out.push_back(line);
    }
    out.insert(out.end(), own.begin(), own.end());
    return out;
}

RunInput requestInput(const RunInput& run, const NamedRequestInput& r) {
    RunInput in = run;
    if (r.method) in.method = *r.method;
    if (r.body || r.bodyFile) {  // its own body replaces the run's, whichever way each is given
        in.body = r.body.value_or("");
        in.bodyFile = r.bodyFile.value_or("");
    }
    if (r.contentType) in.contentType = *r.contentType;
    if (r.expectStatus) in.expectStatus = *r.expectStatus;
    if (r.expectBody) in.expectBody = *r.expectBody;
    if (r.expectBodyRegex) in.expectBodyRegex = *r.expectBodyRegex;
    in.headers = mergedHeaders(run.headers, r.headers);
    return in;
}

std::string origin(const Target& t) { return (t.isTls() ? "https://" : "http://") + t.hostHeader; }

// A path ("/login?next=/") on the run's target, or a whole URL on its scheme, host and port.
bool resolveTarget(const Target& run, const std::string& url, std::string& requestTarget, std::string& message) {
    const std::string text = trim(url);
    if (text.empty()) {
        requestTarget = run.requestTarget;
        return true;
    }
    Target t;
    if (!parseTarget(text[0] == '/' ? origin(run) + text : text, t, message)) return false;
    if (t.scheme != run.scheme || !equalsIgnoringCase(t.host, run.host) || t.port != run.port) {
        message = "'" + text.substr(0, 200) + "' is not on the run's scheme, host and port (" + origin(run) +
                  "): one plan sends to one server for now";
        return false;
    }
    requestTarget = t.requestTarget;
    return true;
}

std::string nameProblem(const std::string& name, std::set<std::string>& seen) {
    if (name.size() > kMaxRequestNameBytes) return "the name is too long (at most 100 bytes)";
    if (name.find_first_of("{}\r\n\t") != std::string::npos || trim(name) != name)
        return "a name is one line of text without { or } or spaces around it";
    if (!seen.insert(name).second) return "two requests are named '" + name + "': names must differ";
    return {};
}

// Whether the run's own `fields` hold errors already (or a variable not set yet): the requests
// inherit them, and their messages would only repeat them.
bool failed(const std::vector<FieldError>& errors, std::initializer_list<Field> fields) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
        return std::find(fields.begin(), fields.end(), e.field) != fields.end();
    });
}

RequestSpec checkOne(const RunInput& run, const Target& target, const NamedRequestInput& r,
                     std::vector<FieldError>& own) {
    RunSpec s;
    s.target = target;
    std::string message;
    const bool resolved = resolveTarget(target, r.url, s.target.requestTarget, message);
    if (!resolved) own.push_back({Field::url, message});
    checkRequestContent(requestInput(run, r), s, own);
    std::uint64_t weight = 1;
    if (!trim(r.weight).empty() && !parseWhole(r.weight, "weight", 1, kMaxRequestWeight, weight, message))
        own.push_back({Field::requests, message});
    const std::string name = !r.name.empty() ? r.name : s.method + " " + (resolved ? s.target.requestTarget : trim(r.url));
    return {name.substr(0, kMaxRequestNameBytes), s.method, s.target.requestTarget, s.headers, s.body, s.bodyFile,
            s.check, static_cast<std::uint32_t>(weight)};
}

}  // namespace

void checkNamedRequests(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors) {
    if (in.requests.empty()) return;
    if (in.requests.size() > kMaxRequests)
        return errors.push_back({Field::requests, "too many requests: at most " + std::to_string(kMaxRequests)});
    // Still listed, so thresholds can name them, but not judged on what failed for the run.
    const bool urlFailed = failed(errors, {Field::url});
    const bool contentFailed = failed(errors, {Field::method, Field::headers, Field::body, Field::bodyFile,
                                               Field::contentType, Field::basicAuth, Field::expectStatus,
                                               Field::expectBody, Field::expectBodyRegex});
    std::set<std::string> names;
    std::uint64_t bodies = 0;
    for (const NamedRequestInput& r : in.requests) {
        std::vector<FieldError> own;
        RequestSpec request = checkOne(in, spec.target, r, own);
        if (const std::string problem = nameProblem(request.name, names); !problem.empty())
            own.push_back({Field::requests, problem});
        for (const FieldError& e : own)
            if (!contentFailed && !(urlFailed && e.field == Field::url)) errors.push_back({Field::requests, "request '" + request.name + "': " + e.message});
        bodies += request.body.size();
        spec.requests.push_back(std::move(request));
    }
    if (bodies > kMaxBodyFileBytes)
        errors.push_back({Field::requests, "the requests' bodies come to " + std::to_string(bodies >> 20) +
                                               " MiB: at most 256 MiB in all"});
}

}  // namespace salvo
