#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Redirect.hpp"
#include "ResponseCheck.hpp"
#include "Worker.hpp"

struct nghttp2_session;

namespace salvo {

// One request in flight on an HTTP/2 connection: its stream, times and what came back so far.
// Slots are made once per connection and reused; the open ones form a list in the order they
// were sent, so the first one is always the next to time out.
struct Http2Slot {
    Ticket ticket;
    std::int32_t stream = 0;  // 0: free
    Worker::Clock::time_point sentAt{}, firstByte{};
    int status = 0;
    std::uint64_t bytes = 0;      // response bytes: header fields ("name: value\r\n") and data
    std::uint64_t headBytes = 0;  // the header list's size as RFC 9113 6.5.2 measures it
    const std::string* body = nullptr;  // the request body still to send, from bodyOffset
    std::size_t bodyOffset = 0;
    bool complete = false;  // the server ended its side (END_STREAM)
    bool settled = false;   // counted already (a timeout): only waiting for the stream to close
    bool peerReset = false; // the server sent RST_STREAM
    bool gotBytes = false;  // anything of a response arrived
    std::string failure;    // why it cannot succeed, found while receiving or sending (kind below)
    ErrorKind failureKind = ErrorKind::protocol;
    BodyWatch watch;
    std::string location;
    RedirectChain chain;
    Http2Slot* older = nullptr;  // the list of open requests, oldest first
    Http2Slot* newer = nullptr;
};

// The HTTP/2 protocol of one connection, without its socket: nghttp2's client session fed
// with bytes read and asked for bytes to write (Http2Session does the I/O), and the slots of
// the requests in flight. Compiled once, so nghttp2.h stays out of the headers.
class Http2Core {
public:
    using Clock = Worker::Clock;

    explicit Http2Core(Worker& worker);
    ~Http2Core();
    Http2Core(const Http2Core&) = delete;
    Http2Core& operator=(const Http2Core&) = delete;

    // A new session on a fresh connection: our SETTINGS queued (nghttp2 writes the preface).
    void open();
    // Bytes from the server, read at `now`. False: the connection cannot go on (message()).
    bool receive(const std::uint8_t* data, std::size_t size, Clock::time_point now);
    // Appends what is ready to write to `out`, up to about `limit` bytes. False: fatal.
    bool produce(std::string& out, std::size_t limit, Clock::time_point now);
    // Sends a ticket's request at `now` (its stream opens as the bytes go out). False: this
    // session takes no more requests; the caller keeps the ticket.
    bool submit(const Ticket& ticket, Clock::time_point now);
    // Requests it may start now: its streams (ours, capped by the server's limit once its
    // SETTINGS came; one before) less those open. None after a GOAWAY.
    std::uint32_t freeSlots() const;
    std::uint32_t active() const { return active_; }
    bool acceptsRequests() const;
    // nghttp2 ended the session itself, on a connection error it found (its GOAWAY queued).
    bool endedByUs() const;
    std::uint32_t serverStreamLimit() const;  // SETTINGS_MAX_CONCURRENT_STREAMS, once SETTINGS came
    // The session still has something to read or write (false: it is over, after a GOAWAY).
    bool alive() const;
    std::optional<Clock::time_point> oldestSent() const;
    // Requests sent `timeout` ago or more: counted as timeouts, their streams reset (CANCEL).
    void expire(Clock::time_point now);
    // Tickets to send again: refused by the server, or a redirect's next hop (chains stay in
    // their slot). Submitted by resubmit(), or handed to `carry` when this session takes no more.
    void resubmit(Clock::time_point now, std::vector<Ticket>& carry);
    // The connection is gone: each open request is sent again on the next one (once, if the
    // server cannot have processed it) or fails as `kind`. The session is deleted.
    void abort(ErrorKind kind, const std::string& message, bool reused, std::vector<Ticket>& carry);
    // Setup failed (no HTTP/2 from the server): every request in flight goes back to `carry`,
    // unsettled, and the session is deleted.
    void takeAll(std::vector<Ticket>& carry);
    bool settingsSeen() const { return settingsSeen_; }
    const std::string& message() const { return message_; }

    struct Callbacks;  // nghttp2's callbacks, in the .cpp

private:
    Http2Slot* take();
    void release(Http2Slot* slot);
    void enlist(Http2Slot* slot);
    void unlist(Http2Slot* slot);
    bool startStream(Http2Slot* slot, const PreparedRequest& request);
    void finishStream(Http2Slot* slot, std::uint32_t code);
    void respond(Http2Slot* slot);
    bool retry(Http2Slot* slot);
    bool retryUnprocessed(Http2Slot* slot);
    void dropHop(Http2Slot* slot, std::vector<Ticket>& carry);
    void close(std::vector<Ticket>& carry, const std::function<void(Http2Slot*)>& settleOpen);
    const PreparedRequest& request(const Http2Slot* slot) const { return worker_.shared().requests[slot->ticket.request]; }

    Worker& worker_;
    nghttp2_session* session_ = nullptr;
    std::vector<std::unique_ptr<Http2Slot>> slots_;
    std::vector<Http2Slot*> free_;
    Http2Slot* oldest_ = nullptr;
    Http2Slot* newest_ = nullptr;
    std::uint32_t active_ = 0;
    std::vector<Ticket> retries_;
    std::vector<Http2Slot*> hops_;
    Clock::time_point now_{};
    std::string message_;
    bool settingsSeen_ = false;
    bool goaway_ = false;   // the server's GOAWAY came
    bool closing_ = false;  // this session takes no more requests: ids spent, or keep-alive off
    std::int32_t lastStreamId_ = 0;
    std::vector<std::int32_t> waitingForSettings_;  // streams whose body waits for the server's SETTINGS
};

}  // namespace salvo
