#include "Nghttpd.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "LocalPort.hpp"
#include "TestPki.hpp"

namespace salvo::test {
namespace {

// One frame line of nghttpd -v:
// "[id=1] [  0.312] recv HEADERS frame <length=33, flags=0x05, stream_id=1>".
struct FrameLine {
    int connection = 0;
    bool sent = false;
    std::string type;
    unsigned flags = 0;
    int stream = 0;
};

std::optional<FrameLine> parseFrameLine(const std::string& line) {
    const auto frame = line.find(" frame <length=");
    const auto flags = line.find("flags=0x");
    const auto stream = line.find("stream_id=");
    if (line.rfind("[id=", 0) != 0 || frame == std::string::npos || flags == std::string::npos ||
        stream == std::string::npos)
        return std::nullopt;
    const auto type = line.rfind(' ', frame - 1) + 1;
    FrameLine f;
    f.connection = std::stoi(line.substr(4));
    f.sent = line.compare(type - 5, 4, "send") == 0;
    f.type = line.substr(type, frame - type);
    f.flags = static_cast<unsigned>(std::stoul(line.substr(flags + 8), nullptr, 16));
    f.stream = std::stoi(line.substr(stream + 10));
    return f;
}

std::vector<FrameLine> frameLines(const std::string& log) {
    std::vector<FrameLine> frames;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (auto f = parseFrameLine(line)) frames.push_back(*f);
    return frames;
}

bool opensStream(const FrameLine& f) { return !f.sent && f.type == "HEADERS"; }

bool closesStream(const FrameLine& f) {
    constexpr unsigned endStream = 0x01;
    return f.type == "RST_STREAM" || (f.sent && (f.type == "HEADERS" || f.type == "DATA") && (f.flags & endStream));
}

std::uint64_t countRequests(const std::string& log) {
    std::set<std::pair<int, int>> streams;  // a trailer is a second HEADERS on the same stream
    for (const auto& f : frameLines(log))
        if (opensStream(f)) streams.emplace(f.connection, f.stream);
    return streams.size();
}

void writeDocroot(const std::string& dir) {
    std::ofstream(dir + "/index.html") << "ok\n";
    std::ofstream(dir + "/big.bin") << std::string(Nghttpd::bigFileSize, 'x');
}

std::vector<std::string> arguments(const Nghttpd::Options& options, const std::string& docroot, std::uint16_t port) {
    std::vector<std::string> argv{"/usr/sbin/nghttpd", "-v", "-a", "127.0.0.1", "-d", docroot};
    if (options.maxConcurrentStreams) argv.push_back("-m" + std::to_string(*options.maxConcurrentStreams));
    if (options.windowBits) argv.push_back("-w" + std::to_string(*options.windowBits));
    if (options.connectionWindowBits) argv.push_back("-W" + std::to_string(*options.connectionWindowBits));
    if (options.echoUpload) argv.push_back("--echo-upload");
    if (!options.tls) argv.push_back("--no-tls");
    argv.push_back(std::to_string(port));
    if (options.tls) {
        argv.push_back(pki().goodKey);
        argv.push_back(pki().goodCert);
    }
    return argv;
}
}  // namespace

Nghttpd::Nghttpd(const Options& options) : tls_(options.tls) {
    char pattern[] = "/tmp/salvo-nghttpd-XXXXXX";
    dir_ = mkdtemp(pattern);
    writeDocroot(dir_);
    port_ = freePort();
    process_ = std::make_unique<Subprocess>(arguments(options, dir_, port_));
    for (int i = 0; i < 1000 && !acceptsConnections(port_); ++i) {
        if (process_->wait(std::chrono::milliseconds(0)) != -1) break;  // nghttpd exited: see below
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!acceptsConnections(port_)) ADD_FAILURE() << "nghttpd did not start: " << process_->err() << process_->out();
}

Nghttpd::~Nghttpd() {
    process_.reset();  // kills nghttpd
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string Nghttpd::url(const std::string& path) const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

std::string Nghttpd::frameLog() const { return process_->out(); }

std::uint64_t Nghttpd::requestsSeen(std::uint64_t expected) const {
    std::uint64_t seen = 0;
    for (int i = 0; i < 1000; ++i) {
        seen = countRequests(frameLog());
        if (seen >= expected) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return seen;
}

std::size_t Nghttpd::maxConcurrentSeen() const {
    std::map<int, std::set<int>> open;  // by connection
    std::map<int, int> highest;         // a HEADERS on a lower stream is a trailer, not a new stream
    std::size_t most = 0;
    for (const auto& f : frameLines(frameLog())) {
        if (opensStream(f) && f.stream > highest[f.connection]) {
            highest[f.connection] = f.stream;
            open[f.connection].insert(f.stream);
            most = std::max(most, open[f.connection].size());
        } else if (closesStream(f)) {
            open[f.connection].erase(f.stream);
        }
    }
    return most;
}

}  // namespace salvo::test
