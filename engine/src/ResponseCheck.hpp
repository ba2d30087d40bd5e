#pragma once

#include <boost/regex.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// The checks on responses (k6's check) as the engine runs them: built once per run from
// RunSpec::check and shared read-only by every connection.
struct ResponseCheck {
    std::vector<StatusRange> statuses;  // empty: the default rule (status < 400 passes)
    std::string substring;              // the body must contain it (empty: not checked)
    std::optional<boost::regex> regex;  // the body must match it somewhere

    bool checksBody() const { return !substring.empty() || regex.has_value(); }
    bool active() const { return !statuses.empty() || checksBody(); }
};

// The engine's form of the checks; the pattern was compiled once already by validate().
ResponseCheck makeResponseCheck(const CheckSpec& spec);

// Compiles a body pattern; false with a message when it is not a valid regular expression.
bool compileBodyPattern(const std::string& text, boost::regex& out, std::string& message);

// A regex check sees the start of the body, up to this much: enough for an API's answer, and
// a bound on memory and matching time per response (a connection keeps at most this much).
inline constexpr std::size_t kMaxCheckedBodyBytes = 256u << 10;

// Watches one response's body for what the check needs, and no further: a substring is
// searched as the body streams by (keeping only a needle's length of it), a regular expression
// gets the first kMaxCheckedBodyBytes. One per connection, reset per response; its buffers are
// reused (a large one is let go), so steady state allocates nothing.
class BodyWatch {
public:
    void reset(const ResponseCheck* check);
    void feed(std::string_view chunk);
    // Why the response fails the check (status first, then body), or null when it passes. The
    // messages are few and fixed: a failing response allocates no text.
    const std::string* verdict(int status) const;
    // Whether `status` is one the check expects (so a 404 expected is a success).
    bool expectedStatus(int status) const;

private:
    const ResponseCheck* check_ = nullptr;
    std::string tail_;    // the last needle-length bytes: where a match may begin
    std::string start_;   // the body's first kMaxCheckedBodyBytes, for the regex
    bool found_ = false;
};

}  // namespace salvo
