// Reading test plans (TOML, via toml++): each key checked for its type and placed, so every
// message can say file, line, column and key. Values stay text, checked later by validate().
#define TOML_HEADER_ONLY 1      // one translation unit, compiled with our flags and sanitizers
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "PlanKeys.hpp"
#include "salvo/Plan.hpp"

namespace salvo {
namespace {

class PlanReader {
public:
    PlanReader(PlanRead& out, std::string path) : out_(out), path_(std::move(path)) {}

    void read(const toml::table& root);

private:
    using Handler = void (PlanReader::*)(const toml::node&, const std::string& key);
    struct Key {
        const char* name;
        Handler handler;
    };

    void table(const toml::table& t, const std::string& prefix, std::initializer_list<Key> keys);
    void fail(const toml::source_region& where, const std::string& key, const std::string& message);
    void place(Field field, const toml::node& node, const std::string& key);
    bool text(const toml::node& node, const std::string& key, std::string& out, bool numbers);
    bool seconds(const toml::node& node, const std::string& key, std::string& out);

    void name(const toml::node& n, const std::string& k) { text(n, k, out_.plan.name, false); }
    void description(const toml::node& n, const std::string& k) { text(n, k, out_.plan.description, false); }
    void request(const toml::node& n, const std::string& k);
    void load(const toml::node& n, const std::string& k);
    void tls(const toml::node& n, const std::string& k);
    void thresholds(const toml::node& n, const std::string& k);
    void url(const toml::node& n, const std::string& k) { field(n, k, Field::url, input().url, false); }
    void method(const toml::node& n, const std::string& k) { field(n, k, Field::method, input().method, false); }
    void body(const toml::node& n, const std::string& k) { field(n, k, Field::body, input().body, false); }
    void headers(const toml::node& n, const std::string& k);
    void timeout(const toml::node& n, const std::string& k);
    void maxHeaderSize(const toml::node& n, const std::string& k) { field(n, k, Field::maxHeaderSize, input().maxHeaderSize, true); }
    void requests(const toml::node& n, const std::string& k) { field(n, k, Field::count, input().count, true); }
    void duration(const toml::node& n, const std::string& k) { field(n, k, Field::duration, input().duration, true); }
    void rate(const toml::node& n, const std::string& k) { field(n, k, Field::rate, input().rate, true); }
    void startRate(const toml::node& n, const std::string& k) { field(n, k, Field::startRate, input().startRate, true); }
    void stages(const toml::node& n, const std::string& k);
    void connections(const toml::node& n, const std::string& k) { field(n, k, Field::connections, input().connections, true); }
    void maxConnections(const toml::node& n, const std::string& k) { field(n, k, Field::maxConnections, input().maxConnections, true); }
    void threads(const toml::node& n, const std::string& k) { field(n, k, Field::threads, input().threads, true); }
    void warmup(const toml::node& n, const std::string& k) { field(n, k, Field::warmup, input().warmup, true); }
    void grace(const toml::node& n, const std::string& k) { field(n, k, Field::grace, input().grace, true); }
    void arrival(const toml::node& n, const std::string& k) { field(n, k, Field::arrival, input().arrival, false); }
    void seed(const toml::node& n, const std::string& k) { field(n, k, Field::seed, input().seed, true); }
    void caFile(const toml::node& n, const std::string& k) { field(n, k, Field::caFile, input().caFile, false); }
    void insecure(const toml::node& n, const std::string& k);
    void require(const toml::node& n, const std::string& k);
    void threshold(const toml::node& n, const std::string& k);

    void field(const toml::node& n, const std::string& k, Field f, std::string& out, bool numbers) {
        if (text(n, k, out, numbers)) place(f, n, k);
    }
    RunInput& input() { return out_.plan.input; }

