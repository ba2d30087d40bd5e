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
    std::string ignored;
    boost::regex pattern;
    if (!spec.bodyRegex.empty() && compileBodyPattern(spec.bodyRegex, pattern, ignored)) check.regex = std::move(pattern);
    return check;
}

void BodyWatch::reset(const ResponseCheck* check) {
    check_ = check;
    // Buffers keep their capacity between responses, unless a large body made them large.
    if (start_.capacity() > (64u << 10)) std::string().swap(start_);
    start_.clear();
    tail_.clear();
    found_ = false;
}

void BodyWatch::feed(std::string_view chunk) {
    if (!check_) return;
    if (check_->regex && start_.size() < kMaxCheckedBodyBytes)
        start_.append(chunk.substr(0, kMaxCheckedBodyBytes - start_.size()));
    const std::string& needle = check_->substring;
    if (needle.empty() || found_) return;
    // The needle may straddle pieces: search the kept tail and this piece together, then keep
    // only what could still begin a match.
    tail_.append(chunk);
    found_ = tail_.find(needle) != std::string::npos;
    if (!found_ && tail_.size() >= needle.size()) tail_.erase(0, tail_.size() - (needle.size() - 1));
}

bool BodyWatch::expectedStatus(int status) const {
    if (!check_) return false;
    return std::any_of(check_->statuses.begin(), check_->statuses.end(),
                       [&](const StatusRange& r) { return status >= r.first && status <= r.last; });
}

const std::string* BodyWatch::verdict(int status) const {
    static const std::string unexpectedStatus = "the status was not one of the expected";
    static const std::string noText = "the body does not contain the expected text";
    static const std::string noMatch = "the body does not match the expected pattern";
    static const std::string tooCostly = "the body pattern was too costly to match";
    if (!check_) return nullptr;
    if (!check_->statuses.empty() && !expectedStatus(status)) return &unexpectedStatus;
    if (!check_->substring.empty() && !found_) return &noText;
    if (!check_->regex) return nullptr;
    try {
        return boost::regex_search(start_, *check_->regex) ? nullptr : &noMatch;
    } catch (const std::exception&) {  // Boost.Regex gives up on patterns too costly to run
        return &tooCostly;
    }
}

}  // namespace salvo
