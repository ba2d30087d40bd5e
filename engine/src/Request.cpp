#include "Request.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>

namespace salvo {

std::string serializeRequest(const RunSpec& spec) {
    namespace http = boost::beast::http;
    http::request<http::string_body> request;
    request.method_string(spec.method);
    request.target(spec.target.requestTarget);
    request.version(11);
    request.set(http::field::host, spec.target.hostHeader);
    request.set(http::field::user_agent, "salvo/0.1");
    request.set(http::field::accept, "*/*");
    for (const auto& [name, value] : spec.headers) request.set(name, value);  // user wins
    request.body() = spec.body;
    // Content-Length only when there is a body or the method expects one.
    if (!spec.body.empty() || spec.method == "POST" || spec.method == "PUT" || spec.method == "PATCH")
        request.prepare_payload();
    std::ostringstream out;
    out << request;
    return out.str();
}

}  // namespace salvo
