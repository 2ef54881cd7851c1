// HTTPS with the generated certificate: verification against its CA succeeds,
// against any other trust store it fails, and turning verification off works.
#include <filesystem>

#include "hec_test_fixture.h"
#include "tls_material.h"

namespace eventgen::test {
namespace {

class HecTlsTest : public HecServerTest {
protected:
    void SetUp() override {
        HecServerOptions o = standard_options();
        o.tls = true;
        start(o);
    }
    HttpResult post_with(bool verify, const std::string& ca, const std::string& host = "127.0.0.1") {
        HecClient client("https://" + host + ":" + std::to_string(server_->port()));
        client.set_tls(verify, ca);
        return client.post("/services/collector", R"({"event":"secure"})", kToken);
    }
};

TEST_F(HecTlsTest, ExposesGeneratedPemFiles) {
    EXPECT_TRUE(server_->tls());
    EXPECT_EQ(server_->base_url().rfind("https://127.0.0.1:", 0), 0u);
    for (const std::string& p : {server_->ca_path(), server_->cert_path(), server_->key_path()})
        EXPECT_TRUE(std::filesystem::is_regular_file(p)) << p;
}

TEST_F(HecTlsTest, VerifiesAgainstTheGeneratedCa) {
    HttpResult r = post_with(true, server_->ca_path());
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200);
    // The certificate names localhost as well as 127.0.0.1.
    r = post_with(true, server_->ca_path(), "localhost");
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(server_->event_count(), 2u);
}

TEST_F(HecTlsTest, VerificationWithoutTheCaFails) {
    TlsMaterial stranger;  // some other CA
    HttpResult r = post_with(true, stranger.ca_path());
    EXPECT_EQ(r.curl, CURLE_PEER_FAILED_VERIFICATION) << r.error;
    r = post_with(true, "");  // the system store does not know our CA either
    EXPECT_NE(r.curl, CURLE_OK);
    EXPECT_EQ(server_->event_count(), 0u);
    EXPECT_TRUE(server_->wait_for([](const HecStats& s) { return s.tls_handshake_failures >= 2; }, kWait));
}

TEST_F(HecTlsTest, VerificationOffAccepts) {
    HttpResult r = post_with(false, "");
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200);
}

TEST_F(HecTlsTest, KeepAliveOverTls) {
    HecClient client(server_->base_url());
    client.set_tls(true, server_->ca_path());
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(client.post("/services/collector", R"({"event":"k"})", kToken).status, 200);
    EXPECT_EQ(server_->stats().connections, 1u);
    EXPECT_EQ(server_->event_count(), 4u);
}

TEST_F(HecTlsTest, PlainHttpToTlsPortFails) {
    HecClient client("http://127.0.0.1:" + std::to_string(server_->port()));
    HttpResult r = client.post("/services/collector", R"({"event":"x"})", kToken);
    EXPECT_NE(r.status, 200);
    EXPECT_EQ(server_->event_count(), 0u);
}

}  // namespace
}  // namespace eventgen::test
