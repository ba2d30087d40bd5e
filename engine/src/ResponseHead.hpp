#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace salvo {

// The response head a load test sees again and again, read in one pass without Beast's parser:
// "HTTP/1.1", a final status with a body (200-599 but 204 and 304), strict field syntax, a
// Content-Length, no Transfer-Encoding. Beast's basic_parser spends about 4,000 instructions on
// nginx's 230-byte head (a field-name lookup and a list parse per field); this is a table-driven
// scan of the bytes.
//
// It is only a fast path: whatever else it meets (an incomplete head, HTTP/1.0, 1xx, chunked, a
// folded or odd field, a second Content-Length, a head over the limit) it answers `other` and the
// caller reads that response with Beast as before, so every error and corner keeps Beast's
// answer. A head it does accept, Beast accepts with the same status, length, keep-alive and
// Location (FuzzResponse checks exactly that on every input).
struct QuickHead {
    int status = 0;
    std::uint64_t contentLength = 0;
    bool keepAlive = true;    // HTTP/1.1 without Connection: close
    std::size_t size = 0;     // bytes of the head, up to and including the empty line
};

// `bytes`: what has arrived of the response so far. `limit`: the longest head accepted (as
// Beast's header_limit). `location`: when not null, receives the Location field's value (cleared
// when there is none). True: `head` holds the head, which is bytes[0, head.size).
bool scanQuickHead(std::string_view bytes, std::size_t limit, QuickHead& head, std::string* location);

// The head read last (by any connection of a worker), and how it read. Servers answer a repeated
// request with byte-identical heads (nginx's differ only in Date, once a second), so one
// comparison of the bytes usually replaces the scan: equal bytes read the same (the scan looks at
// nothing past a head's empty line). Without Location: a run that follows redirects scans every head.
class QuickHeadCache {
public:
    // As scanQuickHead(bytes, limit, head, nullptr).
    bool read(std::string_view bytes, std::size_t limit, QuickHead& head);
    std::uint64_t hits() const { return hits_; }  // reads answered by the comparison

private:
    static constexpr std::size_t kMaxBytes = 1024;  // longer heads are scanned every time
    std::string bytes_;  // the last head the scan accepted
    QuickHead head_;
    std::uint64_t hits_ = 0;
};

}  // namespace salvo
