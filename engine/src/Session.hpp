#pragma once

#include <cstdint>
#include <optional>

#include "Socket.hpp"
#include "TlsStream.hpp"
#include "Worker.hpp"

namespace salvo {

template <class Stream>
class Connection;

// What one connection speaks once it is up: HTTP/1.1 (Http1Session) or HTTP/2 (Http2Session).
// The connection (the transport) owns the socket, connects, handshakes, reconnects and keeps
// the one deadline the worker's sweep checks; the session sends requests and reads responses
// on it, and owns whatever tickets are in flight. Like h2load's Session / Http1Session /
// Http2Session, so each protocol stays small.
class Session {
public:
    virtual ~Session() = default;
    // The connection is up (and TLS set up): send the tickets the connection carried across a
    // reconnect first, then what the worker hands out. `now`: the caller's clock reading.
    virtual void begin(Worker::Clock::time_point now) = 0;
    // Open model: a due ticket from the pacer; the session had room for it (freeSlots() > 0).
    virtual void send(const Ticket& ticket) = 0;
    // Open model: no ticket will come any more; finish once nothing is in flight.
    virtual void finishIdle() = 0;
    // Requests it could start now: HTTP/1.1 one or none, HTTP/2 its free streams.
    virtual std::uint32_t freeSlots() const = 0;
    // Since when its oldest request has been running (sent, or else due); none when idle.
    virtual std::optional<Worker::Clock::time_point> busySince() const = 0;
    // The connection's deadline has passed (the worker's sweep).
    virtual void onDeadline(Worker::Clock::time_point now) = 0;
    // The tickets the connection carried failed to connect: forget what was kept for them (a
    // redirect chain under way).
    virtual void abandon() = 0;
};

}  // namespace salvo
