// Token handling: the HTTP statuses, codes and bodies splunkd answers with.
#include "hec_test_fixture.h"

namespace eventgen::test {
namespace {

class HecAuthTest : public HecServerTest {};

constexpr const char* kEvent = R"({"event":"hello"})";

TEST_F(HecAuthTest, MissingTokenIs401Code2) {
    HttpResult r = client_->post("/services/collector", kEvent, "");
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"text":"Token is required","code":2})");
    EXPECT_EQ(r.headers["content-type"], "application/json; charset=UTF-8");
    EXPECT_EQ(r.headers["server"], "Splunkd");
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecAuthTest, WrongTokenIs403Code4) {
    HttpResult r = client_->post("/services/collector", kEvent, "not-a-token");
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"text":"Invalid token","code":4})");
}

TEST_F(HecAuthTest, DisabledTokenIs403Code1AndCanBeReenabled) {
    ASSERT_TRUE(server_->set_token_disabled(kToken, true));
    HttpResult r = post_event(kEvent);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(r.body, R"({"text":"Token disabled","code":1})");
    ASSERT_TRUE(server_->set_token_disabled(kToken, false));
    EXPECT_EQ(post_event(kEvent).status, 200);
    EXPECT_EQ(server_->event_count(), 1u);
}

TEST_F(HecAuthTest, MalformedAuthorizationIs401Code3) {
    for (const char* header : {"Authorization: Bearer abc", "Authorization: Splunk", "Authorization: Basic !!!"}) {
        HttpResult r = client_->post("/services/collector", kEvent, "", {header});
        EXPECT_EQ(r.status, 401) << header;
        EXPECT_EQ(r.json_int("code"), 3) << header;
    }
}

TEST_F(HecAuthTest, BasicAuthCarriesTheTokenAsPassword) {
    // "x:<kToken>" in base64.
    HttpResult r = client_->post(
        "/services/collector", kEvent, "",
        {"Authorization: Basic eDoxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTU="});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(server_->stats().events_per_token[kToken], 1u);
}

TEST_F(HecAuthTest, QueryStringTokenNeedsTheTokenToAllowIt) {
    HttpResult r = client_->post(std::string("/services/collector?token=") + kToken, kEvent, "");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"Query string authorization is not enabled","code":16})");
    server_->add_token(HecToken{.token = "qs-token", .allow_query_string_auth = true});
    // The query-string token wins over a bad header.
    r = client_->post("/services/collector?token=qs-token", kEvent, "wrong");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(server_->stats().events_per_token["qs-token"], 1u);
}

TEST_F(HecAuthTest, OnlyKnownTokensCountEvents) {
    ASSERT_EQ(post_event(kEvent).status, 200);
    ASSERT_EQ(client_->post("/services/collector", kEvent, "bad").status, 403);
    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 1u);
    EXPECT_EQ(s.responses_per_status[200], 1u);
    EXPECT_EQ(s.responses_per_status[403], 1u);
}

}  // namespace
}  // namespace eventgen::test
