#include "ResponseCheck.hpp"

#include <algorithm>

namespace salvo {

bool compileBodyPattern(const std::string& text, boost::regex& out, std::string& message) {
    try {
        out.assign(text, boost::regex::perl);
        return true;
    } catch (const boost::regex_error& e) {
        message = std::string("the body pattern is not a valid regular expression: ") + e.what();
        return false;
    } catch (const std::bad_alloc&) {
        message = "the body pattern is too large";
        return false;
    }
}

ResponseCheck makeResponseCheck(const CheckSpec& spec) {
    ResponseCheck check;
    check.statuses = spec.statuses;
    check.substring = spec.bodyContains;
    check.regexText = spec.bodyRegex;
    std::string ignored;
    boost::regex pattern;
    if (!spec.bodyRegex.empty() && compileBodyPattern(spec.bodyRegex, pattern, ignored)) check.regex = std::move(pattern);
    return check;
}

void BodyWatch::reset(const ResponseCheck* check) {
    check_ = check;
    kept_.clear();  // keeps its capacity: no allocation per response
    found_ = false;
}

void BodyWatch::feed(std::string_view chunk) {
    if (!check_ || !check_->checksBody()) return;
    if (check_->regex) {
        const std::size_t room = kMaxCheckedBodyBytes - std::min(kMaxCheckedBodyBytes, kept_.size());
        kept_.append(chunk.substr(0, room));
    }
    const std::string& needle = check_->substring;
    if (needle.empty() || found_ || check_->regex) return;
    // The needle may straddle chunks: search the kept tail and this chunk together, then keep
    // only what could still begin a match.
    kept_.append(chunk);
    found_ = kept_.find(needle) != std::string::npos;
    if (!found_ && kept_.size() >= needle.size()) kept_.erase(0, kept_.size() - (needle.size() - 1));
}

bool BodyWatch::expectedStatus(int status) const {
    if (!check_) return false;
    return std::any_of(check_->statuses.begin(), check_->statuses.end(),
                       [&](const StatusRange& r) { return status >= r.first && status <= r.last; });
}

std::optional<std::string> BodyWatch::verdict(int status) const {
    if (!check_) return std::nullopt;
    if (!check_->statuses.empty() && !expectedStatus(status)) return "status " + std::to_string(status) + " was not expected";
    if (!check_->substring.empty()) {
        // With a regex too, the substring is looked for in what the regex kept.
        const bool has = check_->regex ? kept_.find(check_->substring) != std::string::npos : found_;
        if (!has) return "the body does not contain the expected text";
    }
    if (check_->regex) {
        try {
            if (!boost::regex_search(kept_, *check_->regex)) return "the body does not match the expected pattern";
        } catch (const std::runtime_error&) {  // Boost.Regex gives up on patterns too costly to run
            return "the body pattern was too costly to match";
        }
    }
    return std::nullopt;
}

}  // namespace salvo
