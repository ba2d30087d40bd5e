#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/beast/http/error.hpp>

#include "ErrorText.hpp"

using namespace salvo;
namespace asio = boost::asio;
namespace http = boost::beast::http;

TEST(ErrorText, runningOutOfFilesOrPortsIsNamed) {
    EXPECT_NE(describeConnectError(asio::error::no_descriptors).find("ulimit -n"), std::string::npos);
    EXPECT_NE(describeConnectError(make_error_code(boost::system::errc::address_not_available))
                  .find("out of local ports"), std::string::npos);
    EXPECT_NE(describeConnectError(asio::error::connection_refused).find("cannot connect"), std::string::npos);
}

TEST(ErrorText, readErrorsAreClassifiedByKind) {
    EXPECT_EQ(classifyReadError(http::error::header_limit), ErrorKind::protocol);
    EXPECT_EQ(classifyReadError(http::error::bad_content_length), ErrorKind::protocol);
    EXPECT_EQ(classifyReadError(http::error::end_of_stream), ErrorKind::read);
    EXPECT_EQ(classifyReadError(http::error::partial_message), ErrorKind::read);
    EXPECT_EQ(classifyReadError(asio::error::connection_reset), ErrorKind::read);
}

TEST(ErrorText, closeMessagesSayWhetherAnyOfTheResponseArrived) {
    EXPECT_NE(describeRequestError(http::error::end_of_stream, ErrorKind::read, false, 8192).find("before a response"),
              std::string::npos);
    EXPECT_NE(describeRequestError(http::error::partial_message, ErrorKind::read, true, 8192).find("middle of a response"),
              std::string::npos);
}
