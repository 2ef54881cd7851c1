#pragma once
// The names a server's TLS certificate holds, for errors that say why verification
// failed ("the certificate is for DNS:indexer1.example, IP:10.0.0.5").
#include <openssl/x509.h>

#include <string>

namespace eventgen {

// Subject alternative names (DNS:..., IP:...), else the subject's common name (CN=...);
// "no names" when it has neither.
std::string certificate_names(X509* cert);

// An OpenSSL verify callback that keeps OpenSSL's verdict and remembers the names of
// the server's certificate for this thread's handshake (the certificate is gone once a
// handshake failed); peer_names() reads them, clear_peer_names() starts over.
int remember_peer_names(int ok, X509_STORE_CTX* store);
const std::string& peer_names();
void clear_peer_names();

// "TLS host name mismatch: the certificate of <where> is for <names>, not <name>; ..."
std::string host_mismatch_message(const std::string& where, const std::string& name, const std::string& names);

}  // namespace eventgen
