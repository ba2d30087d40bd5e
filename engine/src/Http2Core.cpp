#include "Http2Core.hpp"

#include <nghttp2/nghttp2.h>

#include <boost/beast/core/error.hpp>

#include <algorithm>
#include <cstring>

#include "ErrorText.hpp"
#include "Request.hpp"

namespace salvo {

namespace {

constexpr std::uint8_t kMaxRefusals = 8;
constexpr std::int32_t kWindow = (1 << 30) - 1;  // what we let the server send unasked (h2load's -w 30)

nghttp2_nv field(const std::string& name, const std::string& value, std::uint8_t flags) {
    return {reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
            reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(), value.size(), flags};
}

Http2Slot* slotOf(nghttp2_session* session, std::int32_t stream) {
    return static_cast<Http2Slot*>(nghttp2_session_get_stream_user_data(session, stream));
}

}  // namespace

struct Http2Core::Callbacks {
    static Http2Core& core(void* user) { return *static_cast<Http2Core*>(user); }

    static int beginHeaders(nghttp2_session* s, const nghttp2_frame* frame, void* user) {
        if (frame->hd.type != NGHTTP2_HEADERS) return 0;
        if (Http2Slot* slot = slotOf(s, frame->hd.stream_id); slot && slot->firstByte == Clock::time_point{})
            slot->firstByte = core(user).now_;
        return 0;
    }

    static int header(nghttp2_session* s, const nghttp2_frame* frame, const std::uint8_t* name, std::size_t nameLength,
                      const std::uint8_t* value, std::size_t valueLength, std::uint8_t, void* user) {
        Http2Slot* slot = slotOf(s, frame->hd.stream_id);
        if (frame->hd.type != NGHTTP2_HEADERS || !slot) return 0;
        const Http2Core& c = core(user);
        slot->gotBytes = true;
        slot->bytes += nameLength + valueLength + 4;
        slot->headBytes += nameLength + valueLength + 32;
        const std::string_view n(reinterpret_cast<const char*>(name), nameLength);
        const std::string_view v(reinterpret_cast<const char*>(value), valueLength);
        if (slot->headBytes > c.worker_.spec().maxHeaderBytes) {
            slot->failure = "the response head is larger than the limit of " +
                            std::to_string(c.worker_.spec().maxHeaderBytes) + " bytes (--max-header-size)";
            slot->failureKind = ErrorKind::protocol;
            nghttp2_submit_rst_stream(s, NGHTTP2_FLAG_NONE, frame->hd.stream_id, NGHTTP2_CANCEL);
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        }
        if (n == ":status") slot->status = std::atoi(std::string(v).c_str());  // nghttp2 checked: 3 digits
        else if (n == "location" && c.worker_.spec().maxRedirects) slot->location.assign(v);
        return 0;
    }

    static int data(nghttp2_session* s, std::uint8_t, std::int32_t stream, const std::uint8_t* bytes, std::size_t length,
                    void*) {
        Http2Slot* slot = slotOf(s, stream);
        if (!slot) return 0;
        slot->gotBytes = true;
        slot->bytes += length;
        slot->watch.feed({reinterpret_cast<const char*>(bytes), length});
        return 0;
    }

