#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace salvo {

// Typed reads from one JSON object, for documents Salvo wrote and a person may have edited or
// broken. The first problem is kept, with the key's path ("requests.succeeded: ..."), and later
// reads do nothing, so a reader can read every field and check once. Nothing throws.
class JsonFields {
public:
    JsonFields(const boost::json::object* object, std::string path, std::string& error)
        : object_(object), path_(std::move(path)), error_(error) {}

    bool ok() const { return error_.empty(); }
    bool has(const char* key) const { return object_ && object_->if_contains(key); }
    void fail(const std::string& key, const std::string& what) {
        if (error_.empty()) error_ = (path_.empty() ? key : path_ + "." + key) + ": " + what;
    }

    // Required: a missing key is an error. Optional: a missing key (or null) leaves `out` as it was.
    template <class T> void need(const char* key, T& out) { read(key, out, true); }
    template <class T> void maybe(const char* key, T& out) { read(key, out, false); }

    // A nested object or array; null (and an error, when required) if missing or of another type.
    JsonFields child(const char* key, bool required = true) {
        const boost::json::value* v = find(key, required);
        if (v && !v->is_object()) fail(key, "expected an object");
        return JsonFields(v && v->is_object() ? &v->get_object() : nullptr, path(key), error_);
    }
    const boost::json::array* array(const char* key, bool required = true) {
        const boost::json::value* v = find(key, required);
        if (v && !v->is_array()) fail(key, "expected an array");
        return v && v->is_array() ? &v->get_array() : nullptr;
    }
    // Calls read(JsonFields) for each object of the array at `key` (optional unless `required`),
    // until the first problem.
    template <class Read>
    void each(const char* key, Read read, bool required = false) {
        const boost::json::array* items = array(key, required);
        for (std::size_t i = 0; items && i < items->size() && ok(); ++i) read(element(*items, i, key));
    }

    // Element i of an array read with array(key): an object, or an error naming "key[i]".
    JsonFields element(const boost::json::array& items, std::size_t i, const char* key) {
        const std::string name = std::string(key) + "[" + std::to_string(i) + "]";
        const boost::json::object* item = items.at(i).if_object();
        if (!item) fail(name, "expected an object");
        return JsonFields(item, path(name), error_);
    }
    const boost::json::object* object() const { return object_; }
    std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

private:
    const boost::json::value* find(const char* key, bool required) {
        if (!ok() || !object_) return nullptr;
        const boost::json::value* v = object_->if_contains(key);
        if ((!v || v->is_null()) && required) fail(key, "missing");
        return v && !v->is_null() ? v : nullptr;
    }
    static bool number(const boost::json::value& v, double& out) {
        if (v.is_double()) out = v.get_double();
        else if (v.is_int64()) out = static_cast<double>(v.get_int64());
        else if (v.is_uint64()) out = static_cast<double>(v.get_uint64());
        else return false;
        return std::isfinite(out);
    }
    void read(const char* key, double& out, bool required) {
        const auto* v = find(key, required);
        if (v && !number(*v, out)) fail(key, "expected a number");
    }
    void read(const char* key, std::uint64_t& out, bool required) {
        const auto* v = find(key, required);
        if (!v) return;
        if (v->is_uint64()) out = v->get_uint64();
        else if (v->is_int64() && v->get_int64() >= 0) out = static_cast<std::uint64_t>(v->get_int64());
        else if (v->is_double() && v->get_double() >= 0 && v->get_double() < 1.8e19 &&
                 std::floor(v->get_double()) == v->get_double())
            out = static_cast<std::uint64_t>(v->get_double());
        else fail(key, "expected a whole number, 0 or more");
    }
    void read(const char* key, std::uint32_t& out, bool required) {
        std::uint64_t wide = out;
        read(key, wide, required);
        if (wide > std::numeric_limits<std::uint32_t>::max()) fail(key, "too large");
        else out = static_cast<std::uint32_t>(wide);
    }
    void read(const char* key, std::string& out, bool required) {
        const auto* v = find(key, required);
        if (v && !v->is_string()) fail(key, "expected a string");
        else if (v) out = std::string(v->get_string());
    }
    void read(const char* key, bool& out, bool required) {
        const auto* v = find(key, required);
        if (v && !v->is_bool()) fail(key, "expected true or false");
        else if (v) out = v->get_bool();
    }

    const boost::json::object* object_;
    std::string path_;
    std::string& error_;
};

}  // namespace salvo
