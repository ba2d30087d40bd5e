// Plans: writing them back as TOML, and placing validate()'s messages in the file.
#include "salvo/Plan.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "TextInput.hpp"
#include "Variables.hpp"

namespace salvo {


std::string PlanProblem::text() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!out.empty()) out += ": ";
    if (!key.empty()) out += key + ": ";
    return out + message;
}

std::vector<PlanProblem> placeErrors(const PlanRead& read, const std::vector<FieldError>& errors) {
    std::vector<PlanProblem> placed;
    for (const FieldError& e : errors) {
        const auto at = read.places.find(e.field);
        PlanProblem p = at != read.places.end() ? at->second : PlanProblem{};
        if (e.request >= 0 && static_cast<std::size_t>(e.request) < read.requestPlaces.size())
            p = read.requestPlaces[static_cast<std::size_t>(e.request)];
        p.message = e.message;
        placed.push_back(std::move(p));
    }
    // In the file's order, as an editor lists them; those about flags (no place) last.
    std::stable_sort(placed.begin(), placed.end(), [](const PlanProblem& a, const PlanProblem& b) {
        const auto key = [](const PlanProblem& p) { return std::pair(p.line == 0 ? INT32_MAX : p.line, p.column); };
        return key(a) < key(b);
    });
    return placed;
}

std::vector<std::string> unsetVariables(const RunInput& input) {
    std::vector<std::string> names, unset;
    collectVariables(input.url, names);
    for (const auto& line : input.headers) collectVariables(line, names);
    collectVariables(input.body, names);
    collectVariables(input.basicAuth, names);
    for (const auto& r : input.requests) {
        collectVariables(r.url, names);
        for (const auto& line : r.headers) collectVariables(line, names);
        if (r.body) collectVariables(*r.body, names);
    }
    for (const auto& name : names)
        if (!environmentVariable(name)) unset.push_back(name);
    return unset;
}

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7f) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned char>(c));
                    out += escape;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

// A number typed as a plain decimal is written bare (requests = 1000), anything else quoted,
// so that whatever the form held reads back as the same text.
std::string numeric(const std::string& text) {
    std::int64_t whole = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
    if (!text.empty() && ec == std::errc() && end == text.data() + text.size() && std::to_string(whole) == text)
        return text;
    double value = 0;
    if (text.find('.') != std::string::npos && text.find_first_of("eE") == std::string::npos &&
        parseNumber(text, value) && numberText(value, std::nullopt) == text)
        return text;
    return quoted(text);
}

struct Section {
    std::ostringstream& out;
    std::string name;
    bool opened = false;
    void key(const char* key, const std::string& value) {
        if (!opened) out << "\n[" << name << "]\n";
        opened = true;
        out << key << " = " << value << '\n';
    }
};

std::string lineList(const std::vector<std::string>& lines) {
    std::string list = "[\n";
    for (const auto& line : lines) list += "  " + quoted(line) + ",\n";
    return list + "]";
}

void writeRequest(const RunInput& in, const RunInput& defaults, std::ostringstream& out) {
    Section s{out, "request"};
    if (!in.url.empty() || in.requests.empty()) s.key("url", quoted(in.url));
    if (in.method != defaults.method) s.key("method", quoted(in.method));
    if (!in.headers.empty()) s.key("headers", lineList(in.headers));
    if (!in.body.empty()) s.key("body", quoted(in.body));
    if (!in.bodyFile.empty()) s.key("body_file", quoted(in.bodyFile));
    if (!in.contentType.empty()) s.key("content_type", quoted(in.contentType));
    if (!in.basicAuth.empty()) s.key("basic_auth", quoted(in.basicAuth));
    if (!in.keepAlive) s.key("keepalive", "false");
    if (!in.httpVersion.empty()) s.key("http", quoted(in.httpVersion));
    if (!in.redirects.empty()) s.key("redirects", numeric(in.redirects));
    if (!in.expectStatus.empty()) s.key("expect_status", quoted(in.expectStatus));
    if (!in.expectBody.empty()) s.key("expect_body", quoted(in.expectBody));
    if (!in.expectBodyRegex.empty()) s.key("expect_body_regex", quoted(in.expectBodyRegex));
    if (!in.connectTo.empty()) {
        std::string list = "[";
        for (const auto& line : in.connectTo) list += (list.size() > 1 ? ", " : "") + quoted(line);
        s.key("connect_to", list + "]");
    }
    if (in.timeoutSeconds != defaults.timeoutSeconds) s.key("timeout", numeric(in.timeoutSeconds));
    if (in.maxHeaderSize != defaults.maxHeaderSize) s.key("max_header_size", quoted(in.maxHeaderSize));
}