    // A request body, as the windows allow. Not before the server's SETTINGS: they may shrink
    // the windows below what was sent already (nghttpd then resets the stream with
    // FLOW_CONTROL_ERROR); the one stream opened before them waits, and goes on when they come.
    static ssize_t readBody(nghttp2_session*, std::int32_t stream, std::uint8_t* buf, std::size_t length,
                            std::uint32_t* flags, nghttp2_data_source* source, void* user) {
        Http2Core& c = core(user);
        if (!c.settingsSeen_) {
            c.waitingForSettings_.push_back(stream);
            return NGHTTP2_ERR_DEFERRED;
        }
        auto* slot = static_cast<Http2Slot*>(source->ptr);
        const std::size_t n = std::min(length, slot->body->size() - slot->bodyOffset);
        std::memcpy(buf, slot->body->data() + slot->bodyOffset, n);
        slot->bodyOffset += n;
        if (slot->bodyOffset == slot->body->size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
        return static_cast<ssize_t>(n);
    }

    static int frameReceived(nghttp2_session* s, const nghttp2_frame* frame, void* user) {
        Http2Core& c = core(user);
        switch (frame->hd.type) {
            case NGHTTP2_SETTINGS:
                if (frame->hd.flags & NGHTTP2_FLAG_ACK) break;
                c.settingsSeen_ = true;
                for (const std::int32_t stream : c.waitingForSettings_) nghttp2_session_resume_data(s, stream);
                c.waitingForSettings_.clear();
                break;
            case NGHTTP2_GOAWAY:
                c.goaway_ = true;
                c.lastStreamId_ = frame->goaway.last_stream_id;
                c.worker_.recordGoaway(std::string("GOAWAY ") + nghttp2_http2_strerror(frame->goaway.error_code));
                break;
            case NGHTTP2_RST_STREAM:
                if (Http2Slot* slot = slotOf(s, frame->hd.stream_id)) slot->peerReset = true;
                break;
            case NGHTTP2_HEADERS:
            case NGHTTP2_DATA:
                if (Http2Slot* slot = slotOf(s, frame->hd.stream_id); slot && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
                    slot->complete = true;
                break;
            default:
                break;
        }
        return 0;
    }

    // A request that could not be sent (its header block is too large, say): it fails, with why.
    // One held back by a GOAWAY or a closing session was not processed: it is sent again.
    static int notSent(nghttp2_session* s, const nghttp2_frame* frame, int error, void*) {
        if (frame->hd.type != NGHTTP2_HEADERS || error == NGHTTP2_ERR_START_STREAM_NOT_ALLOWED ||
            error == NGHTTP2_ERR_STREAM_CLOSING || error == NGHTTP2_ERR_SESSION_CLOSING)
            return 0;
        if (Http2Slot* slot = slotOf(s, frame->hd.stream_id); slot && slot->failure.empty()) {
            slot->failure = std::string("the request could not be sent: ") + nghttp2_strerror(error);
            slot->failureKind = ErrorKind::write;
        }
        return 0;
    }

    static int streamClosed(nghttp2_session* s, std::int32_t stream, std::uint32_t code, void* user) {
        if (Http2Slot* slot = slotOf(s, stream)) core(user).finishStream(slot, code);
        return 0;
    }

    static int error(nghttp2_session*, int, const char* message, std::size_t length, void* user) {
        core(user).message_.assign(message, length);
        return 0;
    }

    // Made once: nghttp2_session_client_new2 copies them.
    static const nghttp2_session_callbacks* all() {
        static const auto* made = [] {
            nghttp2_session_callbacks* cb = nullptr;
            nghttp2_session_callbacks_new(&cb);
            nghttp2_session_callbacks_set_on_begin_headers_callback(cb, beginHeaders);
            nghttp2_session_callbacks_set_on_header_callback(cb, header);
            nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, data);
            nghttp2_session_callbacks_set_on_frame_recv_callback(cb, frameReceived);
            nghttp2_session_callbacks_set_on_frame_not_send_callback(cb, notSent);
            nghttp2_session_callbacks_set_on_stream_close_callback(cb, streamClosed);
            nghttp2_session_callbacks_set_error_callback2(cb, error);
            return cb;
        }();
        return made;
    }
};

Http2Core::Http2Core(Worker& worker) : worker_(worker) {}

Http2Core::~Http2Core() {
    if (session_) nghttp2_session_del(session_);
}

void Http2Core::open() {
    if (session_) nghttp2_session_del(session_);
    session_ = nullptr;
    nghttp2_option* option = nullptr;
    nghttp2_option_new(&option);
    // Our own header blocks may be as large as a person's headers (validate() allows 256 KiB values).
    nghttp2_option_set_max_send_header_block_length(option, 1u << 24);
    const int rv = nghttp2_session_client_new2(&session_, Callbacks::all(), this, option);
    nghttp2_option_del(option);
    if (rv != 0) throw std::bad_alloc();  // nghttp2's only failure here: out of memory
    const nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<std::uint32_t>(kWindow)},
        {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, worker_.spec().maxHeaderBytes}};
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, kWindow);
    settingsSeen_ = goaway_ = closing_ = false;
    waitingForSettings_.clear();
    lastStreamId_ = 0;
    message_.clear();
}

