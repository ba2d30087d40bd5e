#include "salvo/HdrEncoding.hpp"

#include <zlib.h>

#include <array>
#include <bit>
#include <cstring>
#include <limits>

namespace salvo {
namespace {

// HdrHistogram's V2 cookies (AbstractHistogram.java); bits 0xf0 carry the word size, and Java
// writes 0x10 there ("LSBit of wordsize byte indicates TLZE encoding"): readers mask them off.
constexpr std::uint32_t kV2Cookie = 0x1c849303;
constexpr std::uint32_t kV2CompressedCookie = 0x1c849304;
constexpr std::uint32_t kWordSizeBits = 0x10;
constexpr std::uint32_t kCookieMask = ~std::uint32_t{0xf0};
constexpr std::size_t kHeaderBytes = 40;
// The histogram LatencyHistogram is, in HdrHistogram's terms.
constexpr std::int32_t kSignificantDigits = 3;
constexpr std::int64_t kLowestDiscernible = 1;
// Past the bucket of the largest 64-bit value (HdrHistogram writers with a larger highest value
// than Salvo's hour may use them; Salvo adds those counts to its last bucket, as record() clamps).
constexpr std::size_t kMaxIndex = 64 * 1024;
// The largest encoding of that many counters (9 bytes each): a bound on inflating.
constexpr std::size_t kMaxDecodedBytes = kHeaderBytes + kMaxIndex * 9;

void putBigEndian(std::string& out, std::uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

std::uint64_t getBigEndian(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(in[at + i]);
    return value;
}

// ZigZag LEB128 as HdrHistogram's ZigZagEncoding.putLong: 7 bits a byte, the ninth byte whole.
void putZigZag(std::string& out, std::int64_t signedValue) {
    std::uint64_t value = (static_cast<std::uint64_t>(signedValue) << 1) ^ static_cast<std::uint64_t>(signedValue >> 63);
    for (int i = 0; i < 8; ++i) {
        if ((value >> 7) == 0) {
            out.push_back(static_cast<char>(value));
            return;
        }
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

bool getZigZag(std::string_view in, std::size_t& at, std::int64_t& result) {
    std::uint64_t value = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= in.size()) return false;
        const auto byte = static_cast<unsigned char>(in[at++]);
        if (i == 8) {
            value |= std::uint64_t{byte} << 56;
            break;
        }
        value |= std::uint64_t{byte & 0x7fu} << (7 * i);
        if ((byte & 0x80) == 0) break;
    }
    result = static_cast<std::int64_t>((value >> 1) ^ (~(value & 1) + 1));
    return true;
}

// The counts from bucket 0 to the highest used, a run of zeros as its negated length.
std::string encodePayload(const LatencyHistogram& h) {
    std::string payload;
    if (h.empty()) return payload;
    const std::size_t limit = LatencyHistogram::bucketIndex(h.max()) + 1;
    for (std::size_t i = 0; i < limit;) {
        const std::uint64_t count = h.countAt(i++);
        if (count != 0) {
            putZigZag(payload, static_cast<std::int64_t>(count));
            continue;
        }
        std::int64_t zeros = 1;
        while (i < limit && h.countAt(i) == 0) ++zeros, ++i;
        putZigZag(payload, zeros > 1 ? -zeros : 0);
    }
    return payload;
}

HdrDecoded failure(std::string message) { return {std::nullopt, "not an HdrHistogram V2 encoding: " + std::move(message)}; }

HdrDecoded decodePayload(std::string_view payload) {
    LatencyHistogram h;
    const std::size_t limit = LatencyHistogram::bucketIndex(LatencyHistogram::kMaxValue) + 1;
    std::size_t index = 0;
    std::uint64_t total = 0;
    for (std::size_t at = 0; at < payload.size();) {
        std::int64_t value = 0;
        if (!getZigZag(payload, at, value)) return failure("the counts end in the middle of a number");
        // Every token moves the index on, and the index has a bound: so does the work, whatever
        // a small, well-compressed input claims.
        if (value < -static_cast<std::int64_t>(kMaxIndex) || index >= kMaxIndex)
            return failure("counts past the largest value a 64-bit histogram holds");
        if (value < 0) {
            index += static_cast<std::size_t>(-value);
            continue;
        }
        const auto count = static_cast<std::uint64_t>(value);
        if (count > std::numeric_limits<std::uint64_t>::max() - total) return failure("the counts add up past 2^64");
        total += count;
        // Values above Salvo's hour land in its last bucket, as record() clamps them.
        if (count > 0) h.addToBucket(std::min(index, limit - 1), count);
        ++index;
    }
    return {std::move(h), {}};
}

HdrDecoded decodeUncompressed(std::string_view in) {
    if (in.size() < kHeaderBytes) return failure("shorter than its header");
    if ((getBigEndian(in, 0, 4) & kCookieMask) != kV2Cookie) return failure("wrong cookie");
    const std::uint64_t length = getBigEndian(in, 4, 4);
    if (length > in.size() - kHeaderBytes) return failure("the payload is shorter than its header says");
    // Bytes 8-11, the normalizing index offset, are ignored as HdrHistogram's own readers do
    // (hdr-histogram-js writes 1 there; the counts are never shifted in V2 encodings).
    const auto digits = static_cast<std::int32_t>(getBigEndian(in, 12, 4));
    const auto lowest = static_cast<std::int64_t>(getBigEndian(in, 16, 8));
    if (digits != kSignificantDigits || lowest != kLowestDiscernible)
        return {std::nullopt, "an HdrHistogram with " + std::to_string(digits) + " significant digits and lowest value " +
                                  std::to_string(lowest) + ": Salvo reads 3 digits from 1 (ns)"};
    return decodePayload(in.substr(kHeaderBytes, length));
}

std::optional<std::string> inflateBounded(std::string_view in) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return std::nullopt;
    std::string out(kMaxDecodedBytes, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    const std::size_t produced = stream.total_out;
    inflateEnd(&stream);
    if (status != Z_STREAM_END) return std::nullopt;
    out.resize(produced);
    return out;
}

}  // namespace

std::string encodeHdr(const LatencyHistogram& histogram) {
    const std::string payload = encodePayload(histogram);
    std::string out;
    out.reserve(kHeaderBytes + payload.size());
    putBigEndian(out, kV2Cookie | kWordSizeBits, 4);
    putBigEndian(out, payload.size(), 4);
    putBigEndian(out, 0, 4);  // normalizing index offset
    putBigEndian(out, kSignificantDigits, 4);
    putBigEndian(out, kLowestDiscernible, 8);
    putBigEndian(out, LatencyHistogram::kMaxValue, 8);
    putBigEndian(out, std::bit_cast<std::uint64_t>(1.0), 8);  // integer-to-double ratio
    return out + payload;
}

std::string encodeHdrCompressed(const LatencyHistogram& histogram) {
    const std::string plain = encodeHdr(histogram);
    uLongf size = compressBound(static_cast<uLong>(plain.size()));
    std::string out(8 + size, '\0');
    // compress2 fails only without memory; the uncompressed encoding is still V2 and readable.
    if (compress2(reinterpret_cast<Bytef*>(out.data() + 8), &size, reinterpret_cast<const Bytef*>(plain.data()),
                  static_cast<uLong>(plain.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        return plain;
    out.resize(8 + size);
    std::string header;
    putBigEndian(header, kV2CompressedCookie | kWordSizeBits, 4);
    putBigEndian(header, size, 4);
    out.replace(0, 8, header);
    return out;
}

std::string encodeHdrBase64(const LatencyHistogram& histogram) { return base64Encode(encodeHdrCompressed(histogram)); }

const std::string& emptyHdrCompressed() {
    static const std::string empty = encodeHdrCompressed(LatencyHistogram{});
    return empty;
}

HdrDecoded decodeHdr(std::string_view bytes) {
    if (bytes.size() < 8) return failure("too short");
    const std::uint32_t cookie = static_cast<std::uint32_t>(getBigEndian(bytes, 0, 4)) & kCookieMask;
    if (cookie == kV2Cookie) return decodeUncompressed(bytes);
    if (cookie != kV2CompressedCookie) return failure("wrong cookie (V2 starts \"HISTF\" in base64)");
    const std::uint64_t length = getBigEndian(bytes, 4, 4);
    if (length > bytes.size() - 8) return failure("the compressed data is shorter than its header says");
    const auto plain = inflateBounded(bytes.substr(8, length));
    if (!plain) return failure("its compressed data does not inflate");
    return decodeUncompressed(*plain);
}

HdrDecoded decodeHdrBase64(std::string_view text) {
    const auto bytes = base64Decode(text);
    if (!bytes) return failure("not base64");
    return decodeHdr(*bytes);
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
    const char* at = std::strchr(kAlphabet, c);
    return c != '\0' && at ? static_cast<int>(at - kAlphabet) : -1;
}
}  // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t group = 0;
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        for (std::size_t k = 0; k < 3; ++k)
            group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k) out.push_back(k <= n ? kAlphabet[(group >> (18 - 6 * k)) & 63] : '=');
    }
    return out;
}

// Standard alphabet with padding, as HdrHistogram's logs write it.
std::optional<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
        if (pad == 1 && text[i + 2] == '=') return std::nullopt;
        std::uint32_t group = 0;
        for (int k = 0; k < 4; ++k) {
            const int v = k >= 4 - pad ? 0 : sextet(text[i + k]);
            if (v < 0) return std::nullopt;
            group = (group << 6) | static_cast<std::uint32_t>(v);
        }
        for (int k = 0; k < 3 - pad; ++k) out.push_back(static_cast<char>((group >> (16 - 8 * k)) & 0xff));
    }
    return out;
}

}  // namespace salvo
