// What a careless user can type: every input the request builder or a library cannot take is
// refused by validate() with a message, and what passes is sent exactly as the RFCs allow.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "Request.hpp"
#include "TestPki.hpp"
#include "salvo/RunSpec.hpp"

using namespace salvo;

namespace {

RunInput inputFor(const std::string& url) {
    RunInput in;
    in.url = url;
    in.count = "10";
    return in;
}

std::string messageFor(const RunInput& in, Field field) {
    const Validation v = validate(in);
    for (const auto& e : v.errors)
        if (e.field == field) return e.message;
    return "";
}

RunInput withHeader(const std::string& line) {
    RunInput in = inputFor("http://127.0.0.1:8080/");
    in.headers.push_back(line);
    return in;
}

std::string tempDir() {
    char pattern[] = "/tmp/salvo-input-XXXXXX";
    return mkdtemp(pattern);
}

}  // namespace

TEST(HostileInput, headerValuesBeyondWhatBeastHoldsAreRefusedNotCrashed) {
    // 65,535 bytes aborted the process inside Beast before; now it is refused by name.
    for (std::size_t size : {std::size_t{65535}, kMaxHeaderValueBytes + 1}) {
        const std::string message = messageFor(withHeader("X-Big: " + std::string(size, 'v')), Field::headers);
        if (size <= kMaxHeaderValueBytes) {
            EXPECT_EQ(message, "") << size;
            const Validation v = validate(withHeader("X-Big: " + std::string(size, 'v')));
            EXPECT_NE(serializeRequest(v.spec).find("X-Big: " + std::string(size, 'v') + "\r\n"), std::string::npos);
        } else {
            EXPECT_NE(message.find("header 'X-Big' is too long: 262145 bytes, at most 262144"), std::string::npos) << message;
        }
    }
    EXPECT_NE(messageFor(withHeader(std::string(65535, 'n') + ": v"), Field::headers).find("header name is too long"),
              std::string::npos);
}

TEST(HostileInput, longHostNamesAndUrlsAreRefused) {
    EXPECT_NE(messageFor(inputFor("http://" + std::string(65535, 'h') + "/"), Field::url).find("URL is too long"),
              std::string::npos);
    EXPECT_NE(messageFor(inputFor("http://" + std::string(254, 'h') + "/"), Field::url).find("host name is too long: 254"),
              std::string::npos);
    EXPECT_NE(messageFor(inputFor("http://" + std::string(64, 'h') + ".example/"), Field::url).find("longer than 63"),
              std::string::npos);
    EXPECT_NE(messageFor(inputFor("http://a%00b.example/"), Field::url).find("%-escapes"), std::string::npos);
    EXPECT_EQ(messageFor(inputFor("http://" + std::string(63, 'h') + ".example/"), Field::url), "");
    EXPECT_NE(messageFor(inputFor("http://127.0.0.1/" + std::string(70000, 'p')), Field::url).find("URL is too long"),
              std::string::npos);
}

TEST(HostileInput, controlCharactersInHeaderValuesAreRefused) {
    for (char c : {'\x01', '\x7f', '\0', '\x1b', '\x0b'}) {
        EXPECT_NE(messageFor(withHeader(std::string("X-A: a") + c + "b"), Field::headers).find("control character"),
                  std::string::npos) << int(c);
    }
    EXPECT_EQ(messageFor(withHeader("X-A: tab\tand space and caf\xc3\xa9"), Field::headers), "");
    EXPECT_NE(messageFor(withHeader("X-A: a\rb"), Field::headers).find("line break"), std::string::npos);
}

TEST(HostileInput, methodsTooLongOrNotATokenAreRefused) {
    RunInput in = inputFor("http://127.0.0.1/");
    in.method = std::string(65, 'M');
    EXPECT_NE(messageFor(in, Field::method).find("too long"), std::string::npos);
    in.method = "GET /x";
    EXPECT_NE(messageFor(in, Field::method).find("single word"), std::string::npos);
}