bool Http2Core::receive(const std::uint8_t* data, std::size_t size, Clock::time_point now) {
    now_ = now;
    const ssize_t rv = nghttp2_session_mem_recv(session_, data, size);
    if (rv >= 0) return true;
    if (message_.empty()) message_ = nghttp2_strerror(static_cast<int>(rv));
    return false;
}

bool Http2Core::produce(std::string& out, std::size_t limit, Clock::time_point now) {
    now_ = now;
    while (out.size() < limit) {
        const std::uint8_t* bytes = nullptr;
        const ssize_t n = nghttp2_session_mem_send(session_, &bytes);
        if (n < 0) {
            message_ = nghttp2_strerror(static_cast<int>(n));
            return false;
        }
        if (n == 0) break;
        out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
    }
    return true;
}

bool Http2Core::acceptsRequests() const {
    return session_ && !goaway_ && !closing_ && nghttp2_session_check_request_allowed(session_);
}

bool Http2Core::endedByUs() const {
    return session_ && !goaway_ && nghttp2_session_get_next_stream_id(session_) <= INT32_MAX &&
           !nghttp2_session_check_request_allowed(session_);
}

std::uint32_t Http2Core::serverStreamLimit() const {
    return nghttp2_session_get_remote_settings(session_, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
}

bool Http2Core::alive() const {
    return session_ && (nghttp2_session_want_read(session_) || nghttp2_session_want_write(session_));
}

std::uint32_t Http2Core::freeSlots() const {
    if (!acceptsRequests()) return 0;
    std::uint32_t limit = 1;  // until the server's SETTINGS say how many it takes
    if (settingsSeen_)
        limit = std::min(worker_.spec().streams, serverStreamLimit());
    return limit > active_ ? limit - active_ : 0;
}

bool Http2Core::submit(const Ticket& ticket, Clock::time_point now) {
    if (!acceptsRequests()) return false;
    Http2Slot* slot = take();
    slot->ticket = ticket;
    slot->chain.reset();
    if (!startStream(slot, request(slot))) {
        release(slot);
        return false;
    }
    slot->sentAt = now;
    enlist(slot);
    worker_.recordSent(slot->ticket, now);
    if (!worker_.spec().keepAlive) closing_ = true;  // one request per connection, as HTTP/1.1 does then
    return true;
}

// The first hop (or, with `slot->chain` under way, the next) of the slot's request. False: this
// session opens no more streams (ids spent, or out of memory).
bool Http2Core::startStream(Http2Slot* slot, const PreparedRequest& p) {
    slot->status = 0;
    slot->bytes = slot->headBytes = 0;
    slot->firstByte = {};
    slot->complete = slot->settled = slot->peerReset = slot->gotBytes = false;
    slot->failure.clear();
    slot->location.clear();
    slot->watch.reset(p.check.active() ? &p.check : nullptr);
    const bool hop = slot->chain.active();
    std::vector<std::pair<std::string, std::string>> hopFields;
    if (hop) hopFields = http2Fields(worker_.spec(), p.spec, slot->chain.visited.back(), slot->chain.asGet);
    // The run's own fields live as long as the run: nghttp2 need not copy them.
    const auto& fields = hop ? hopFields : p.h2Fields;
    const std::uint8_t flags = hop ? NGHTTP2_NV_FLAG_NONE : NGHTTP2_NV_FLAG_NO_COPY_NAME | NGHTTP2_NV_FLAG_NO_COPY_VALUE;
    thread_local std::vector<nghttp2_nv> nv;  // nghttp2 copies the array itself
    nv.clear();
    for (const auto& [name, value] : fields) nv.push_back(field(name, value, flags));
    const bool withBody = !(hop && slot->chain.asGet) && !p.spec.body.empty();
    nghttp2_data_provider provider{};
    provider.source.ptr = slot;
    provider.read_callback = &Callbacks::readBody;
    slot->body = &p.spec.body;
    slot->bodyOffset = 0;
    const std::int32_t id = nghttp2_submit_request(session_, nullptr, nv.data(), nv.size(), withBody ? &provider : nullptr, slot);
    if (id < 0) {  // stream ids spent (2^31), or out of memory: the next connection goes on
        closing_ = true;
        return false;
    }
    slot->stream = id;
    return true;
}

Http2Slot* Http2Core::take() {
    if (free_.empty()) {
        slots_.push_back(std::make_unique<Http2Slot>());
        free_.push_back(slots_.back().get());
    }
    Http2Slot* slot = free_.back();
    free_.pop_back();
    ++active_;
    return slot;
}

void Http2Core::release(Http2Slot* slot) {
    slot->stream = 0;
    --active_;
    free_.push_back(slot);
}

void Http2Core::enlist(Http2Slot* slot) {
    slot->newer = nullptr;
    slot->older = newest_;
    if (newest_) newest_->newer = slot;
    else oldest_ = slot;
    newest_ = slot;
}

void Http2Core::unlist(Http2Slot* slot) {
    if (slot->older) slot->older->newer = slot->newer;
    else if (oldest_ == slot) oldest_ = slot->newer;
    if (slot->newer) slot->newer->older = slot->older;
    else if (newest_ == slot) newest_ = slot->older;
    slot->older = slot->newer = nullptr;
}

std::optional<Worker::Clock::time_point> Http2Core::oldestSent() const {
    if (!oldest_) return std::nullopt;
    return oldest_->sentAt;
}

void Http2Core::expire(Clock::time_point now) {
    const auto timeout = worker_.spec().timeout;
    while (oldest_ && oldest_->sentAt + timeout <= now) {
        Http2Slot* slot = oldest_;
        unlist(slot);
        slot->settled = true;
        worker_.recordError(slot->ticket, ErrorKind::timeout,
                            describeRequestError(boost::beast::error::timeout, ErrorKind::timeout, slot->gotBytes, 0));
        if (slotOf(session_, slot->stream) == slot)  // (a redirect's hop waiting to go has no stream)
            nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, slot->stream, NGHTTP2_CANCEL);
    }
}

