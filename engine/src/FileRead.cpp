#include "FileRead.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace salvo {

bool readRegularFile(const std::string& path, std::uint64_t maxBytes, std::string& content, std::string& problem,
                     bool read) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        problem = std::string("cannot be read: ") + std::strerror(errno);
        return false;
    }
    struct stat info {};
    bool ok = ::fstat(fd, &info) == 0;
    if (!ok) problem = std::string("cannot be read: ") + std::strerror(errno);
    else if (S_ISDIR(info.st_mode)) problem = "is a directory, not a file", ok = false;
    else if (!S_ISREG(info.st_mode)) problem = "is not a regular file (a pipe, device or socket)", ok = false;
    else if (info.st_size == 0) problem = "is empty", ok = false;
    else if (static_cast<std::uint64_t>(info.st_size) > maxBytes)
        problem = "is too large (" + std::to_string(info.st_size) + " bytes, at most " + std::to_string(maxBytes) + ")", ok = false;
    if (ok && read) {
        try {
            content.resize(static_cast<std::size_t>(info.st_size));
        } catch (const std::bad_alloc&) {
            problem = "is too large to hold in memory";
            ::close(fd);
            return false;
        }
        std::size_t got = 0;
        while (got < content.size()) {
            const ssize_t n = ::read(fd, content.data() + got, content.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        content.resize(got);
    }
    ::close(fd);
    return ok;
}

std::string inBaseDir(const std::string& path, const std::string& baseDir) {
    if (path.empty() || path.front() == '/' || baseDir.empty()) return path;
    return baseDir + "/" + path;
}

}  // namespace salvo
