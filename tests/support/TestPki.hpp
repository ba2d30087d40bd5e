#pragma once

#include <string>

namespace salvo::test {

// A throwaway PKI made at test time with OpenSSL: a CA, and server certificates it signed.
struct TestPki {
    std::string dir;
    std::string caFile;           // the CA certificate (PEM): pass as --cacert
    std::string goodCert, goodKey;      // for 127.0.0.1 and localhost, valid now
    std::string expiredCert, expiredKey;  // for 127.0.0.1 and localhost, expired yesterday
    std::string wrongHostCert, wrongHostKey;  // only for other.example
    std::string selfSignedCert, selfSignedKey;  // 127.0.0.1, signed by itself, not the CA
};

// Writes all files under a fresh temporary directory. Throws on failure.
TestPki makeTestPki();

// One PKI per test process, made on first use: every test that needs certificates shares it.
inline const TestPki& pki() {
    static const TestPki instance = makeTestPki();
    return instance;
}

}  // namespace salvo::test
