#include "ResponseHead.hpp"

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace salvo {
namespace {

// Character classes, as Beast's parser has them: a field name is a token (RFC 9110 5.6.2); a
// reason phrase or field value is any byte but a control, save HTAB (obs-text included).
enum : unsigned char { kToken = 1, kText = 2 };

constexpr std::array<unsigned char, 256> makeClasses() {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool text = (c >= 0x20 && c != 0x7f) || c == '\t';
        const bool token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           std::string_view("!#$%&'*+-.^_`|~").find(char(c)) != std::string_view::npos;
        t[c] = (text ? kText : 0) | (token ? kToken : 0);
    }
    return t;
}
constexpr auto kClass = makeClasses();

bool is(char c, unsigned char cls) { return kClass[static_cast<unsigned char>(c)] & cls; }

// Where the head's empty line ends (just past CRLFCRLF), or null when it has not all come.
const char* headEnd(const char* p, const char* end) {
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n');
    for (; end - p >= 16 + 2; p += 16) {  // the LF's neighbours, two ahead, are inside the bytes
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), lf)));
        for (; mask; mask &= mask - 1) {
            const char* at = p + __builtin_ctz(mask);
            if (at[-1] == '\r' && at[1] == '\r' && at[2] == '\n') return at + 3;  // at > start: "HTTP/1.1 " precedes
        }
    }
#endif
    for (; end - p >= 3; ++p)
        if (p[0] == '\n' && p[-1] == '\r' && p[1] == '\r' && p[2] == '\n') return p + 3;
    return nullptr;
}

// `name` (a token or a field value) equals `lower` (lower case letters and '-') ignoring case.
bool named(std::string_view name, std::string_view lower) {
    if (name.size() != lower.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if ((name[i] | 0x20) != lower[i]) return false;  // only letters fold onto these (no CR in either)
    return true;
}

// Advances `p` past text up to CRLF; false at any other control byte or the end of the bytes.
// Sixteen bytes at a time where SSE2 is there (every x86-64): a value is most of a head's bytes.
bool lineEnd(const char*& p, const char* end) {
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
    while (end - p >= 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // Controls: bytes equal to their minimum with 0x1f (unsigned), and DEL.
        const __m128i controls = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, below), x), _mm_cmpeq_epi8(x, del));
        const int mask = _mm_movemask_epi8(controls);
        if (mask == 0) {
            p += 16;
            continue;
        }
        p += __builtin_ctz(static_cast<unsigned>(mask));
        if (*p != '\t') break;
        ++p;  // HTAB is text; go on from the byte after it
    }
#endif
    while (p < end && is(*p, kText)) ++p;
    return end - p >= 2 && p[0] == '\r' && p[1] == '\n';
}

bool digits(std::string_view v, std::uint64_t& n) {
    if (v.empty() || v.size() > 18) return false;
    n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + std::uint64_t(c - '0');
    }
    return true;
}

enum class Field { ok, other };

// The fields the framing depends on. Anything that would make the head mean more than a status,
// a length and keep-alive or close goes to Beast.
Field onField(std::string_view name, std::string_view value, QuickHead& head, bool& sawLength,
              std::string* location) {
    switch (name.size()) {  // most fields are none of these, and their length says so
        case 14:
            if (!named(name, "content-length")) break;
            if (sawLength || !digits(value, head.contentLength)) return Field::other;
            sawLength = true;
            break;
        case 10:
            if (!named(name, "connection")) break;
            if (named(value, "close")) head.keepAlive = false;
            else if (!named(value, "keep-alive")) return Field::other;
            break;
        case 17: return named(name, "transfer-encoding") ? Field::other : Field::ok;
        case 16: return named(name, "proxy-connection") ? Field::other : Field::ok;
        case 7: return named(name, "upgrade") ? Field::other : Field::ok;
        case 8:
            if (location && named(name, "location")) location->assign(value.data(), value.size());
            break;
    }
    return Field::ok;
}

}  // namespace

bool scanQuickHead(std::string_view bytes, std::size_t limit, QuickHead& head, std::string* location) {
    constexpr std::string_view kVersion = "HTTP/1.1 ";
    const char* p = bytes.data();
    if (bytes.size() < kVersion.size() + 4 || bytes.substr(0, kVersion.size()) != kVersion) return false;
    p += kVersion.size();
    // From here on the head is known to end in CRLFCRLF: the scans below stop at its CR.
    const char* const end = headEnd(p, bytes.data() + bytes.size());
    if (!end || std::size_t(end - bytes.data()) >= limit) return false;
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9' || p[3] != ' ') return false;
    head = QuickHead{};
    head.status = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    if (head.status < 200 || head.status > 599 || head.status == 204 || head.status == 304) return false;
    p += 4;
    if (!lineEnd(p, end)) return false;
    p += 2;
    if (location) location->clear();
    bool sawLength = false;
    for (;;) {
        if (p[0] == '\r') {
            if (p[1] != '\n') return false;
            head.size = std::size_t(p + 2 - bytes.data());
            return sawLength;
        }
        const char* const name = p;
        while (is(*p, kToken)) ++p;
        if (p == name || *p != ':') return false;
        const std::string_view fieldName(name, std::size_t(p - name));
        ++p;
        while (*p == ' ' || *p == '\t') ++p;
        const char* const value = p;
        if (!lineEnd(p, end)) return false;
        const char* last = p;
        while (last > value && (last[-1] == ' ' || last[-1] == '\t')) --last;
        p += 2;
        if (p < end && (*p == ' ' || *p == '\t')) return false;  // obs-fold
        if (onField(fieldName, {value, std::size_t(last - value)}, head, sawLength, location) == Field::other)
            return false;
    }
}

bool QuickHeadCache::read(std::string_view bytes, std::size_t limit, QuickHead& head) {
    if (!bytes_.empty() && head_.size < limit && bytes.substr(0, bytes_.size()) == bytes_) {
        head = head_;
        ++hits_;
        return true;
    }
    if (!scanQuickHead(bytes, limit, head, nullptr)) return false;
    if (head.size <= kMaxBytes) {
        bytes_.assign(bytes.data(), head.size);
        head_ = head;
    }
    return true;
}

}  // namespace salvo
