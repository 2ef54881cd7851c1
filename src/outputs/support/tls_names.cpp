#include "outputs/support/tls_names.h"

#include <arpa/inet.h>
#include <openssl/x509v3.h>

namespace eventgen {

namespace {

std::string ip_text(const ASN1_OCTET_STRING* ip) {
    char buf[INET6_ADDRSTRLEN] = "";
    const unsigned char* d = ASN1_STRING_get0_data(ip);
    int n = ASN1_STRING_length(ip);
    if (n == 4) inet_ntop(AF_INET, d, buf, sizeof buf);
    if (n == 16) inet_ntop(AF_INET6, d, buf, sizeof buf);
    return buf;
}

}  // namespace

std::string certificate_names(X509* cert) {
    if (!cert) return "no names";
    std::string out;
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* g = sk_GENERAL_NAME_value(names, i);
        std::string one;
        if (g->type == GEN_DNS)
            one = "DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(g->d.dNSName)),
                                       static_cast<size_t>(ASN1_STRING_length(g->d.dNSName)));
        else if (g->type == GEN_IPADD)
            one = "IP:" + ip_text(g->d.iPAddress);
        if (!one.empty()) out += (out.empty() ? "" : ", ") + one;
    }
    if (names) GENERAL_NAMES_free(names);
    if (!out.empty()) return out;
    char cn[256] = "";
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) > 0)
        return "CN=" + std::string(cn);
    return "no names";
}

namespace {
thread_local std::string t_peer_names;
}

int remember_peer_names(int ok, X509_STORE_CTX* store) {
    // The server's own certificate (the chain's target), whichever link failed.
    if (t_peer_names.empty()) t_peer_names = certificate_names(X509_STORE_CTX_get0_cert(store));
    return ok;
}

const std::string& peer_names() { return t_peer_names; }
void clear_peer_names() { t_peer_names.clear(); }

std::string host_mismatch_message(const std::string& where, const std::string& name, const std::string& names) {
    return "TLS host name mismatch: the certificate of " + where + " is for " + names + ", not '" + name + "'";
}

}  // namespace eventgen