    PlanRead& out_;
    std::string path_;
};

void PlanReader::read(const toml::table& root) {
    table(root, "", {{"name", &PlanReader::name}, {"description", &PlanReader::description},
                     {"request", &PlanReader::request}, {"load", &PlanReader::load}, {"tls", &PlanReader::tls},
                     {"thresholds", &PlanReader::thresholds}});
}

void PlanReader::request(const toml::node& n, const std::string& k) {
    if (!n.is_table()) return fail(n.source(), k, "must be a table: [request]");
    table(*n.as_table(), k + ".", {{"url", &PlanReader::url}, {"method", &PlanReader::method},
                                   {"headers", &PlanReader::headers}, {"body", &PlanReader::body},
                                   {"timeout", &PlanReader::timeout}, {"max_header_size", &PlanReader::maxHeaderSize}});
}

void PlanReader::load(const toml::node& n, const std::string& k) {
    if (!n.is_table()) return fail(n.source(), k, "must be a table: [load]");
    table(*n.as_table(), k + ".",
          {{"requests", &PlanReader::requests}, {"duration", &PlanReader::duration}, {"rate", &PlanReader::rate},
           {"start_rate", &PlanReader::startRate}, {"stages", &PlanReader::stages},
           {"connections", &PlanReader::connections}, {"max_connections", &PlanReader::maxConnections},
           {"threads", &PlanReader::threads}, {"warmup", &PlanReader::warmup}, {"grace", &PlanReader::grace},
           {"arrival", &PlanReader::arrival}, {"seed", &PlanReader::seed}});
}

void PlanReader::tls(const toml::node& n, const std::string& k) {
    if (!n.is_table()) return fail(n.source(), k, "must be a table: [tls]");
    table(*n.as_table(), k + ".", {{"ca_file", &PlanReader::caFile}, {"insecure", &PlanReader::insecure}});
}

void PlanReader::thresholds(const toml::node& n, const std::string& k) {
    if (!n.is_table()) return fail(n.source(), k, "must be a table: [thresholds] with require = [...]");
    table(*n.as_table(), k + ".", {{"require", &PlanReader::require}});
}

// Known keys go to their handler; any other key is an error that lists the known ones.
void PlanReader::table(const toml::table& t, const std::string& prefix, std::initializer_list<Key> keys) {
    for (auto&& [key, node] : t) {
        const std::string name(key.str());
        const Key* known = nullptr;
        for (const Key& k : keys)
            if (name == k.name) known = &k;
        if (known) {
            (this->*known->handler)(node, prefix + name);
            continue;
        }
        std::string list;
        for (const Key& k : keys) list += (list.empty() ? "" : ", ") + std::string(k.name);
        fail(key.source(), prefix + name, "unknown key (known here: " + list + ")");
    }
}

void PlanReader::fail(const toml::source_region& where, const std::string& key, const std::string& message) {
    out_.errors.push_back({path_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), key, message});
}

void PlanReader::place(Field field, const toml::node& node, const std::string& key) {
    const auto& where = node.source();
    out_.places[field] = {path_, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), key, {}};
}

// A string; with `numbers`, an integer or a float too, kept as its shortest text.
bool PlanReader::text(const toml::node& node, const std::string& key, std::string& out, bool numbers) {
    if (const auto* s = node.as_string()) {
        out = s->get();
        return true;
    }
    if (numbers && (node.is_integer() || node.is_floating_point())) {
        out = plan_keys::numberText(node.is_integer() ? static_cast<double>(node.as_integer()->get())
                                                      : node.as_floating_point()->get(),
                                    node.is_integer() ? std::optional<std::int64_t>(node.as_integer()->get())
                                                      : std::nullopt);
        return true;
    }
    fail(node.source(), key, numbers ? "must be a number or a string" : "must be a string");
    return false;
}

// The request timeout: seconds, or a duration string ("30s", "500ms").
void PlanReader::timeout(const toml::node& n, const std::string& k) {
    std::string value;
    if (!text(n, k, value, true)) return;
    double secs = 0;
    // "2.5s" becomes the form's "2.5"; a number, even one written as a string, stays as written.
    const bool unit = !value.empty() && std::isalpha(static_cast<unsigned char>(value.back()));
    if (n.is_string() && unit && plan_keys::durationSeconds(value, secs)) value = plan_keys::numberText(secs, std::nullopt);
    input().timeoutSeconds = value;
    place(Field::timeout, n, k);
}

// An array of "Name: value" lines (order and repeats kept), or a table of name = value.
void PlanReader::headers(const toml::node& n, const std::string& k) {
    input().headers.clear();
    if (const auto* t = n.as_table()) {
        for (auto&& [name, value] : *t) {
            std::string v;
            if (text(value, k + "." + std::string(name.str()), v, false)) input().headers.push_back(std::string(name.str()) + ": " + v);
        }
    } else if (const auto* a = n.as_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            std::string line;
            if (text(*a->get(i), k + "[" + std::to_string(i) + "]", line, false)) input().headers.push_back(line);
        }
    } else {
        return fail(n.source(), k, "must be an array of \"Name: value\" strings or a table of Name = \"value\"");
    }
    place(Field::headers, n, k);
}

