// FaultServer's HTTP/2 faults: nghttp2 1.52's server session, fed by a reader coroutine with
// nghttp2_session_mem_recv and drained by a writer coroutine with nghttp2_session_mem_send.

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <array>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <cstring>
#include <map>
#include <set>
#include <string_view>

#include "FaultServerImpl.hpp"

namespace salvo::test {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

constexpr int kGoawayAfter = 10;         // h2GoawayAfter: requests answered on each connection
constexpr auto kMaxStreams1Delay = 5ms;  // h2MaxStreams1: long enough for overlapping streams to show
constexpr auto kLinger = 1s;             // after the last answer: the client's time to read it

// A request stream the fault processes.
struct RequestStream {
    int number = 0;               // the connection's 1st, 2nd, ... request
    std::uint64_t bodyBytes = 0;  // of the request body, so far
    std::string body;             // the answer's body, read out by readBody
    std::size_t sent = 0;         // of `body`
};

std::vector<nghttp2_settings_entry> settingsFor(Fault fault) {
    const nghttp2_settings_entry streams100{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100};
    switch (fault) {
        case Fault::h2MaxStreams1: return {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 1}};
        case Fault::h2TinyWindow: return {streams100, {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 1024}};
        case Fault::h2StopReading:
            return {streams100, {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, NGHTTP2_MAX_WINDOW_SIZE}};
        default: return {streams100};
    }
}

// nghttp2_data_source_read_callback: the answer's body, as much as fits.
ssize_t readBody(nghttp2_session*, std::int32_t, std::uint8_t* buffer, std::size_t length, std::uint32_t* flags,
                 nghttp2_data_source* source, void*) {
    auto& stream = *static_cast<RequestStream*>(source->ptr);
    const std::size_t n = std::min(length, stream.body.size() - stream.sent);
    std::memcpy(buffer, stream.body.data() + stream.sent, n);
    stream.sent += n;
    if (stream.sent == stream.body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
}

// A header field for nghttp2_submit_response, which copies it.
nghttp2_nv field(std::string_view name, std::string_view value) {
    auto* n = reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data()));
    auto* v = reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data()));
    return {n, v, name.size(), value.size(), NGHTTP2_NV_FLAG_NONE};
}

// h2HugeHeaders: 150 KiB of fields, each under the 64 KiB that nghttp2's HPACK decoder accepts.
const std::vector<std::pair<std::string, std::string>>& hugeFields() {
    static const auto fields = [] {
        std::vector<std::pair<std::string, std::string>> all;
        for (int i = 0; i < 10; ++i) all.emplace_back("x-huge-" + std::to_string(i), std::string(15 * 1024, 'h'));
        return all;
    }();
    return fields;
}

// One HTTP/2 connection: the nghttp2 session, the fault's decisions, and the two loops that move
// its bytes. Everything runs on the server's io thread.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(FaultServer::Impl& impl, const asio::any_io_executor& executor);
    ~Connection() { nghttp2_session_del(session_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    template <class Stream>
    awaitable<void> readLoop(Stream& stream);
    template <class Stream>
    awaitable<void> writeLoop(Stream& stream);

private:
    static void setCallbacks(nghttp2_session_callbacks* callbacks);
    static Connection* of(void* user) { return static_cast<Connection*>(user); }
    int onBeginFrame(const nghttp2_frame_hd& head);
    int onBeginHeaders(const nghttp2_frame& frame);
    int onFrameRecv(const nghttp2_frame& frame);
    int onStreamClose(std::int32_t id);
    void onRequestComplete(std::int32_t id);
    void answer(std::int32_t id, std::string body);
    void answerLater(std::int32_t id, std::chrono::milliseconds delay);
    void reset(std::int32_t id, std::uint32_t code) {
        nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, code);
    }
    void wake() { wake_.cancel(); }
    awaitable<void> waitForWake();
    template <class Stream>
    awaitable<bool> flush(Stream& stream);
    bool finished() const {
        return failed_ || (!nghttp2_session_want_read(session_) && !nghttp2_session_want_write(session_));
    }

    FaultServer::Impl& impl_;
    nghttp2_session* session_ = nullptr;
    asio::steady_timer wake_;                        // the writer waits on it; wake() cancels it
    std::map<std::int32_t, RequestStream> streams_;  // the requests the fault processes
    std::set<std::int32_t> open_;                    // streams open as the client counts them
    std::int32_t highestOpened_ = 0;
    int requests_ = 0;               // request streams the client began on this connection
    bool goawaySent_ = false;        // nghttp2 ignores new streams from then on
    bool settingsReceived_ = false;  // the client's SETTINGS: h2StopReading reads no further
    bool failed_ = false;            // nghttp2 gave up on the client's bytes
    bool closing_ = false;           // the reader drops what it reads; the writer closes
    bool readerDone_ = false;        // the client closed (or the socket broke)
};

