#include "Nginx.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <thread>

#include "LocalPort.hpp"

namespace salvo::test {
namespace {

// Both servers' locations. nginx reads at most 4,096 bytes per configuration token, so the big
// header is built from five 4,000-byte pieces.
std::string locations() {
    return "    location = /redirect { return 302 /; }\n"
           "    location = /bigheader {\n      set $piece " + std::string(4000, 'b') + ";\n"
           "      set $big $piece$piece$piece$piece$piece;\n"
           "      add_header X-Big $big;\n      return 200 \"ok\\n\";\n    }\n"
           "    location / { return 200 \"ok\\n\"; }\n";
}

// The TLS server answers as the plain one does; `$ssl_client_verify` (SUCCESS, NONE, FAILED:...)
// ends its log lines, so a test sees what nginx made of the client's certificate.
std::string tlsServer(const Nginx::Options& options, std::uint16_t port, const std::string& dir) {
    const Nginx::Tls& tls = *options.tls;
    std::ostringstream c;
    c << "  log_format salvo_tls '$request_method $status $ssl_client_verify';\n"
      << "  server {\n    listen 127.0.0.1:" << port << (options.tlsHttp2 ? " ssl http2;\n" : " ssl;\n")
      << "    access_log " << dir << "/tls.log salvo_tls;\n"
      << "    access_log " << dir << "/tls-protocol.log salvo_protocol;\n"
      << "    ssl_certificate " << tls.certFile << ";\n    ssl_certificate_key " << tls.keyFile << ";\n";
    if (!tls.clientCaFile.empty())
        c << "    ssl_client_certificate " << tls.clientCaFile << ";\n    ssl_verify_client on;\n";
    c << locations() << "  }\n";
    return c.str();
}

// nginx 1.22's syntax: `listen ... http2` (1.25 replaced it with `http2 on;`).
std::string httpSettings(const Nginx::Options& options) {
    std::ostringstream c;
    // No body size limit: bodies are discarded, and tests send large ones (a 10 MB body file).
    c << "  keepalive_requests " << (options.keepaliveRequests > 0 ? options.keepaliveRequests : 1000000)
      << ";\n  client_max_body_size 0;\n";
    if (options.maxConcurrentStreams > 0)
        c << "  http2_max_concurrent_streams " << options.maxConcurrentStreams << ";\n";
    return c.str();
}

std::string config(const std::string& dir, std::uint16_t port, const Nginx::Options& options, std::uint16_t tlsPort) {
    std::ostringstream c;
    c << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << dir << "/nginx.pid;\n"
      << "error_log " << dir << "/error.log warn;\nevents { worker_connections 1024; }\n"
      << "http {\n  log_format salvo '$request_method $status';\n  access_log " << dir << "/access.log salvo;\n"
      << "  log_format salvo_uri '$request_method $request_uri $status';\n  access_log " << dir << "/uri.log salvo_uri;\n"
      << "  log_format salvo_protocol '$request_method $status $server_protocol';\n"
      << "  access_log " << dir << "/protocol.log salvo_protocol;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        c << "  " << temp << "_temp_path " << dir << "/" << temp << ";\n";
    c << httpSettings(options) << "  server {\n    listen 127.0.0.1:" << port << (options.h2c ? " http2;\n" : ";\n")
      << locations() << "  }\n";
    if (options.tls) c << tlsServer(options, tlsPort, dir);
    c << "}\n";
    return c.str();
}
}  // namespace

Nginx::Nginx(const Options& options) {
    char pattern[] = "/tmp/salvo-nginx-XXXXXX";
    dir_ = mkdtemp(pattern);
    // A port can still be taken between choosing it and nginx binding it: then choose again.
    for (int attempt = 0; attempt < 3 && !start(options); ++attempt)
        if (readWholeFile(dir_ + "/error.log").find("Address already in use") == std::string::npos) break;
    if (!acceptsConnections(port_))
        ADD_FAILURE() << "nginx did not start: " << process_->err() << readWholeFile(dir_ + "/error.log");
}

bool Nginx::start(const Options& options) {
    port_ = freePort();
    if (options.tls) tlsPort_ = freePort();
    std::ofstream(dir_ + "/nginx.conf") << config(dir_, port_, options, tlsPort_);
    process_ = std::make_unique<Subprocess>(std::vector<std::string>{
        "/usr/sbin/nginx", "-p", dir_, "-c", dir_ + "/nginx.conf", "-e", dir_ + "/error.log"});
    for (int i = 0; i < 1000 && !acceptsConnections(port_); ++i) {
        if (process_->wait(std::chrono::milliseconds(0)) != -1) return false;  // nginx exited
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return process_->wait(std::chrono::milliseconds(0)) == -1 && acceptsConnections(port_);
}

Nginx::~Nginx() {
    process_.reset();  // kills nginx
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string Nginx::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string Nginx::tlsUrl(const std::string& path) const {
    return "https://127.0.0.1:" + std::to_string(tlsPort_) + path;
}

std::vector<std::string> Nginx::tlsLog(std::size_t expected) const { return logLines("tls.log", expected); }

std::vector<std::string> Nginx::protocolLog(std::size_t expected) const { return logLines("protocol.log", expected); }

std::vector<std::string> Nginx::tlsProtocolLog(std::size_t expected) const {
    return logLines("tls-protocol.log", expected);
}

std::vector<std::string> Nginx::accessLog(std::size_t expected) const { return logLines("access.log", expected); }

std::vector<std::string> Nginx::uriLog(std::size_t expected) const { return logLines("uri.log", expected); }

std::vector<std::string> Nginx::logLines(const char* file, std::size_t expected) const {
    std::vector<std::string> lines;
    for (int i = 0; i < 1000; ++i) {
        lines.clear();
        std::istringstream log(readWholeFile(dir_ + "/" + file));
        for (std::string line; std::getline(log, line);) lines.push_back(line);
        if (lines.size() >= expected) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return lines;
}

}  // namespace salvo::test