// The stream has closed: the request is answered, sent again, or failed, exactly once.
void Http2Core::finishStream(Http2Slot* slot, std::uint32_t code) {
    if (slot->settled) return release(slot);  // counted when it timed out
    if (slot->complete && code == NGHTTP2_NO_ERROR && slot->failure.empty()) return respond(slot);
    unlist(slot);
    if (!slot->failure.empty()) {
        worker_.recordError(slot->ticket, slot->failureKind, slot->failure);
    } else if ((goaway_ && slot->stream > lastStreamId_) || code == NGHTTP2_REFUSED_STREAM) {
        // Not processed by the server (RFC 9113 6.8, 8.7): safe to send again.
        if (retryUnprocessed(slot)) {
            retries_.push_back(slot->ticket);
            return release(slot);
        }
        worker_.recordError(slot->ticket, goaway_ ? ErrorKind::goaway : ErrorKind::rstStream,
                            std::string(goaway_ ? "refused by the server's GOAWAY " : "RST_STREAM REFUSED_STREAM ") +
                                std::to_string(kMaxRefusals + 1) + " times");
    } else if (slot->peerReset) {
        worker_.recordError(slot->ticket, ErrorKind::rstStream, std::string("RST_STREAM ") + nghttp2_http2_strerror(code));
    } else {
        worker_.recordError(slot->ticket, ErrorKind::protocol,
                            message_.empty() ? std::string("stream closed: ") + nghttp2_http2_strerror(code) : message_);
        message_.clear();  // nghttp2's last complaint, told once
    }
    release(slot);
}

// A request lost with its connection, which the server may have seen: sent again once.
bool Http2Core::retry(Http2Slot* slot) {
    if (slot->ticket.retried) return false;
    slot->ticket.retried = true;
    worker_.recordRetry();
    return true;
}

// A request the server says it did not process: sent again, up to kMaxRefusals times (a server
// that closes every connection after N requests refuses the rest of each batch, again and again).
bool Http2Core::retryUnprocessed(Http2Slot* slot) {
    if (slot->ticket.refusals >= kMaxRefusals) return false;
    ++slot->ticket.refusals;
    worker_.recordRetry();
    return true;
}