TEST(HostileInput, repeatedHeadersAreAllSentAndOnlyThreeReplaceDefaults) {
    RunInput in = inputFor("http://127.0.0.1:8080/p");
    in.headers = {"X-A: 1", "X-A: 2", "user-agent: mine", "Accept: text/plain", "Host: other"};
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok()) << v.errors.front().message;
    EXPECT_EQ(serializeRequest(v.spec),
              "GET /p HTTP/1.1\r\nX-A: 1\r\nX-A: 2\r\nuser-agent: mine\r\nAccept: text/plain\r\nHost: other\r\n\r\n");
    in.headers = {"Host: a", "HOST: b"};
    EXPECT_EQ(messageFor(in, Field::headers), "only one Host header may be given");
}

TEST(HostileInput, requestBytesCarryTheDefaultsAndTheBody) {
    RunInput in = inputFor("http://[::1]:8080/x?y=1");
    in.method = "post";
    in.body = "a=1";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(serializeRequest(v.spec), "POST /x?y=1 HTTP/1.1\r\nHost: [::1]:8080\r\nUser-Agent: salvo/0.1\r\n"
                                        "Accept: */*\r\nContent-Length: 3\r\n\r\na=1");
    EXPECT_TRUE(isIdempotent("GET") && isIdempotent("HEAD") && isIdempotent("PUT") && isIdempotent("DELETE"));
    EXPECT_FALSE(isIdempotent("POST") || isIdempotent("PATCH"));
}

TEST(HostileInput, timeoutsBelowOneMillisecondAreRefused) {
    RunInput in = inputFor("http://127.0.0.1/");
    in.timeoutSeconds = "0.0001";
    EXPECT_NE(messageFor(in, Field::timeout).find("too short (at least 0.001 seconds"), std::string::npos);
    in.timeoutSeconds = "0.001";
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v.spec.timeout, std::chrono::milliseconds(1));
}

TEST(HostileInput, maxHeaderSizeTakesBytesOrUnitsWithinRange) {
    RunInput in = inputFor("http://127.0.0.1/");
    EXPECT_EQ(validate(in).spec.maxHeaderBytes, 100u * 1024);
    in.maxHeaderSize = "1m";
    EXPECT_EQ(validate(in).spec.maxHeaderBytes, 1024u * 1024);
    in.maxHeaderSize = "4096";
    EXPECT_EQ(validate(in).spec.maxHeaderBytes, 4096u);
    for (const char* bad : {"0", "12", "65m", "lots", "-1k", "k", "99999999999999999999"}) {
        in.maxHeaderSize = bad;
        EXPECT_NE(messageFor(in, Field::maxHeaderSize).find("from 1k to 64m"), std::string::npos) << bad;
    }
}

class CaFileKinds : public ::testing::Test {
protected:
    std::string message(const std::string& path) {
        RunInput in = inputFor("https://127.0.0.1/");
        in.caFile = path;
        return messageFor(in, Field::caFile);
    }
    std::string dir_ = tempDir();
    ~CaFileKinds() override { std::filesystem::remove_all(dir_); }
};

// Refused before anything is sent, each with its reason, and never read (a FIFO or
// /dev/stdin would block validate() forever, or spin the engine).
TEST_F(CaFileKinds, filesThatHoldNoCertificateAreRefusedWithTheReason) {
    EXPECT_NE(message(dir_).find("is a directory"), std::string::npos);
    std::ofstream(dir_ + "/empty.pem").flush();
    EXPECT_NE(message(dir_ + "/empty.pem").find("is empty"), std::string::npos);
    std::ofstream(dir_ + "/garbage.pem") << "not a certificate at all\n";
    EXPECT_NE(message(dir_ + "/garbage.pem").find("holds no PEM certificate"), std::string::npos);
    EXPECT_NE(message("/dev/null").find("not a regular file"), std::string::npos);
    ASSERT_EQ(mkfifo((dir_ + "/fifo").c_str(), 0600), 0);
    EXPECT_NE(message(dir_ + "/fifo").find("not a regular file"), std::string::npos);
    int pipeFds[2];
    ASSERT_EQ(pipe(pipeFds), 0);
    EXPECT_NE(message("/proc/self/fd/" + std::to_string(pipeFds[0])).find("not a regular file"), std::string::npos);
    close(pipeFds[0]);
    close(pipeFds[1]);
    EXPECT_EQ(message(test::pki().caFile), "");
}
