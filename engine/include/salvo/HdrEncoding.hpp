#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "salvo/LatencyHistogram.hpp"

namespace salvo {

// HdrHistogram's V2 encoding, so other HdrHistogram implementations (Java, JavaScript, C, Go,
// Rust) read Salvo's histograms. LatencyHistogram's buckets are exactly those of an HdrHistogram
// with lowest discernible value 1, highest trackable value kMaxValue and 3 significant digits,
// so the counts travel bucket for bucket. The compressed form is the one HdrHistogram's
// interval logs carry ("HISTFAAA..." once in base64).
std::string encodeHdr(const LatencyHistogram& histogram);            // V2, uncompressed (binary)
std::string encodeHdrCompressed(const LatencyHistogram& histogram);  // V2 compressed (zlib, binary)
std::string encodeHdrBase64(const LatencyHistogram& histogram);      // base64 of the compressed form
// The compressed form of an empty histogram, made once: a second without responses has one.
const std::string& emptyHdrCompressed();

struct HdrDecoded {
    std::optional<LatencyHistogram> histogram;  // set on success
    std::string error;                          // why not, when unset
};
// Reads the V2 encoding, compressed or not (binary), or its base64 (decodeHdrBase64). Refuses
// what Salvo's buckets cannot hold exactly (another precision or unit) with a message; never
// throws. The histogram's min and max are its buckets' bounds and its mean their middles until
// LatencyHistogram::restoreExact() sets the exact figures a record keeps beside it.
HdrDecoded decodeHdr(std::string_view bytes);
HdrDecoded decodeHdrBase64(std::string_view text);

std::string base64Encode(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);  // nullopt: not base64

}  // namespace salvo
