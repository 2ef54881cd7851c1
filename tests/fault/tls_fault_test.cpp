// TLS verification errors that say what is wrong (issue 18 item 12): a certificate for
// another host name gave "SSL peer certificate or SSH remote key was not OK"; now the
// error says host name mismatch with the host and the certificate's names. And
// splunkstream verifies splunkd's certificate by default, as HEC does, with
// splunkSSLVerify = false as the opt-out (it did not verify at all before). The servers
// are the in-test HEC server with certificates generated for the test.
#include <gtest/gtest.h>

#include "fault_util.h"
#include "hec_server.h"
#include "process.h"

using namespace eventgen::test;

namespace {

HecServerOptions tls_options(const std::string& names = "DNS:localhost,IP:127.0.0.1,IP:::1") {
    HecServerOptions o;
    o.tls = true;
    o.tls_names = names;
    o.tokens = {HecToken{"00000000-0000-0000-0000-000000000000"}};
    return o;
}

std::string hec_app(const HecServer& s, const std::string& extra) {
    return fault_ids_app("outputMode = httpevent\nhttpeventServers = {\"servers\": [{\"protocol\": \"https\", "
                         "\"address\": \"127.0.0.1\", \"port\": \"" +
                         std::to_string(s.port()) +
                         "\", \"key\": \"00000000-0000-0000-0000-000000000000\"}]}\ncount = 10\nend = 1\n" + extra);
}

// splunkstream against the HEC server's TLS port: the handshake is what is tested; past
// it, the HEC server refuses the login, which shows that verification let it through.
std::string stream_app(const HecServer& s, const std::string& extra) {
    return fault_ids_app("outputMode = splunkstream\nsplunkHost = 127.0.0.1\nsplunkPort = " + std::to_string(s.port()) +
                         "\nsplunkUser = admin\nsplunkPass = pw\ncount = 10\nend = 1\n" + extra);
}

ProcessResult generate(const std::string& app) {
    ProcessResult r = run_process({binary_path(), "generate", app}, "", std::chrono::seconds(60));
    EXPECT_FALSE(r.timed_out) << r.err;
    return r;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST(TlsErrors, HecHostNameMismatchNamesHostAndCertificateNames) {
    HecServer server(tls_options("DNS:hec.example.com,IP:10.1.2.3"));
    ProcessResult r = generate(hec_app(server, "httpeventCAFile = " + server.ca_path() + "\n"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "TLS host name mismatch: the certificate of 127.0.0.1:" + std::to_string(server.port()) +
                               " is for DNS:hec.example.com, IP:10.1.2.3, not '127.0.0.1'"))
        << r.err;
    EXPECT_EQ(server.event_count(), 0u);
}

TEST(TlsErrors, HecUntrustedCertificateSaysWhy) {
    HecServer server(tls_options());
    ProcessResult r = generate(hec_app(server, ""));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "TLS certificate not trusted: self-signed certificate in certificate chain")) << r.err;
    EXPECT_TRUE(has(r.err, "(the certificate is for DNS:localhost, IP:127.0.0.1, IP:::1)")) << r.err;
    EXPECT_TRUE(has(r.err, "httpeventCAFile")) << r.err;
}

TEST(SplunkStreamTls, VerifiedByDefault) {
    HecServer server(tls_options());
    ProcessResult r = generate(stream_app(server, ""));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "splunkstream: cannot verify splunkd's TLS certificate: https://127.0.0.1:" +
                               std::to_string(server.port()) + "/services/auth/login: TLS certificate not trusted"))
        << r.err;
    EXPECT_TRUE(has(r.err, "splunkCAFile")) << r.err;
    EXPECT_TRUE(has(r.err, "splunkSSLVerify = false")) << r.err;
}

TEST(SplunkStreamTls, HostNameMismatchIsRefused) {
    HecServer server(tls_options("DNS:sh1.example.com"));
    ProcessResult r = generate(stream_app(server, "splunkCAFile = " + server.ca_path() + "\n"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(has(r.err, "TLS host name mismatch: the certificate of 127.0.0.1:" + std::to_string(server.port()) +
                               " is for DNS:sh1.example.com, not '127.0.0.1'"))
        << r.err;
}

TEST(SplunkStreamTls, TheTrustedCaAndTheOptOutBothGetPastTheHandshake) {
    HecServer server(tls_options());
    std::string login_refused = "login to https://127.0.0.1:" + std::to_string(server.port()) + " as 'admin' failed";
    ProcessResult trusted = generate(stream_app(server, "splunkCAFile = " + server.ca_path() + "\n"));
    EXPECT_TRUE(has(trusted.err, login_refused)) << trusted.err;
    EXPECT_FALSE(has(trusted.err, "cannot verify")) << trusted.err;
    ProcessResult opted_out = generate(stream_app(server, "splunkSSLVerify = false\n"));
    EXPECT_TRUE(has(opted_out.err, login_refused)) << opted_out.err;
    EXPECT_FALSE(has(opted_out.err, "cannot verify")) << opted_out.err;
}
