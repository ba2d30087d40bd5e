// Several named requests in one run (a plan's [[requests]]): each checked as the one request
// is, on an input holding the run's fields with the request's own in their place.
#include <algorithm>
#include <filesystem>
#include <set>

#include "FileRead.hpp"
#include "RequestInput.hpp"
#include "TextInput.hpp"

namespace salvo {
namespace {

std::string headerName(const std::string& line) { return trim(line.substr(0, line.find(':'))); }

bool hasHeader(const std::vector<std::string>& lines, std::string_view name) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return equalsIgnoringCase(headerName(line), name); });
}

// The run's header lines without those the request gives itself, then the request's.
std::vector<std::string> mergedHeaders(const std::vector<std::string>& run, const std::vector<std::string>& own) {
    std::vector<std::string> out;
    for (const auto& line : run)
        if (!hasHeader(own, headerName(line))) out.push_back(line);
    out.insert(out.end(), own.begin(), own.end());
    return out;
}

// The run's input with the request's fields in its place. The body (body, body file and content
// type) goes with the method: a request with a method of its own takes no body from the run, so
// a GET beside a POST is not sent the POST's body.
RunInput requestInput(const RunInput& run, const NamedRequestInput& r) {
    RunInput in = run;
    if (r.method) {
        in.method = *r.method;
        in.body.clear();
        in.bodyFile.clear();
        in.contentType.clear();
    }
    if (r.body || r.bodyFile) {  // its own body replaces the run's, whichever way each is given
        in.body = r.body.value_or("");
        in.bodyFile = r.bodyFile.value_or("");
    }
    if (r.contentType) in.contentType = *r.contentType;
    if (r.expectStatus) in.expectStatus = *r.expectStatus;
    if (r.expectBody) in.expectBody = *r.expectBody;
    if (r.expectBodyRegex) in.expectBodyRegex = *r.expectBodyRegex;
    // Content-Type given one way by the request replaces the run's, given the other way.
    if (hasHeader(r.headers, "Content-Type") && !r.contentType) in.contentType.clear();
    std::vector<std::string> runHeaders = run.headers;
    if (r.contentType) std::erase_if(runHeaders, [](const std::string& line) { return equalsIgnoringCase(headerName(line), "Content-Type"); });
    in.headers = mergedHeaders(runHeaders, r.headers);
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
    if (text.starts_with("//") || (text[0] != '/' && text.find("://") == std::string::npos)) {
        message = "'" + text.substr(0, 200) + "' must be a path that starts with one / (\"/login?next=1\"), or a whole URL";
        return false;
    }
    Target t;
    if (!parseTarget(text[0] == '/' ? origin(run) + text : text, t, message)) return false;
    if (t.scheme != run.scheme || !sameHost(t.host, run.host) || t.port != run.port) {
        message = "'" + text.substr(0, 200) + "' is not on the run's scheme, host and port (" + origin(run) +
                  "): one plan sends to one server for now";
        return false;
    }
    requestTarget = t.requestTarget;
    return true;
}

std::string nameProblem(const std::string& name, bool given, std::set<std::string>& seen) {
    if (name.size() > kMaxRequestNameBytes) return "the name is too long (at most 100 bytes)";
    if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f || c == '{' || c == '}'; }) ||
        trim(name) != name)
        return "a name is one line of text without { or } or spaces around it";
    if (!seen.insert(name).second)
        return "two requests are named '" + name + "': names must differ" + (given ? "" : " (give each a name)");
    return {};
}

// Whether the run's own `fields` hold errors already: the requests inherit those fields, and
// their messages about them would only repeat the run's.
bool failed(const std::vector<FieldError>& errors, std::initializer_list<Field> fields) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) {
        return std::find(fields.begin(), fields.end(), e.field) != fields.end();
    });
}

// What a request sends when it keeps the run's body: the run's, read once already.
bool inheritsBody(const NamedRequestInput& r) { return !r.method && !r.body && !r.bodyFile; }

