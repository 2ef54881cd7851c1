// HTTP-level behaviour: gzip bodies, keep-alive reuse, chunked bodies, 100-continue,
// many concurrent connections.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "gzip_codec.h"
#include "hec_test_fixture.h"

namespace eventgen::test {
namespace {

class HecTransportTest : public HecServerTest {};

std::string batch_of(int first, int count) {
    std::string body;
    for (int i = first; i < first + count; ++i) body += R"({"event":"event number )" + std::to_string(i) + R"("})";
    return body;
}

// A request carrying events 0..count-1 with the server's token.
HecRequest batch_request(int count) {
    HecRequest req;
    req.body = batch_of(0, count);
    req.token = kToken;
    return req;
}

// Writes `wire` on one raw TCP connection and reads until the server closes it
// (bounded by kWait): for framing libcurl never produces.
std::string exchange(uint16_t port, const std::string& wire) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string got;
    if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0 &&
        send(fd, wire.data(), wire.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(wire.size())) {
        auto deadline = std::chrono::steady_clock::now() + kWait;
        for (;;) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[4096];
            ssize_t n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<size_t>(n));
        }
    }
    close(fd);
    return got;
}

size_t count_of(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

TEST_F(HecTransportTest, PipelinedRequestsChunkExtensionsTrailersAndHttp10) {
    std::string auth = std::string("Authorization: Splunk ") + kToken + "\r\n";
    std::string wire =
        "POST /services/collector HTTP/1.1\r\n" + auth + "Content-Length: 13\r\n\r\n{\"event\":\"a\"}" +
        "POST /services/collector/event HTTP/1.1\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\n" +
        "5;name=value\r\n{\"eve\r\n8\r\nnt\":\"b\"}\r\n0\r\nX-Checksum: none\r\n\r\n" +
        "GET /services/collector/health HTTP/1.0\r\n\r\n";  // 1.0 without keep-alive: the server closes
    std::string got = exchange(server_->port(), wire);
    EXPECT_EQ(count_of(got, "HTTP/1.1 200 OK\r\n"), 3u) << got;
    EXPECT_EQ(count_of(got, R"({"text":"Success","code":0})"), 2u) << got;
    EXPECT_NE(got.find("Connection: Close\r\n\r\n{\"text\":\"HEC is healthy\",\"code\":17}"), std::string::npos)
        << got;
    std::vector<HecEvent> events = server_->events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].event, "b");
}

TEST_F(HecTransportTest, MalformedFramingIs400AndCloses) {
    std::string got = exchange(server_->port(),
                               "POST /services/collector HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "zz\r\n{}\r\n0\r\n\r\n");
    EXPECT_EQ(got.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << got;
    got = exchange(server_->port(), "NONSENSE\r\n\r\n");
    EXPECT_EQ(got.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << got;
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecTransportTest, GzipBodiesAreDecoded) {
    HecRequest req = batch_request(200);
    req.gzip = true;
    HttpResult r = client_->send(req);
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200) << r.body;
    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 200u);
    EXPECT_EQ(s.gzip_requests, 1u);
    EXPECT_EQ(s.decoded_bytes, req.body.size());
    EXPECT_LT(s.wire_bytes, req.body.size());  // compressed on the wire, headers included
    EXPECT_EQ(server_->events().back().event, "event number 199");
}

TEST_F(HecTransportTest, CorruptGzipAndOtherEncodingsAreRefused) {
    HttpResult r = client_->post("/services/collector", "definitely not gzip", kToken, {"Content-Encoding: gzip"});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json_int("code"), 6);
    r = client_->post("/services/collector", R"({"event":"a"})", kToken, {"Content-Encoding: deflate"});
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecTransportTest, KeepAliveReusesOneConnection) {
    for (int i = 0; i < 5; ++i) {
        HttpResult r = post_event(batch_of(i * 10, 10));
        ASSERT_EQ(r.status, 200) << r.error;
        EXPECT_EQ(r.headers["connection"], "Keep-Alive");
    }
    HecStats s = server_->stats();
    EXPECT_EQ(s.requests, 5u);
    EXPECT_EQ(s.connections, 1u);
    EXPECT_EQ(s.events, 50u);
}

TEST_F(HecTransportTest, ConnectionCloseIsHonoured) {
    for (int i = 0; i < 3; ++i) {
        HttpResult r = client_->post("/services/collector", batch_of(i, 1), kToken, {"Connection: close"});
        ASSERT_EQ(r.status, 200) << r.error;
        EXPECT_EQ(r.headers["connection"], "Close");
    }
    EXPECT_EQ(server_->stats().connections, 3u);
}

TEST_F(HecTransportTest, ChunkedBodies) {
    HecRequest req = batch_request(30);
    req.chunked = true;  // seven bytes per chunk
    HttpResult r = client_->send(req);
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200) << r.body;
    req.gzip = true;  // chunked and gzip together
    r = client_->send(req);
    EXPECT_EQ(r.status, 200) << r.body;
    HecStats s = server_->stats();
    EXPECT_EQ(s.events, 60u);
    EXPECT_EQ(s.chunked_requests, 2u);
    EXPECT_EQ(s.connections, 1u);
}

TEST_F(HecTransportTest, ChunkedBodyOverTheLimitIs413) {
    HecServerOptions o = standard_options();
    o.max_content_length = 500;
    start(o);
    HecRequest req = batch_request(50);
    req.chunked = true;
    HttpResult r = client_->send(req);
    EXPECT_EQ(r.status, 413) << r.error;
    EXPECT_EQ(server_->event_count(), 0u);
}

TEST_F(HecTransportTest, ExpectContinueIsAnswered) {
    HecRequest req = batch_request(100);
    req.expect_continue = true;
    HttpResult r = client_->send(req);
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 200);
    HecStats s = server_->stats();
    EXPECT_EQ(s.continues_sent, 1u);
    EXPECT_EQ(s.events, 100u);
}

TEST_F(HecTransportTest, ExpectContinueWithTooLargeBodyGets413WithoutContinue) {
    HecServerOptions o = standard_options();
    o.max_content_length = 100;
    start(o);
    HecRequest req = batch_request(100);
    req.expect_continue = true;
    HttpResult r = client_->send(req);
    ASSERT_EQ(r.curl, CURLE_OK) << r.error;
    EXPECT_EQ(r.status, 413);
    HecStats s = server_->stats();
    EXPECT_EQ(s.continues_sent, 0u);
    EXPECT_LT(s.wire_bytes, req.body.size());  // the body was never sent
}

TEST_F(HecTransportTest, ManyConcurrentKeepAliveClients) {
    constexpr int kClients = 8, kRequests = 25, kPerRequest = 4;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int c = 0; c < kClients; ++c)
        threads.emplace_back([&, c] {
            HecClient client(server_->base_url());
            for (int i = 0; i < kRequests; ++i) {
                int first = (c * kRequests + i) * kPerRequest;
                if (client.post("/services/collector", batch_of(first, kPerRequest), kToken).status != 200) ++failures;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    HecStats s = server_->stats();
    EXPECT_EQ(s.connections, static_cast<uint64_t>(kClients));
    EXPECT_EQ(s.events, static_cast<uint64_t>(kClients * kRequests * kPerRequest));
    // Exactly once: every event text appears once.
    std::set<std::string> seen;
    for (const auto& e : server_->events()) EXPECT_TRUE(seen.insert(e.event).second) << e.event;
    EXPECT_EQ(seen.size(), s.events);
}

}  // namespace
}  // namespace eventgen::test
