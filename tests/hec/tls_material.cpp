#include "tls_material.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace eventgen::test {

namespace {

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
    void operator()(X509* x) const { X509_free(x); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

[[noreturn]] void fail(const std::string& what) {
    char detail[256] = "";
    ERR_error_string_n(ERR_get_error(), detail, sizeof detail);
    throw std::runtime_error("TLS set-up: " + what + ": " + detail);
}

Key new_key() {
    // P-256: quick to generate, accepted by every TLS 1.2/1.3 client.
    Key k(EVP_EC_gen("P-256"));
    if (!k) fail("key generation");
    return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext || !X509_add_ext(cert, ext, -1)) fail(std::string("extension ") + value);
    X509_EXTENSION_free(ext);
}

// A certificate for `key` named `cn`; self-signed when issuer is null.
Cert new_cert(EVP_PKEY* key, const char* cn, X509* issuer, EVP_PKEY* issuer_key, bool ca,
              const std::string& names = "") {
    Cert cert(X509_new());
    if (!cert) fail("X509_new");
    X509_set_version(cert.get(), 2);  // v3, needed for extensions
    unsigned char serial[8];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F;  // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    // Valid from an hour ago so a skewed clock cannot make the first handshake fail.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Eventgen tests"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509* signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
    add_ext(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    if (ca) {
        add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
        add_ext(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
        add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        add_ext(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        add_ext(cert.get(), signer, NID_subject_alt_name, names.c_str());
    }
    if (!X509_sign(cert.get(), issuer_key, EVP_sha256())) fail("signing");
    return cert;
}

// Writes PEM blocks with `write` into path; private keys get mode 0600.
template <typename Write>
void write_pem(const std::string& path, Write write) {
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw std::runtime_error("TLS set-up: cannot write " + path);
    bool ok = write(f);
    std::fclose(f);
    if (!ok) fail("writing " + path);
}

}  // namespace

TlsMaterial::TlsMaterial(const std::string& names) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hec-tls-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("TLS set-up: mkdtemp failed");
    dir_ = tmpl;
    ca_path_ = dir_ + "/ca.pem";
    cert_path_ = dir_ + "/server.pem";
    key_path_ = dir_ + "/server.key";
    try {
        Key ca_key = new_key();
        Cert ca = new_cert(ca_key.get(), "Eventgen test CA", nullptr, ca_key.get(), true);
        Key key = new_key();
        std::string cn = names.rfind("DNS:", 0) == 0 ? names.substr(4, names.find(',') - 4) : "localhost";
        Cert leaf = new_cert(key.get(), cn.c_str(), ca.get(), ca_key.get(), false, names);
        write_pem(ca_path_, [&](FILE* f) { return PEM_write_X509(f, ca.get()) == 1; });
        write_pem(cert_path_,
                  [&](FILE* f) { return PEM_write_X509(f, leaf.get()) == 1 && PEM_write_X509(f, ca.get()) == 1; });
        write_pem(key_path_, [&](FILE* f) {
            return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
        });
        namespace fs = std::filesystem;
        fs::permissions(key_path_, fs::perms::owner_read | fs::perms::owner_write);

        ctx_ = SSL_CTX_new(TLS_server_method());
        if (!ctx_) fail("SSL_CTX_new");
        SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION);
        if (SSL_CTX_use_certificate_chain_file(ctx_, cert_path_.c_str()) != 1) fail("loading the certificate");
        if (SSL_CTX_use_PrivateKey_file(ctx_, key_path_.c_str(), SSL_FILETYPE_PEM) != 1) fail("loading the key");
        if (SSL_CTX_check_private_key(ctx_) != 1) fail("key does not match the certificate");
    } catch (...) {
        if (ctx_) SSL_CTX_free(ctx_);
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
        throw;
    }
}

TlsMaterial::~TlsMaterial() {
    SSL_CTX_free(ctx_);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

}  // namespace eventgen::test
