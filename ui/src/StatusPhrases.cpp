#include "StatusPhrases.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace salvo::ui {
namespace {

// Sorted by code for a binary search. The phrases servers send are free text; these are the
// registered ones (IANA HTTP Status Code Registry), which is what a reader expects to see.
constexpr std::array<std::pair<int, const char*>, 51> kPhrases{{
    {100, "Continue"}, {101, "Switching Protocols"}, {103, "Early Hints"},
    {200, "OK"}, {201, "Created"}, {202, "Accepted"}, {203, "Non-Authoritative Information"},
    {204, "No Content"}, {205, "Reset Content"}, {206, "Partial Content"},
    {300, "Multiple Choices"}, {301, "Moved Permanently"}, {302, "Found"}, {303, "See Other"},
    {304, "Not Modified"}, {307, "Temporary Redirect"}, {308, "Permanent Redirect"},
    {400, "Bad Request"}, {401, "Unauthorized"}, {402, "Payment Required"}, {403, "Forbidden"},
    {404, "Not Found"}, {405, "Method Not Allowed"}, {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"}, {408, "Request Timeout"}, {409, "Conflict"},
    {410, "Gone"}, {411, "Length Required"}, {412, "Precondition Failed"},
    {413, "Content Too Large"}, {414, "URI Too Long"}, {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"}, {417, "Expectation Failed"}, {418, "I'm a teapot"},
    {421, "Misdirected Request"}, {422, "Unprocessable Content"}, {425, "Too Early"},
    {426, "Upgrade Required"}, {428, "Precondition Required"}, {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"}, {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"},
    {503, "Service Unavailable"}, {504, "Gateway Timeout"}, {505, "HTTP Version Not Supported"},
    {511, "Network Authentication Required"},
}};

}  // namespace

QString statusPhrase(int code) {
    const auto found = std::lower_bound(kPhrases.begin(), kPhrases.end(), code,
                                        [](const auto& entry, int c) { return entry.first < c; });
    if (found == kPhrases.end() || found->first != code) return {};
    return QString::fromLatin1(found->second);
}

QString statusWithPhrase(int code) {
    const QString phrase = statusPhrase(code);
    return phrase.isEmpty() ? QString::number(code) : QStringLiteral("%1 %2").arg(code).arg(phrase);
}

}  // namespace salvo::ui