// An array of { duration = "30s", target = 100 } tables, or of "30s:100" strings.
void PlanReader::stages(const toml::node& n, const std::string& k) {
    const auto* a = n.as_array();
    if (!a) return fail(n.source(), k, "must be an array of { duration = \"30s\", target = 100 }");
    input().stages.clear();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const toml::node& stage = *a->get(i);
        const std::string key = k + "[" + std::to_string(i) + "]";
        std::string line;
        if (stage.is_string()) {
            line = stage.as_string()->get();
        } else if (const auto* t = stage.as_table()) {
            std::string d, r;
            const toml::node* duration = t->get("duration");
            const toml::node* target = t->get("target");
            if (!duration || !target || t->size() != 2) {
                fail(stage.source(), key, "a stage is { duration = \"30s\", target = 100 }, with those two keys only");
                continue;
            }
            if (!text(*duration, key + ".duration", d, true) || !text(*target, key + ".target", r, true)) continue;
            line = d + ":" + r;
        } else {
            fail(stage.source(), key, "a stage is { duration = \"30s\", target = 100 } or \"30s:100\"");
            continue;
        }
        input().stages.push_back(line);
    }
    place(Field::stages, n, k);
}

void PlanReader::insecure(const toml::node& n, const std::string& k) {
    if (!n.is_boolean()) return fail(n.source(), k, "must be true or false");
    input().insecure = n.as_boolean()->get();
    place(Field::caFile, n, k);
}

void PlanReader::require(const toml::node& n, const std::string& k) {
    const auto* a = n.as_array();
    if (!a) return fail(n.source(), k, "must be an array: [\"p(99)<250ms\", \"error_rate<1%\"]");
    input().thresholds.clear();
    for (std::size_t i = 0; i < a->size(); ++i) threshold(*a->get(i), k + "[" + std::to_string(i) + "]");
    place(Field::thresholds, n, k);
}

// "p(99)<250ms", or { threshold = "...", abort_on_fail = true, delay_abort_eval = "10s" } (k6's).
void PlanReader::threshold(const toml::node& n, const std::string& k) {
    ThresholdInput in;
    if (n.is_string()) {
        in.expression = n.as_string()->get();
    } else if (const auto* t = n.as_table()) {
        for (auto&& [key, value] : *t) {
            const std::string name(key.str()), path = k + "." + name;
            if (name == "threshold") text(value, path, in.expression, false);
            else if (name == "delay_abort_eval") text(value, path, in.abortDelay, true);
            else if (name == "abort_on_fail" && value.is_boolean()) in.abortOnFail = value.as_boolean()->get();
            else if (name == "abort_on_fail") fail(value.source(), path, "must be true or false");
            else fail(key.source(), path, "unknown key (known here: threshold, abort_on_fail, delay_abort_eval)");
        }
        if (!t->contains("threshold")) return fail(n.source(), k, "needs threshold = \"...\"");
    } else {
        return fail(n.source(), k, "must be a string such as \"p(99)<250ms\" or a table with threshold = \"...\"");
    }
    input().thresholds.push_back(in);
}

}  // namespace

PlanRead readPlan(std::string_view text, const std::string& path) {
    PlanRead out;
    const std::filesystem::path file(path);
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(file, ec);
    out.plan.input.baseDir = (ec ? file : absolute).parent_path().string();
    try {
        const toml::table root = toml::parse(text, path);
        PlanReader(out, path).read(root);
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        out.errors.push_back({path, static_cast<int>(where.line), static_cast<int>(where.column), {}, std::string(e.description())});
    } catch (const std::bad_alloc&) {
        out.errors.push_back({path, 0, 0, {}, "the plan is too large to read"});
    }
    return out;
}

PlanRead readPlanFile(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::string message;
    if (ec) message = "cannot read the plan: " + ec.message();
    else if (size > kMaxPlanBytes) message = "the plan is too large (" + std::to_string(size) + " bytes; at most 4 MiB)";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (message.empty() && (!in || (size > 0 && !(text << in.rdbuf())))) message = "cannot read the plan";
    if (!message.empty()) {
        PlanRead out;
        out.errors.push_back({path, 0, 0, {}, message});
        return out;
    }
    return readPlan(text.str(), path);
}

}  // namespace salvo
