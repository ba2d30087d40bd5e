#include "TestPki.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace salvo::test {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

Key newKey() { return Key(EVP_EC_gen("P-256"), EVP_PKEY_free); }

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// A certificate for `key`, signed by issuerKey (self-signed when issuer is null).
Cert makeCert(EVP_PKEY* key, const char* commonName, const char* subjectAltName, bool isCa,
              long notBeforeDays, long notAfterDays, X509* issuer, EVP_PKEY* issuerKey) {
    Cert cert(X509_new(), X509_free);
    static long serial = 1;
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), notBeforeDays * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), notAfterDays * 86400);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509* signer = issuer ? issuer : cert.get();
    addExtension(cert.get(), signer, NID_basic_constraints, isCa ? "critical,CA:TRUE" : "CA:FALSE");
    if (isCa) addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    if (subjectAltName) addExtension(cert.get(), signer, NID_subject_alt_name, subjectAltName);
    check(X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) > 0, "sign");
    return cert;
}

void writePem(const std::string& path, X509* cert, EVP_PKEY* key) {
    FILE* f = std::fopen(path.c_str(), "w");
    check(f != nullptr, "open output file");
    const bool ok = cert ? PEM_write_X509(f, cert) == 1
                         : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    std::fclose(f);
    check(ok, "write PEM");
}

}  // namespace

TestPki makeTestPki() {
    char pattern[] = "/tmp/salvo-pki-XXXXXX";
    check(mkdtemp(pattern) != nullptr, "mkdtemp");
    TestPki pki;
    pki.dir = pattern;
    const char* local = "DNS:localhost,IP:127.0.0.1,IP:::1";

    Key caKey = newKey();
    Cert ca = makeCert(caKey.get(), "Salvo Test CA", nullptr, true, -1, 30, nullptr, nullptr);
    pki.caFile = pki.dir + "/ca.pem";
    writePem(pki.caFile, ca.get(), nullptr);

    auto leaf = [&](const std::string& stem, const char* san, long from, long to, bool selfSigned,
                    std::string& certFile, std::string& keyFile) {
        Key key = newKey();
        Cert cert = makeCert(key.get(), "salvo test server", san, false, from, to,
                             selfSigned ? nullptr : ca.get(), selfSigned ? nullptr : caKey.get());
        certFile = pki.dir + "/" + stem + ".pem";
        keyFile = pki.dir + "/" + stem + ".key";
        writePem(certFile, cert.get(), nullptr);
        writePem(keyFile, nullptr, key.get());
    };
    leaf("good", local, -1, 30, false, pki.goodCert, pki.goodKey);
    leaf("expired", local, -30, -1, false, pki.expiredCert, pki.expiredKey);
    leaf("wronghost", "DNS:other.example", -1, 30, false, pki.wrongHostCert, pki.wrongHostKey);
    leaf("selfsigned", local, -1, 30, true, pki.selfSignedCert, pki.selfSignedKey);
    return pki;
}

}  // namespace salvo::test