// [[requests]]: only the keys each request gives itself, so it keeps taking the others from [request].
void writeNamedRequests(const RunInput& in, std::ostringstream& out) {
    for (const NamedRequestInput& r : in.requests) {
        out << "\n[[requests]]\n";
        const auto key = [&](const char* name, const std::string& value) { out << name << " = " << value << '\n'; };
        const auto text = [&](const char* name, const std::optional<std::string>& value) {
            if (value) key(name, quoted(*value));
        };
        if (!r.name.empty()) key("name", quoted(r.name));
        if (!r.url.empty()) key("url", quoted(r.url));
        text("method", r.method);
        if (!r.headers.empty()) key("headers", lineList(r.headers));
        text("body", r.body);
        text("body_file", r.bodyFile);
        text("content_type", r.contentType);
        if (!r.weight.empty()) key("weight", numeric(r.weight));
        text("expect_status", r.expectStatus);
        text("expect_body", r.expectBody);
        text("expect_body_regex", r.expectBodyRegex);
    }
}

void writeLoad(const RunInput& in, std::ostringstream& out) {
    Section s{out, "load"};
    const std::pair<const char*, const std::string*> numbers[] = {
        {"requests", &in.count}, {"duration", &in.duration}, {"rate", &in.rate}, {"start_rate", &in.startRate},
        {"connections", &in.connections}, {"streams", &in.streams}, {"max_connections", &in.maxConnections},
        {"warmup", &in.warmup}, {"grace", &in.grace}, {"seed", &in.seed}};
    for (const auto& [key, value] : numbers)
        if (!value->empty()) s.key(key, numeric(*value));
    if (in.threads != RunInput{}.threads) s.key("threads", numeric(in.threads));
    if (!in.arrival.empty()) s.key("arrival", quoted(in.arrival));
    if (in.stages.empty()) return;
    std::string list = "[\n";
    for (const auto& stage : in.stages) {
        const auto colon = stage.find(':');
        if (colon == std::string::npos) list += "  " + quoted(stage) + ",\n";
        else list += "  { duration = " + numeric(stage.substr(0, colon)) + ", target = " + numeric(stage.substr(colon + 1)) + " },\n";
    }
    s.key("stages", list + "]");
}

void writeThresholds(const RunInput& in, std::ostringstream& out) {
    if (in.thresholds.empty()) return;
    std::string list = "[\n";
    for (const auto& t : in.thresholds) {
        if (!t.abortOnFail && t.abortDelay.empty()) {
            list += "  " + quoted(t.expression) + ",\n";
            continue;
        }
        list += "  { threshold = " + quoted(t.expression) + ", abort_on_fail = " + (t.abortOnFail ? "true" : "false");
        if (!t.abortDelay.empty()) list += ", delay_abort_eval = " + quoted(t.abortDelay);
        list += " },\n";
    }
    Section{out, "thresholds"}.key("require", list + "]");
}

}  // namespace

std::string writePlan(const Plan& plan) {
    std::ostringstream out;
    out << "# Salvo test plan: salvo-cli run FILE, or File > Open plan in the window.\n";
    if (!plan.name.empty()) out << "name = " << quoted(plan.name) << '\n';
    if (!plan.description.empty()) out << "description = " << quoted(plan.description) << '\n';
    const RunInput& in = plan.input;
    const RunInput defaults;
    writeRequest(in, defaults, out);
    writeNamedRequests(in, out);
    writeLoad(in, out);
    Section tls{out, "tls"};
    if (!in.caFile.empty()) tls.key("ca_file", quoted(in.caFile));
    if (in.insecure) tls.key("insecure", "true");
    if (!in.clientCert.empty()) tls.key("cert", quoted(in.clientCert));
    if (!in.clientKey.empty()) tls.key("key", quoted(in.clientKey));
    writeThresholds(in, out);
    return out.str();
}

// Written beside the plan under a name of its own and renamed over it, so a crash or a full
// disk never leaves half a plan. A plan that is a symbolic link is written where it points, and
// an existing plan keeps its permissions (a plan may hold what was typed into header values).
bool savePlanFile(const Plan& plan, const std::string& path, std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
    if (ec) target = path;
    static std::atomic<unsigned> serial{0};
    const std::string part = target.string() + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out << writePlan(plan);
        out.flush();
        if (!out) {
            error = "cannot write " + target.string();
            fs::remove(part, ec);
            return false;
        }
    }
    if (const auto status = fs::status(target, ec); !ec && fs::exists(status))
        fs::permissions(part, status.permissions(), ec);
    fs::rename(part, target, ec);
    if (ec) {
        error = "cannot write " + target.string() + ": " + ec.message();
        fs::remove(part, ec);
        return false;
    }
    return true;
}

}  // namespace salvo
