// Channels and indexer acknowledgement.
#include "hec_test_fixture.h"

namespace eventgen::test {
namespace {

class HecAckTest : public HecServerTest {
protected:
    HttpResult post_ack_event(const std::string& channel) {
        return client_->post("/services/collector/event", R"({"event":"acked"})", kAckToken,
                             {"X-Splunk-Request-Channel: " + channel});
    }
    HttpResult query(const std::string& channel, const std::string& body) {
        return client_->post("/services/collector/ack?channel=" + channel, body, kAckToken);
    }
};

TEST_F(HecAckTest, AckTokenNeedsAChannel) {
    HttpResult r = client_->post("/services/collector", R"({"event":"x"})", kAckToken);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"Data channel is missing","code":10})");
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecAckTest, AckIdsCountUpPerChannel) {
    std::string a = test_channel(1), b = test_channel(2);
    for (long i = 0; i < 3; ++i) {
        HttpResult r = post_ack_event(a);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.body, R"({"text":"Success","code":0,"ackId":)" + std::to_string(i) + "}");
    }
    EXPECT_EQ(post_ack_event(b).json_int("ackId"), 0);  // channels count independently
    // The channel may come as a query parameter too.
    HttpResult r = client_->post("/services/collector?channel=" + b, R"({"event":"q"})", kAckToken);
    EXPECT_EQ(r.json_int("ackId"), 1);
    EXPECT_EQ(server_->pending_acks(), 5u);
}

TEST_F(HecAckTest, AckedIdsAreReportedTrueOnceThenForgotten) {
    std::string ch = test_channel(3);
    ASSERT_EQ(post_ack_event(ch).json_int("ackId"), 0);
    ASSERT_EQ(post_ack_event(ch).json_int("ackId"), 1);
    HttpResult r = query(ch, R"({"acks":[0,1,7]})");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"acks":{"0":true,"1":true,"7":false}})");
    r = query(ch, R"({"acks":[0,1]})");
    EXPECT_EQ(r.body, R"({"acks":{"0":false,"1":false}})");
    EXPECT_EQ(server_->pending_acks(), 0u);
}

TEST_F(HecAckTest, DelayedAcksStayFalse) {
    server_->set_ack_delay(std::chrono::hours(1));
    std::string ch = test_channel(4);
    ASSERT_EQ(post_ack_event(ch).status, 200);
    EXPECT_EQ(server_->event_count(), 1u);  // indexed, just not acknowledged yet
    EXPECT_EQ(query(ch, R"({"acks":[0]})").body, R"({"acks":{"0":false}})");
    EXPECT_EQ(server_->pending_acks(), 1u);
}

TEST_F(HecAckTest, FailedRequestsGetNoAckId) {
    std::string ch = test_channel(5);
    HttpResult r = client_->post("/services/collector", R"({"event":""})", kAckToken,
                                 {"X-Splunk-Request-Channel: " + ch});
    EXPECT_EQ(r.status, 400);
    EXPECT_FALSE(r.json_int("ackId"));
    EXPECT_EQ(post_ack_event(ch).json_int("ackId"), 0);
}

TEST_F(HecAckTest, AckEndpointErrors) {
    std::string ch = test_channel(6);
    HttpResult r = client_->post("/services/collector/ack?channel=" + ch, R"({"acks":[0]})", kToken);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"ACK is disabled","code":14})");
    r = client_->post("/services/collector/ack", R"({"acks":[0]})", kAckToken);
    EXPECT_EQ(r.json_int("code"), 10);
    r = query(ch, R"({"acks":"all"})");
    EXPECT_EQ(r.json_int("code"), 6);
    r = client_->post("/services/collector/ack?channel=zzz", R"({"acks":[0]})", kAckToken);
    EXPECT_EQ(r.json_int("code"), 11);
}

TEST_F(HecAckTest, AckCanBeSwitchedOnAtRunTime) {
    ASSERT_TRUE(server_->set_token_ack(kToken, true));
    HttpResult r = client_->post("/services/collector", R"({"event":"x"})", kToken,
                                 {"X-Splunk-Request-Channel: " + test_channel(7)});
    EXPECT_EQ(r.json_int("ackId"), 0);
}

}  // namespace
}  // namespace eventgen::test
