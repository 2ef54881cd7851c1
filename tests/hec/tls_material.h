#pragma once
// A throw-away certificate authority plus a server certificate it signed (for
// 127.0.0.1 and localhost, or the names a test gives, to provoke a host name mismatch),
// written as PEM into a fresh temporary folder, and the server-side SSL_CTX using them.
// Clients verify against ca_path().
#include <openssl/ssl.h>

#include <string>

namespace eventgen::test {

class TlsMaterial {
public:
    static constexpr const char* kLoopbackNames = "DNS:localhost,IP:127.0.0.1,IP:::1";
    // `names`: the server certificate's subject alternative names, OpenSSL's syntax.
    explicit TlsMaterial(const std::string& names = kLoopbackNames);  // throws std::runtime_error when OpenSSL fails
    ~TlsMaterial();
    TlsMaterial(const TlsMaterial&) = delete;
    TlsMaterial& operator=(const TlsMaterial&) = delete;

    const std::string& dir() const { return dir_; }
    const std::string& ca_path() const { return ca_path_; }      // the CA certificate
    const std::string& cert_path() const { return cert_path_; }  // server certificate, then the CA
    const std::string& key_path() const { return key_path_; }    // server private key
    SSL_CTX* context() const { return ctx_; }

private:
    std::string dir_, ca_path_, cert_path_, key_path_;
    SSL_CTX* ctx_ = nullptr;
};

}  // namespace eventgen::test
