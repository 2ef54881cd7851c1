// JSON and raw intake over HTTP: batches, metadata, validation, routes, limits.
#include "hec_test_fixture.h"

namespace eventgen::test {
namespace {

class HecEventTest : public HecServerTest {};

TEST_F(HecEventTest, BatchOnEveryJsonRoute) {
    const std::string batch = R"({"event":"one","time":1700000000.25}{"event":"two"}
{"event":{"msg":"three"},"sourcetype":"json","host":"web-1","fields":{"dc":"eu"}})";
    for (const char* path : {"/services/collector", "/services/collector/event", "/services/collector/event/1.0"}) {
        HttpResult r = post_event(batch, path);
        ASSERT_EQ(r.curl, CURLE_OK) << r.error;
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.body, R"({"text":"Success","code":0})");
    }
    std::vector<HecEvent> events = server_->events();
    ASSERT_EQ(events.size(), 9u);
    EXPECT_EQ(events[0].event, "one");
    EXPECT_DOUBLE_EQ(events[0].time.value_or(0), 1700000000.25);
    EXPECT_EQ(events[0].host, "127.0.0.1");            // connection_host = ip
    EXPECT_EQ(events[0].source, "http:eventgen");      // the token's name
    EXPECT_EQ(events[0].sourcetype, "httpevent");
    EXPECT_EQ(events[0].index, "main");
    EXPECT_EQ(events[0].token, kToken);
    EXPECT_EQ(events[0].endpoint, "event");
    EXPECT_EQ(events[2].event, R"({"msg":"three"})");
    EXPECT_EQ(events[2].host, "web-1");
    EXPECT_EQ(events[2].fields.at(0).second, "eu");

    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 9u);
    EXPECT_EQ(s.events_per_sourcetype["json"], 3u);
    EXPECT_EQ(s.events_per_sourcetype["httpevent"], 6u);
    EXPECT_EQ(s.events_per_host["web-1"], 3u);
    EXPECT_EQ(s.events_per_index["main"], 9u);
    EXPECT_EQ(s.requests_per_path["/services/collector/event/1.0"], 1u);
    EXPECT_EQ(s.requests, 3u);
}

TEST_F(HecEventTest, AnyErrorRejectsTheWholeRequest) {
    HttpResult r = post_event(R"({"event":"a"}{"event":"b"}{"event":"c")");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"Invalid data format","code":6,"invalid-event-number":2})");
    r = post_event(R"({"event":"a"}{"sourcetype":"x"})");
    EXPECT_EQ(r.body, R"({"text":"Event field is required","code":12,"invalid-event-number":1})");
    r = post_event(R"({"event":"  "})");
    EXPECT_EQ(r.body, R"({"text":"Event field cannot be blank","code":13,"invalid-event-number":0})");
    r = post_event("");
    EXPECT_EQ(r.body, R"({"text":"No data","code":5})");
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecEventTest, PrefixAcceptanceSwitch) {
    HecServerOptions o = standard_options();
    o.accept_prefix_on_error = true;
    start(o);
    EXPECT_EQ(post_event(R"({"event":"a"}{"event":"b"}{"event":""})").status, 400);
    EXPECT_EQ(server_->event_count(), 2u);
}

TEST_F(HecEventTest, IndexAllowListPerToken) {
    HttpResult r = client_->post("/services/collector", R"({"event":"a","index":"web"}{"event":"b"})", kWebToken);
    EXPECT_EQ(r.status, 200) << r.body;
    r = client_->post("/services/collector", R"({"event":"c","index":"main"}{"event":"d","index":"audit"})",
                      kWebToken);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"Incorrect index","code":7,"invalid-event-number":1})");
    HecStats s = server_->stats();
    EXPECT_EQ(s.events_per_index["web"], 2u);  // "b" took the token's default index
    EXPECT_EQ(s.events_per_sourcetype["access_combined"], 2u);
    EXPECT_EQ(s.events, 2u);
}

TEST_F(HecEventTest, RawEndpointSplitsLinesWithQueryMetadata) {
    std::string ch = test_channel(1);
    HttpResult r = client_->post("/services/collector/raw?channel=" + ch +
                                     "&sourcetype=syslog&host=router%201&source=udp:514&index=net",
                                 "line one\nline two\r\n\nline three\n", kToken);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body, R"({"text":"Success","code":0})");
    std::vector<HecEvent> events = server_->events();
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[1].event, "line two");
    EXPECT_EQ(events[1].sourcetype, "syslog");
    EXPECT_EQ(events[1].host, "router 1");
    EXPECT_EQ(events[1].source, "udp:514");
    EXPECT_EQ(events[1].index, "net");
    EXPECT_EQ(events[1].channel, ch);
    EXPECT_EQ(events[1].endpoint, "raw");
    // The /raw/1.0 alias and the channel header work too.
    r = client_->post("/services/collector/raw/1.0", "x\n", kToken, {"X-Splunk-Request-Channel: " + ch});
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(server_->event_count(), 4u);
}

TEST_F(HecEventTest, RawNeedsAValidChannel) {
    HttpResult r = client_->post("/services/collector/raw", "x\n", kToken);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"text":"Data channel is missing","code":10})");
    r = client_->post("/services/collector/raw?channel=not-a-guid", "x\n", kToken);
    EXPECT_EQ(r.body, R"({"text":"Invalid data channel","code":11})");
    r = client_->post("/services/collector/raw?channel=" + test_channel(2) + "&index=secret", "x\n", kWebToken);
    EXPECT_EQ(r.json_int("code"), 7);
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecEventTest, HealthEndpoint) {
    HttpResult r = client_->get("/services/collector/health");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"text":"HEC is healthy","code":17})");
    EXPECT_EQ(client_->get("/services/collector/health/1.0").status, 200);
    r = client_->get("/services/collector/health", {"Authorization: Splunk nope"});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json_int("code"), 21);
    server_->inject(HecFault::busy, 1);
    r = client_->get("/services/collector/health");
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.body, R"({"text":"HEC is unhealthy, queues are full","code":18})");
}

TEST_F(HecEventTest, UnknownPathsAndMethods) {
    HttpResult r = post_event(R"({"event":"a"})", "/services/collectorx");
    EXPECT_EQ(r.status, 404);
    EXPECT_TRUE(r.body.empty());
    r = client_->get("/services/collector/event");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.headers["allow"], "POST, OPTIONS");
    HecRequest options;
    options.method = "OPTIONS";
    options.path = "/services/collector/health";
    r = client_->send(options);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["allow"], "GET, OPTIONS");
    EXPECT_EQ(server_->stats().requests_per_path["/services/collectorx"], 1u);
}

TEST_F(HecEventTest, BodyOverMaxContentLengthIs413) {
    HecServerOptions o = standard_options();
    o.max_content_length = 1000;
    start(o);
    std::string big = R"({"event":")" + std::string(2000, 'x') + R"("})";
    HttpResult r = post_event(big);
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 413);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(r.headers["connection"], "Close");
    // Under the limit on a fresh connection: fine.
    EXPECT_EQ(post_event(R"({"event":"small"})").status, 200);
    EXPECT_EQ(server_->event_count(), 1u);
}

TEST_F(HecEventTest, OversizedEventIsCode6) {
    HecServerOptions o = standard_options();
    o.max_event_size = 100;
    start(o);
    HttpResult r = post_event(R"({"event":"ok"})" + std::string(R"({"event":")") + std::string(200, 'y') + "\"}");
    EXPECT_EQ(r.body, R"({"text":"Invalid data format","code":6,"invalid-event-number":1})");
}

}  // namespace
}  // namespace eventgen::test
