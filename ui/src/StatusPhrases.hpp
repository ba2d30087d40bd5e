#pragma once

#include <QString>

namespace salvo::ui {

// The reason phrase of a common HTTP status code (RFC 9110 and friends), e.g. "Service
// Unavailable" for 503; empty for a code not in the table.
QString statusPhrase(int code);
// "503 Service Unavailable", or just "599" when the phrase is unknown.
QString statusWithPhrase(int code);

}  // namespace salvo::ui
