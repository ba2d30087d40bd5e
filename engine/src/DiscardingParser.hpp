#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "ResponseCheck.hpp"

namespace salvo {

// An HTTP/1.1 response parser that keeps nothing: it notes the status and counts body bytes.
// Beast's basic_parser does the framing (Content-Length, chunked, keep-alive); we only supply
// the callbacks. Unlike response_parser<...> it stores no header fields, so reading a response
// allocates nothing, and bodies of any size are counted, never held.
class DiscardingParser final : public boost::beast::http::basic_parser<false> {
public:
    // `headerLimit`: the longest response head accepted. `headRequest`: the response answers a
    // HEAD, so it carries no body whatever its Content-Length says (RFC 9110 9.3.2).
    DiscardingParser(std::uint32_t headerLimit, bool headRequest) {
        body_limit(boost::none);  // a load tester must accept any body size: we do not store it
        header_limit(headerLimit);
        skip(headRequest);
    }

    int status() const { return status_; }
    // When the response head was parsed: the first byte's time, near enough (Beast parses a
    // head once all of it is here, and a head is one segment in practice).
    std::chrono::steady_clock::time_point headAt() const { return headAt_; }
    // Keep the Location field (redirects are followed); it is reused, not reallocated.
    void keepLocation(std::string* location) {
        location_ = location;
        if (location_) location_->clear();
    }
    // The body, from now on, also goes to `watch` (for the checks); null: counted only.
    void watch(BodyWatch* watch) { watch_ = watch; }
    std::uint64_t bodyBytes() const { return bodyBytes_; }

private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                         error_code&) override {}
    // RFC 9110 15: a status code is three digits from 100 to 599. Beast accepts "000" or
    // "999" (found by FuzzResponse); counting those as successes would be a lie.
    void on_response_impl(int code, string_view, int, error_code& ec) override {
        status_ = code;
        headAt_ = std::chrono::steady_clock::now();
        if (code < 100 || code > 599) ec = boost::beast::http::error::bad_status;
    }
    void on_field_impl(boost::beast::http::field name, string_view, string_view value, error_code&) override {
        if (location_ && name == boost::beast::http::field::location) location_->assign(value.data(), value.size());
    }
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
    std::size_t on_body_impl(string_view body, error_code&) override {
        bodyBytes_ += body.size();
        if (watch_) watch_->feed({body.data(), body.size()});
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
        bodyBytes_ += body.size();
        if (watch_) watch_->feed({body.data(), body.size()});
        return body.size();
    }
    void on_finish_impl(error_code&) override {}

    int status_ = 0;
    std::uint64_t bodyBytes_ = 0;
    BodyWatch* watch_ = nullptr;
    std::string* location_ = nullptr;
    std::chrono::steady_clock::time_point headAt_{};
};

}  // namespace salvo