std::uint64_t fileSize(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

// The run's own body, read or (checking as a person types) not.
std::uint64_t runBodySize(const RunSpec& spec) { return spec.bodyFile.empty() ? spec.body.size() : fileSize(spec.bodyFile); }

// The bytes of the request's body before it is read: the run's, its own text, or its file's size
// (0 when the file cannot be found: reading it then says why).
std::uint64_t bodySize(const NamedRequestInput& r, const RunInput& run, const RunSpec& spec) {
    if (inheritsBody(r)) return runBodySize(spec);
    if (!r.bodyFile || trim(*r.bodyFile).empty()) return r.body ? r.body->size() : 0;
    return fileSize(inBaseDir(trim(*r.bodyFile), run.baseDir));
}

// `withBody` false: its body is neither read nor copied (the run's bodies are too large already).
RequestSpec checkOne(const RunInput& run, const RunSpec& spec, const NamedRequestInput& r, bool withBody,
                     bool readBody, std::vector<FieldError>& own) {
    RunSpec s;
    s.target = spec.target;
    std::string message;
    const bool resolved = resolveTarget(spec.target, r.url, s.target.requestTarget, message);
    if (!resolved) own.push_back({Field::url, message});
    RunInput in = requestInput(run, r);
    if (inheritsBody(r) || !withBody) {  // taken below, or not at all
        in.bodyFile.clear();
        in.body.clear();
    }
    checkRequestContent(in, s, own, readBody);
    if (inheritsBody(r) && withBody) {
        s.body = spec.body;
        s.bodyFile = spec.bodyFile;
    }
    std::uint64_t weight = 1;
    if (!trim(r.weight).empty() && !parseWhole(r.weight, "weight", 1, kMaxRequestWeight, weight, message))
        own.push_back({Field::requests, message});
    // A name made up here is ASCII (a method and an origin-form target), so cutting it is safe.
    std::string name = r.name.empty() ? (s.method + " " + (resolved ? s.target.requestTarget : trim(r.url))).substr(0, kMaxRequestNameBytes)
                                      : r.name;
    return {std::move(name), s.method, s.target.requestTarget, std::move(s.headers), std::move(s.body),
            s.bodyFile, std::move(s.check), static_cast<std::uint32_t>(weight)};
}

}  // namespace

void checkNamedRequests(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors,
                        const std::vector<std::size_t>& unset, bool readBodies) {
    if (in.requests.empty()) return;
    if (in.requests.size() > kMaxRequests)
        return errors.push_back({Field::requests, "too many requests: at most " + std::to_string(kMaxRequests)});
    // Every request is still listed (so thresholds can name it), but not judged on what failed
    // for the run (the server's URL, or the fields it inherits), nor where a variable is unset.
    const bool urlFailed = failed(errors, {Field::url}) || spec.target.host.empty();
    const bool contentFailed = failed(errors, {Field::method, Field::headers, Field::body, Field::bodyFile,
                                               Field::contentType, Field::basicAuth, Field::expectStatus,
                                               Field::expectBody, Field::expectBodyRegex});
    std::set<std::string> names;
    std::uint64_t bodies = runBodySize(spec);  // each request holds its own copy of its body
    for (std::size_t i = 0; i < in.requests.size(); ++i) {
        const NamedRequestInput& r = in.requests[i];
        const bool unsetHere = std::find(unset.begin(), unset.end(), i) != unset.end();
        std::vector<FieldError> own;
        const std::uint64_t body = bodySize(r, in, spec);
        const bool fits = bodies + body <= kMaxBodyFileBytes;  // checked before anything is read
        spec.requests.push_back(checkOne(in, spec, r, fits, readBodies, own));
        if (!fits) own.push_back({Field::requests, "the bodies of the requests come to more than 256 MiB in all"});
        bodies += readBodies && fits ? spec.requests.back().body.size() : body;
        const RequestSpec& request = spec.requests.back();
        if (const std::string problem = nameProblem(request.name, !r.name.empty(), names); !problem.empty())
            own.push_back({Field::requests, problem});
        for (const FieldError& e : own) {
            const bool inherited = e.field == Field::url ? urlFailed : e.field != Field::requests && contentFailed;
            if (!inherited && !(unsetHere && e.field != Field::requests))
                errors.push_back({Field::requests, "request '" + request.name + "': " + e.message, false, static_cast<int>(i)});
        }
    }
}

}  // namespace salvo