Connection::Connection(FaultServer::Impl& impl, const asio::any_io_executor& executor)
    : impl_(impl), wake_(executor) {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    setCallbacks(callbacks);
    nghttp2_option* option = nullptr;
    nghttp2_option_new(&option);
    nghttp2_option_set_max_send_header_block_length(option, 1 << 20);  // h2HugeHeaders' 150 KiB; default 64 KiB
    nghttp2_session_server_new2(&session_, callbacks, this, option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    const auto settings = settingsFor(impl.fault);
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
    if (impl.fault == Fault::h2StopReading)  // the connection's window too, so that only TCP stops the client
        nghttp2_submit_window_update(session_, NGHTTP2_FLAG_NONE, 0,
                                     NGHTTP2_MAX_WINDOW_SIZE - NGHTTP2_INITIAL_CONNECTION_WINDOW_SIZE);
}

void Connection::setCallbacks(nghttp2_session_callbacks* callbacks) {
    nghttp2_session_callbacks_set_on_begin_frame_callback(
        callbacks, [](nghttp2_session*, const nghttp2_frame_hd* head, void* user) {
            return of(user)->onBeginFrame(*head);
        });
    nghttp2_session_callbacks_set_on_begin_headers_callback(
        callbacks, [](nghttp2_session*, const nghttp2_frame* frame, void* user) {
            return of(user)->onBeginHeaders(*frame);
        });
    nghttp2_session_callbacks_set_on_frame_recv_callback(
        callbacks, [](nghttp2_session*, const nghttp2_frame* frame, void* user) {
            return of(user)->onFrameRecv(*frame);
        });
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(
        callbacks,
        [](nghttp2_session*, std::uint8_t, std::int32_t id, const std::uint8_t*, std::size_t length, void* user) {
            if (const auto it = of(user)->streams_.find(id); it != of(user)->streams_.end())
                it->second.bodyBytes += length;
            return 0;
        });
    nghttp2_session_callbacks_set_on_frame_send_callback(
        callbacks, [](nghttp2_session*, const nghttp2_frame* frame, void* user) {
            // Also the resets of streams nghttp2 refused itself, which it never opened nor closes.
            if (frame->hd.type == NGHTTP2_RST_STREAM) of(user)->open_.erase(frame->hd.stream_id);
            if (frame->hd.type == NGHTTP2_GOAWAY) of(user)->goawaySent_ = true;
            return 0;
        });
    nghttp2_session_callbacks_set_on_stream_close_callback(
        callbacks, [](nghttp2_session*, std::int32_t id, std::uint32_t, void* user) {
            return of(user)->onStreamClose(id);
        });
}

// A HEADERS frame on a new stream opens it as the client counts, even one nghttp2 will refuse for
// exceeding SETTINGS_MAX_CONCURRENT_STREAMS: so a client that ignores the setting shows. After a
// GOAWAY, nghttp2 ignores new streams without closing them, so they are not counted.
int Connection::onBeginFrame(const nghttp2_frame_hd& head) {
    if (head.type == NGHTTP2_HEADERS && head.stream_id > highestOpened_ && !goawaySent_) {
        highestOpened_ = head.stream_id;
        open_.insert(head.stream_id);
        impl_.noteConcurrent(open_.size());
    }
    return 0;
}

int Connection::onBeginHeaders(const nghttp2_frame& frame) {
    if (frame.headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    const int number = ++requests_;
    const bool goaway = impl_.fault == Fault::h2GoawayAfter;
    if (goaway && number > kGoawayAfter) return 0;  // above the GOAWAY's last stream: not processed
    streams_[frame.hd.stream_id].number = number;
    impl_.countRequest();
    if (goaway && number == kGoawayAfter) {
        // Sent before the answers still due; nghttp2 closes the streams above this one on sending it.
        nghttp2_submit_goaway(session_, NGHTTP2_FLAG_NONE, frame.hd.stream_id, NGHTTP2_NO_ERROR, nullptr, 0);
    }
    return 0;
}

int Connection::onFrameRecv(const nghttp2_frame& frame) {
    const auto type = frame.hd.type;
    if (type == NGHTTP2_SETTINGS && !(frame.hd.flags & NGHTTP2_FLAG_ACK)) settingsReceived_ = true;
    if ((type == NGHTTP2_HEADERS || type == NGHTTP2_DATA) && (frame.hd.flags & NGHTTP2_FLAG_END_STREAM))
        onRequestComplete(frame.hd.stream_id);
    return 0;
}

int Connection::onStreamClose(std::int32_t id) {
    open_.erase(id);
    streams_.erase(id);
    return 0;
}

// The fault's decision, once the client has sent the whole request.
void Connection::onRequestComplete(std::int32_t id) {
    const auto it = streams_.find(id);
    if (it == streams_.end()) return;  // not processed (h2GoawayAfter)
    switch (impl_.fault) {
        case Fault::h2RstStream: reset(id, NGHTTP2_INTERNAL_ERROR); break;
        case Fault::h2Refuse:
            if (it->second.number % 2 == 0) reset(id, NGHTTP2_REFUSED_STREAM);
            else answer(id, "ok\n");
            break;
        case Fault::h2MaxStreams1: answerLater(id, kMaxStreams1Delay); break;
        case Fault::h2TinyWindow: answer(id, std::to_string(it->second.bodyBytes)); break;
        case Fault::h2NoReply:
        case Fault::h2StopReading: break;
        default: answer(id, "ok\n"); break;  // h2Ok, h2GoawayAfter, h2HugeHeaders
    }
}

void Connection::answer(std::int32_t id, std::string body) {
    const auto it = streams_.find(id);
    if (it == streams_.end()) return;  // closed meanwhile (the client reset it)
    RequestStream& stream = it->second;
    stream.body = std::move(body);
    const std::string length = std::to_string(stream.body.size());
    std::vector<nghttp2_nv> head{field(":status", "200"), field("content-type", "text/plain"),
                                 field("content-length", length)};
    if (impl_.fault == Fault::h2HugeHeaders)
        for (const auto& [name, value] : hugeFields()) head.push_back(field(name, value));
    nghttp2_data_provider provider{};
    provider.source.ptr = &stream;
    provider.read_callback = readBody;
    nghttp2_submit_response(session_, id, head.data(), head.size(), &provider);
}

void Connection::answerLater(std::int32_t id, std::chrono::milliseconds delay) {
    auto timer = std::make_shared<asio::steady_timer>(wake_.get_executor(), delay);
    timer->async_wait([self = shared_from_this(), timer, id](boost::system::error_code ec) {
        if (ec) return;
        self->answer(id, "ok\n");
        self->wake();
    });
}

template <class Stream>
awaitable<void> Connection::readLoop(Stream& stream) {
    std::array<std::uint8_t, 16 * 1024> buffer;
    for (;;) {
        boost::system::error_code ec;
        const std::size_t n =
            co_await stream.async_read_some(asio::buffer(buffer), asio::redirect_error(use_awaitable, ec));
        if (ec) break;                      // the client closed, or the writer did
        if (closing_ || failed_) continue;  // lingering before the close: the bytes are dropped
        if (nghttp2_session_mem_recv(session_, buffer.data(), n) < 0) failed_ = true;  // e.g. no preface
        wake();
        if (impl_.fault == Fault::h2StopReading && settingsReceived_) {
            asio::steady_timer never(stream.get_executor(), asio::steady_timer::time_point::max());
            co_await never.async_wait(asio::redirect_error(use_awaitable, ec));
            break;
        }
    }
    readerDone_ = true;
    closing_ = true;
    wake();
}

awaitable<void> Connection::waitForWake() {
    wake_.expires_at(asio::steady_timer::time_point::max());
    boost::system::error_code cancelled;  // by wake(): that is the point
    co_await wake_.async_wait(asio::redirect_error(use_awaitable, cancelled));
}

// Writes what nghttp2 has to send until it has nothing; false when the connection broke.
template <class Stream>
awaitable<bool> Connection::flush(Stream& stream) {
    for (;;) {
        std::string out;
        const std::uint8_t* data = nullptr;
        ssize_t n = 0;
        while (out.size() < 64 * 1024 && (n = nghttp2_session_mem_send(session_, &data)) > 0)
            out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
        if (n < 0) co_return false;
        if (out.empty()) co_return true;
        boost::system::error_code ec;
        co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(use_awaitable, ec));
        if (ec) co_return false;
    }
}

// Sends what the session produces. When the session is finished (GOAWAY sent and its streams
// answered, or the client's bytes refused), it sends a FIN and waits a moment for the client to
// read before closing, since a close with unread bytes resets the connection. Over TLS there is
// no close_notify: the client sees the stream truncated.
template <class Stream>
awaitable<void> Connection::writeLoop(Stream& stream) {
    boost::system::error_code ignored;
    while (!closing_) {
        if (!co_await flush(stream)) break;
        if (finished()) {
            closing_ = true;
            lowest(stream).shutdown(tcp::socket::shutdown_send, ignored);
            if (readerDone_) break;
            wake_.expires_after(kLinger);
            co_await wake_.async_wait(asio::redirect_error(use_awaitable, ignored));  // or the reader ends
            break;
        }
        co_await waitForWake();
    }
    closing_ = true;
    lowest(stream).close(ignored);
}

template <class Stream>
awaitable<void> serve(Stream& stream, FaultServer::Impl& impl) {
    using namespace asio::experimental::awaitable_operators;
    // Without it, Nagle holds a late small answer until the client's delayed ACK (40 ms).
    boost::system::error_code ignored;
    lowest(stream).set_option(tcp::no_delay(true), ignored);
    const auto connection = std::make_shared<Connection>(impl, stream.get_executor());
    co_await (connection->readLoop(stream) && connection->writeLoop(stream));
}

}  // namespace

