#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "Subprocess.hpp"

namespace salvo::test {

// A real nghttpd (Debian's /usr/sbin/nghttpd, nghttp2 1.52) on 127.0.0.1, started by the test that
// needs it. It speaks HTTP/2 only: h2c with prior knowledge, or TLS with pki()'s good certificate
// (ALPN offers h2 only). Its docroot holds index.html ("ok\n", also served for "/") and big.bin
// (1 MiB of 'x'); other paths get 404. It keeps no access log, so it runs with -v and the
// counts below come from its frame log.
class Nghttpd {
public:
    struct Options {
        bool tls = false;
        std::optional<int> maxConcurrentStreams;  // -m: SETTINGS_MAX_CONCURRENT_STREAMS (nghttpd's default 100)
        std::optional<int> windowBits;            // -w N: each stream's initial window is 2^N-1 (default 16)
        std::optional<int> connectionWindowBits;  // -W N: the connection's window is 2^N-1 (default 16)
        bool echoUpload = false;                  // --echo-upload: a POST or PUT, any path, gets its body back
    };
    static constexpr std::size_t bigFileSize = 1 << 20;  // big.bin

    Nghttpd() : Nghttpd(Options{}) {}
    explicit Nghttpd(const Options& options);
    ~Nghttpd();
    Nghttpd(const Nghttpd&) = delete;
    Nghttpd& operator=(const Nghttpd&) = delete;

    std::string url(const std::string& path = "/") const;  // http(s)://127.0.0.1:PORT/path
    // The requests nghttpd received (streams the client opened with HEADERS), once there are at
    // least `expected`; waits at most 10 s for them, then returns what there is.
    std::uint64_t requestsSeen(std::uint64_t expected = 0) const;
    // The most streams one connection had open at once by the frame log: from the request's
    // HEADERS to the END_STREAM nghttpd sent, or a RST_STREAM either way. Streams nghttp2 refused
    // for exceeding -m never show as open (they show as RST_STREAM REFUSED_STREAM only).
    std::size_t maxConcurrentSeen() const;
    std::string frameLog() const;  // nghttpd's -v output, for a failing test to print

private:
    std::string dir_;
    bool tls_ = false;
    std::uint16_t port_ = 0;
    std::unique_ptr<Subprocess> process_;
};

}  // namespace salvo::test
