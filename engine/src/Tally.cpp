#include "salvo/Tally.hpp"

#include <algorithm>

namespace salvo {

void Tally::recordResponse(int status, std::uint64_t bytes, std::uint64_t latencyNanos, CheckVerdict checked) {
    if (checked.failure) {
        ++failed;
        ++errors[static_cast<std::size_t>(ErrorKind::check)];
        if (errors[static_cast<std::size_t>(ErrorKind::check)] <= kSamplesPerKind) addSample("check: " + *checked.failure);
        countMessage("check", *checked.failure);
    } else if (status >= 400 && !checked.expected) {
        ++failed;
        ++errors[static_cast<std::size_t>(ErrorKind::status)];
        countMessage("status", std::to_string(status));  // short strings: no allocation
    } else {
        ++succeeded;
    }
    bytesReceived += bytes;
    ++statusCounts[status];  // allocates only the first time a code is seen in this tally
    latency.record(latencyNanos);
}

void Tally::recordTimedResponse(int status, std::uint64_t bytes, std::uint64_t latencyNanos,
                                std::uint64_t serviceNanos, CheckVerdict checked) {
    recordResponse(status, bytes, latencyNanos, checked);
    serviceTime.record(serviceNanos);
}

void Tally::recordSent(std::uint64_t lagNanos) {
    ++sent;
    if (lagNanos > 1'000'000) ++late;
    lag.record(lagNanos);
}

void Tally::recordError(ErrorKind kind, const std::string& message) {
    ++failed;
    const auto index = static_cast<std::size_t>(kind);
    ++errors[index];
    if (errors[index] <= kSamplesPerKind) addSample(std::string(errorKindName(kind)) + ": " + message);
    countMessage(errorKindName(kind), message);
}

void Tally::recordUnsolicited(const std::string& message) {
    if (++unsolicited <= kSamplesPerKind) addSample("unsolicited: " + message);
    countMessage("unsolicited", message);
}

void Tally::recordGoaway(const std::string& message) {
    // A graceful GOAWAY (NO_ERROR: nginx's after keepalive_requests) is routine, not an error sample.
    if (++goaways <= kSamplesPerKind && message != "GOAWAY NO_ERROR") addSample("goaway: " + message);
    countMessage("goaway_received", message);
}

void Tally::recordConnectFailure(ErrorKind kind, const std::string& message) {
    ++connectFailures;
    const std::string sample = errorKindName(kind) + std::string(": ") + message;
    if (connectFailures <= kSamplesPerKind) addSample(sample);
    countMessage("connect_failure", sample);
}

void Tally::countMessage(const std::string& kind, const std::string& message, std::uint64_t n) {
    auto key = std::make_pair(kind, message);
    const auto found = errorMessages.find(key);
    if (found != errorMessages.end()) {
        found->second += n;
        return;
    }
    // A new message: kept by name while its kind has room (a walk of at most a few dozen
    // entries, only when a message is new).
    std::size_t ofKind = 0;
    for (const auto& entry : errorMessages) ofKind += entry.first.first == kind;
    if (ofKind >= kMessagesPerKind) key.second = kOtherMessages;
    errorMessages[key] += n;
}

void Tally::addSample(const std::string& sample) {
    const std::size_t cap = kSamplesPerKind * (kErrorKindCount + 3);  // + unsolicited, goaways, connect failures
    if (errorSamples.size() >= cap) return;
    if (std::find(errorSamples.begin(), errorSamples.end(), sample) != errorSamples.end()) return;
    errorSamples.push_back(sample);
}

void Tally::merge(const Tally& other) {
    sent += other.sent;
    late += other.late;
    succeeded += other.succeeded;
    failed += other.failed;
    bytesReceived += other.bytesReceived;
    retried += other.retried;
    unsolicited += other.unsolicited;
    goaways += other.goaways;
    connectFailures += other.connectFailures;
    for (const auto& [status, n] : other.statusCounts) statusCounts[status] += n;
    for (std::size_t i = 0; i < kErrorKindCount; ++i) errors[i] += other.errors[i];
    for (const auto& sample : other.errorSamples) addSample(sample);
    for (const auto& [key, n] : other.errorMessages) countMessage(key.first, key.second, n);
    latency.merge(other.latency);
    serviceTime.merge(other.serviceTime);
    lag.merge(other.lag);
    dns.merge(other.dns);
    connect.merge(other.connect);
    tlsHandshake.merge(other.tlsHandshake);
    firstByte.merge(other.firstByte);
}

void Tally::clear() {
    sent = late = succeeded = failed = bytesReceived = retried = unsolicited = goaways = connectFailures = 0;
    statusCounts.clear();
    errors.fill(0);
    errorSamples.clear();
    errorMessages.clear();
    latency.clear();
    serviceTime.clear();
    lag.clear();
    dns.clear();
    connect.clear();
    tlsHandshake.clear();
    firstByte.clear();
}

}  // namespace salvo