bool isHttp2(Fault fault) {
    switch (fault) {
        case Fault::h2Ok: case Fault::h2GoawayAfter: case Fault::h2RstStream: case Fault::h2Refuse:
        case Fault::h2MaxStreams1: case Fault::h2TinyWindow: case Fault::h2StopReading:
        case Fault::h2HugeHeaders: case Fault::h2NoReply: return true;
        default: return false;
    }
}

void selectH2ByAlpn(SSL_CTX* context) {
    SSL_CTX_set_alpn_select_cb(
        context,
        [](SSL*, const unsigned char** out, unsigned char* outLength, const unsigned char* in,
           unsigned int inLength, void*) {
            // 1: "h2" was offered and is now selected; 0 would be http/1.1, which this server does not speak.
            auto** selected = const_cast<unsigned char**>(out);
            const bool h2 = nghttp2_select_next_protocol(selected, outLength, in, inLength) == 1;
            return h2 ? SSL_TLSEXT_ERR_OK : SSL_TLSEXT_ERR_NOACK;
        },
        nullptr);
}

awaitable<void> serveHttp2(tcp::socket& stream, FaultServer::Impl& impl) { return serve(stream, impl); }

awaitable<void> serveHttp2(asio::ssl::stream<tcp::socket>& stream, FaultServer::Impl& impl) {
    return serve(stream, impl);
}

}  // namespace salvo::test