// A complete response: a redirect to follow (its next hop goes out from resubmit()), or counted.
void Http2Core::respond(Http2Slot* slot) {
    const PreparedRequest& p = request(slot);
    std::string unfollowed;
    if (worker_.spec().maxRedirects && isRedirect(slot->status)) {
        if (slot->chain.firstByte == Clock::time_point{}) slot->chain.firstByte = slot->firstByte;
        slot->chain.bytes += slot->bytes;
        unfollowed = advance(slot->chain, worker_.spec(), p.spec, slot->status, slot->location);
        if (unfollowed.empty()) return hops_.push_back(slot);  // keeps its place: the timeout counts from the first hop
    }
    unlist(slot);
    // A whole response that came after its deadline (the sweep had not got to it) is a timeout.
    const bool late = now_ >= slot->sentAt + worker_.spec().timeout;
    if (late) unfollowed.clear();
    const std::uint64_t bytes = slot->chain.bytes + slot->bytes;
    const auto firstByte = slot->chain.firstByte != Clock::time_point{} ? slot->chain.firstByte : slot->firstByte;
    if (late) worker_.recordError(slot->ticket, ErrorKind::timeout,
                                  describeRequestError(boost::beast::error::timeout, ErrorKind::timeout, true, 0));
    else if (!unfollowed.empty()) worker_.recordError(slot->ticket, ErrorKind::redirect, unfollowed);
    else if (!p.check.active()) worker_.recordResponse(slot->ticket, slot->status, bytes, slot->sentAt, now_, firstByte);
    else worker_.recordResponse(slot->ticket, slot->status, bytes, slot->sentAt, now_, firstByte,
                                {slot->watch.verdict(slot->status), slot->watch.expectedStatus(slot->status)});
    slot->chain.reset();
    release(slot);
}

void Http2Core::resubmit(Clock::time_point now, std::vector<Ticket>& carry) {
    auto hops = std::move(hops_);
    hops_.clear();
    // A redirect's next hop belongs to a request under way: it goes out on a session that takes
    // no new requests only because keep-alive is off.
    const bool hopsAllowed = session_ && !goaway_ && nghttp2_session_check_request_allowed(session_);
    for (Http2Slot* slot : hops) {
        if (slot->settled) release(slot);  // timed out before its next hop went (counted then)
        else if (!hopsAllowed || !startStream(slot, request(slot))) dropHop(slot, carry);
    }
    auto retries = std::move(retries_);
    retries_.clear();
    for (const Ticket& ticket : retries)
        if (!submit(ticket, now)) carry.push_back(ticket);
}

// A redirect's next hop that this session cannot send: the request starts over on the next connection.
// Sent again from its first hop, as often as a refused request (GOAWAY every connection: bounded).
void Http2Core::dropHop(Http2Slot* slot, std::vector<Ticket>& carry) {
    if (!slot->settled) {
        unlist(slot);
        if (retryUnprocessed(slot)) carry.push_back(slot->ticket);
        else worker_.recordError(slot->ticket, ErrorKind::goaway, "a redirect's next hop found the connection going away " +
                                                                      std::to_string(kMaxRefusals + 1) + " times");
    }
    slot->chain.reset();
    release(slot);
}

// The connection is gone: redirect hops and refused requests go to `carry`, each request still
// open to `settleOpen` (carried or counted), and the session is deleted.
void Http2Core::close(std::vector<Ticket>& carry, const std::function<void(Http2Slot*)>& settleOpen) {
    for (Http2Slot* slot : hops_) dropHop(slot, carry);
    hops_.clear();
    carry.insert(carry.end(), retries_.begin(), retries_.end());
    retries_.clear();
    for (auto& owned : slots_) {
        Http2Slot* slot = owned.get();
        if (slot->stream == 0) continue;
        if (!slot->settled) settleOpen(slot);
        slot->chain.reset();
        release(slot);
    }
    oldest_ = newest_ = nullptr;
    if (session_) nghttp2_session_del(session_);
    session_ = nullptr;
}

void Http2Core::takeAll(std::vector<Ticket>& carry) {
    close(carry, [&](Http2Slot* slot) { carry.push_back(slot->ticket); });
}

void Http2Core::abort(ErrorKind kind, const std::string& message, bool reused, std::vector<Ticket>& carry) {
    close(carry, [&](Http2Slot* slot) {
        const bool unprocessed = goaway_ && slot->stream > lastStreamId_;
        const bool safe = request(slot).idempotent && reused && !slot->gotBytes;
        if ((unprocessed && retryUnprocessed(slot)) || (!unprocessed && safe && retry(slot))) carry.push_back(slot->ticket);
        else worker_.recordError(slot->ticket, goaway_ ? ErrorKind::goaway : kind, message);
    });
}

}  // namespace salvo
