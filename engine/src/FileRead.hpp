#pragma once

#include <cstdint>
#include <string>

namespace salvo {

// Reads a whole regular file of at most `maxBytes` into `content`; refuses anything else (a
// directory, FIFO, device, an empty file) without reading or blocking on it. `problem` then ends
// a sentence that names the file: "is a directory, not a file".
// With `read` false, only the checks: `content` is left as it was.
bool readRegularFile(const std::string& path, std::uint64_t maxBytes, std::string& content, std::string& problem,
                     bool read = true);

// `path`, or `baseDir`/`path` when it is relative and a base is given (a plan's folder).
std::string inBaseDir(const std::string& path, const std::string& baseDir);

}  // namespace salvo
