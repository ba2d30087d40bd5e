#include <gtest/gtest.h>

#include "Specs.hpp"
#include "TestPki.hpp"
#include "Worker.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
using salvo::test::pki;
using salvo::test::specFor;

namespace {
RunResult runTls(const std::string& cert, const std::string& key, const std::string& caFile,
                 bool insecure, const std::string& host = "127.0.0.1") {
    LocalTarget server(LocalTarget::Options{cert, key});
    RunSpec spec = specFor("https://" + host + ":" + std::to_string(server.port()) + "/", 25, 3, 1, "5", caFile);
    spec.tls.verify = !insecure;
    return runBlocking(spec);
}
}  // namespace

TEST(Tls, trustedCertificateWithCaFileCompletesExactly) {
    const RunResult r = runTls(pki().goodCert, pki().goodKey, pki().caFile, false);
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 25u);
    // TLS 1.3 session tickets after the handshake are not mistaken for unsolicited bytes.
    EXPECT_EQ(r.total.unsolicited, 0u);
    EXPECT_FALSE(RunResult::planFor(specFor("https://127.0.0.1/", 1, 1)).insecure);
}

// Above Worker::kReleaseTlsBuffersAbove connections a thread, OpenSSL frees each connection's
// record buffers between records (TlsStream.cpp): the counts stay exact.
TEST(Tls, aThreadWithHundredsOfConnectionsCountsExactly) {
    LocalTarget server(LocalTarget::Options{pki().goodCert, pki().goodKey});
    const std::uint32_t connections = Worker::kReleaseTlsBuffersAbove + 44;
    RunSpec spec = specFor("https://127.0.0.1:" + std::to_string(server.port()) + "/", 3000, connections, 1, "30",
                           pki().caFile);
    const RunResult r = runBlocking(spec);
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 3000u);
    EXPECT_EQ(r.total.failed, 0u);
    EXPECT_EQ(server.requestsServed(), 3000u);
}

TEST(Tls, hostNameIsVerifiedForDnsNamesToo) {
    const RunResult r = runTls(pki().goodCert, pki().goodKey, pki().caFile, false, "localhost");
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 25u);
}

TEST(Tls, untrustedCertificateFailsAndNamesTheProblem) {
    const RunResult r = runTls(pki().goodCert, pki().goodKey, "", false);
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_GE(r.total.errorCount(ErrorKind::tls), 1u);
    EXPECT_NE(r.message.find("certificate rejected: unable to get local issuer certificate"), std::string::npos)
        << r.message;
}

TEST(Tls, selfSignedCertificateIsRefused) {
    const RunResult r = runTls(pki().selfSignedCert, pki().selfSignedKey, pki().caFile, false);
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_NE(r.message.find("self-signed"), std::string::npos) << r.message;
}

TEST(Tls, expiredCertificateIsRefused) {
    const RunResult r = runTls(pki().expiredCert, pki().expiredKey, pki().caFile, false);
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_NE(r.message.find("expired"), std::string::npos) << r.message;
}

TEST(Tls, wrongHostCertificateIsRefused) {
    const RunResult r = runTls(pki().wrongHostCert, pki().wrongHostKey, pki().caFile, false);
    EXPECT_EQ(r.outcome, Outcome::failed);
    EXPECT_NE(r.message.find("mismatch"), std::string::npos) << r.message;
}

TEST(Tls, insecureSkipsVerificationAndSaysSo) {
    LocalTarget server(LocalTarget::Options{pki().selfSignedCert, pki().selfSignedKey});
    RunInput in;
    in.url = server.url();
    in.count = "10";
    in.insecure = true;
    const Validation v = validate(in);
    ASSERT_TRUE(v.ok());
    const RunResult r = runBlocking(v.spec);
    EXPECT_EQ(r.outcome, Outcome::finished) << r.message;
    EXPECT_EQ(r.total.succeeded, 10u);
    EXPECT_TRUE(r.insecure);
}
