// Scripted faults: error statuses, dropped connections, stalls, refused and
// killed listeners, keep-alive resets.
#include <thread>

#include "hec_test_fixture.h"

namespace eventgen::test {
namespace {

class HecFaultTest : public HecServerTest {
protected:
    // A fresh connection per request: libcurl silently retries a request once when a
    // *reused* connection dies, which would hide a dropped connection from the test.
    HttpResult post_fresh(const std::string& body, long timeout_ms = 30000) {
        HecClient fresh(server_->base_url());
        HecRequest req;
        req.body = body;
        req.token = kToken;
        req.timeout_ms = timeout_ms;
        return fresh.send(req);
    }
};

constexpr const char* kEvent = R"({"event":"payload"})";

TEST_F(HecFaultTest, BusyForNextRequestsThenRecovers) {
    server_->inject(HecFault::busy, 2);
    for (int i = 0; i < 2; ++i) {
        HttpResult r = post_event(kEvent);
        EXPECT_EQ(r.status, 503);
        EXPECT_EQ(r.body, R"({"text":"Server is busy","code":9})");
    }
    EXPECT_EQ(post_event(kEvent).status, 200);
    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 1u);
    EXPECT_EQ(s.responses_per_status[503], 2u);
    EXPECT_EQ(s.connections, 1u);  // error answers keep the connection
}

TEST_F(HecFaultTest, ThrottledInternalErrorAndShuttingDown) {
    server_->inject(HecFault::throttled);
    server_->inject(HecFault::internal_error);
    server_->inject(HecFault::shutting_down);
    HttpResult r = post_event(kEvent);
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.json_int("code"), 26);
    r = post_event(kEvent);
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body, R"({"text":"Internal server error","code":8})");
    r = post_event(kEvent);
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.json_int("code"), 23);
    EXPECT_EQ(post_event(kEvent).status, 200);
    EXPECT_EQ(server_->event_count(), 1u);
}

TEST_F(HecFaultTest, BusyWindowAlsoMakesHealthUnhealthy) {
    server_->busy_for(std::chrono::hours(1));
    EXPECT_EQ(post_event(kEvent).status, 503);
    EXPECT_EQ(client_->get("/services/collector/health").json_int("code"), 18);
    server_->clear_faults();
    EXPECT_EQ(post_event(kEvent).status, 200);
    EXPECT_EQ(client_->get("/services/collector/health").json_int("code"), 17);
}

TEST_F(HecFaultTest, CloseBeforeOrAfterBodyLosesTheRequest) {
    server_->inject(HecFault::close_before_body);
    server_->inject(HecFault::close_after_body);
    HttpResult r = post_fresh(kEvent);
    EXPECT_NE(r.curl, CURLE_OK);
    r = post_fresh(kEvent);
    EXPECT_NE(r.curl, CURLE_OK);
    EXPECT_EQ(r.curl, CURLE_GOT_NOTHING) << r.error;
    EXPECT_EQ(server_->event_count(), 0u);
    EXPECT_EQ(server_->stats().dropped_connections, 2u);
    EXPECT_EQ(post_fresh(kEvent).status, 200);
}

TEST_F(HecFaultTest, CloseAfterIndexShowsUpAsDuplicateOnRetry) {
    server_->inject(HecFault::close_after_index);
    HttpResult r = post_fresh(R"({"event":"once"})");
    EXPECT_EQ(r.curl, CURLE_GOT_NOTHING) << r.error;
    // The client cannot tell; a retry delivers the event twice, and the accounting shows it.
    ASSERT_EQ(post_fresh(R"({"event":"once"})").status, 200);
    std::vector<HecEvent> events = server_->events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].event, events[1].event);
    EXPECT_NE(events[0].request, events[1].request);
}

TEST_F(HecFaultTest, StalledResponseTimesTheClientOut) {
    server_->set_response_delay(std::chrono::hours(1), 1);
    HttpResult r = post_fresh(kEvent, 1500);
    EXPECT_EQ(r.curl, CURLE_OPERATION_TIMEDOUT) << r.error;
    // The stall held only the response: the events were taken, as with a slow indexer.
    EXPECT_TRUE(server_->wait_for_events(1, kWait));
    EXPECT_EQ(post_fresh(kEvent).status, 200);  // count was 1: no longer stalled
}

TEST_F(HecFaultTest, StopAndStartListening) {
    ASSERT_EQ(post_event(kEvent).status, 200);  // opens a keep-alive connection
    uint16_t port = server_->port();
    server_->stop_listening();
    EXPECT_FALSE(server_->listening());
    EXPECT_EQ(post_fresh(kEvent).curl, CURLE_COULDNT_CONNECT);
    EXPECT_EQ(post_event(kEvent).status, 200);  // the open connection still works
    server_->start_listening();
    EXPECT_TRUE(server_->listening());
    EXPECT_EQ(server_->port(), port);
    EXPECT_EQ(post_fresh(kEvent).status, 200);
    EXPECT_EQ(server_->event_count(), 3u);
}

TEST_F(HecFaultTest, KillDropsOpenConnectionsAndStalledRequests) {
    server_->set_response_delay(std::chrono::hours(1));
    HttpResult stalled;
    std::thread client([&] { stalled = post_fresh(kEvent); });
    ASSERT_TRUE(server_->wait_for([](const HecStats& s) { return s.events == 1; }, kWait));
    server_->kill();
    client.join();
    EXPECT_NE(stalled.curl, CURLE_OK);
    EXPECT_TRUE(server_->wait_for([](const HecStats& s) { return s.open_connections == 0; }, kWait));
    EXPECT_EQ(post_fresh(kEvent).curl, CURLE_COULDNT_CONNECT);
    server_->clear_faults();
    server_->start_listening();
    EXPECT_EQ(post_fresh(kEvent).status, 200);
}

TEST_F(HecFaultTest, KeepAliveResetAfterNRequests) {
    server_->reset_connections_after(2);
    for (int i = 0; i < 6; ++i) {
        HttpResult r = post_event(R"({"event":"e)" + std::to_string(i) + R"("})");
        ASSERT_EQ(r.status, 200) << i << ": " << r.error;
    }
    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 6u);  // libcurl noticed each reset and reconnected
    EXPECT_EQ(s.connections, 3u);
}

}  // namespace
}  // namespace eventgen::test
