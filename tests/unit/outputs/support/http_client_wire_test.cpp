// HttpClient's POSTs, written by hand onto libcurl's connection, against a scripted
// loopback server: what goes on the wire, kept-alive reuse, a connection the server
// closed while idle, early answers, and replies that are slow, malformed or missing.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>

#include "outputs/support/http_client.h"
#include "scripted_http_server.h"

namespace eventgen {
namespace {

using namespace std::chrono_literals;
using test::kOk;
using test::Peer;
using test::ScriptedServer;
using test::write_all;
using test::answer_all;

TEST(HttpClientWire, TheRequestIsFramedLikeLibcurlsAndTheConnectionIsKept) {
    ScriptedServer server(answer_all(kOk));
    HttpClient client;
    HttpHeaders headers({"Authorization: Splunk abc", "Content-Type: application/json", "Expect:"});
    std::string big(3 * 1024 * 1024 + 7, 'x');
    for (std::string body : {std::string("{\"event\":1}"), big, std::string()}) {
        HttpResponse r = client.post(server.url("/services/collector/event?channel=c1"), body, headers);
        ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.body, "{\"text\":\"Success\",\"code\":0}");
    }
    EXPECT_EQ(server.connections(), 1);
    auto heads = server.heads();
    ASSERT_EQ(heads.size(), 3u);
    std::string port = std::to_string(server.port());
    EXPECT_EQ(heads[0], "POST /services/collector/event?channel=c1 HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                            "\r\nAuthorization: Splunk abc\r\nContent-Type: application/json\r\n"
                            "Accept: */*\r\nContent-Length: 11\r\n\r\n");
    EXPECT_NE(heads[1].find("Content-Length: 3145735\r\n"), std::string::npos);
    EXPECT_NE(heads[2].find("Content-Length: 0\r\n"), std::string::npos);
    EXPECT_EQ(server.bodies()[1], big);
}

TEST(HttpClientWire, AnUntypedPostIsAFormAsWithLibcurl) {
    ScriptedServer server(answer_all(kOk));
    HttpClient client;
    ASSERT_TRUE(client.post(server.url("/services/auth/login"), "username=a&password=b", HttpHeaders()).ok());
    ASSERT_EQ(server.heads().size(), 1u);
    EXPECT_NE(server.heads()[0].find("Content-Type: application/x-www-form-urlencoded\r\n"), std::string::npos);
    EXPECT_EQ(server.bodies()[0], "username=a&password=b");
}

TEST(HttpClientWire, AConnectionClosedWhileIdleIsReplacedBeforeTheNextRequest) {
    // The server answers one request per connection and closes without saying so.
    ScriptedServer server([](Peer& p, int, ScriptedServer& s) {
        if (s.take_request(p)) write_all(p.fd, kOk);
    });
    HttpClient client;
    for (int i = 0; i < 3; ++i) {
        HttpResponse r = client.post(server.url("/x"), "payload", HttpHeaders({"Content-Type: text/plain"}));
        ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post " + std::to_string(i));
        EXPECT_EQ(r.status, 200);
    }
    EXPECT_EQ(server.connections(), 3);
    EXPECT_EQ(server.heads().size(), 3u);  // no request went twice
}

TEST(HttpClientWire, AKeptConnectionThatDiesUnderARequestGetsItOnceMoreOnAFreshOne) {
    // Connection 1 answers its first request, then reads the second and closes
    // without an answer: libcurl's rule sends it again on a new connection.
    ScriptedServer server([](Peer& p, int n, ScriptedServer& s) {
        if (n == 1) {
            if (s.take_request(p)) write_all(p.fd, kOk);
            s.take_request(p);
            return;
        }
        while (s.take_request(p)) write_all(p.fd, kOk);
    });
    HttpClient client;
    HttpHeaders h({"Content-Type: text/plain"});
    ASSERT_TRUE(client.post(server.url("/x"), "one", h).ok());
    HttpResponse r = client.post(server.url("/x"), "two", h);
    ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(server.connections(), 2);
    EXPECT_EQ(server.bodies(), (std::vector<std::string>{"one", "two", "two"}));
}

TEST(HttpClientWire, ANewConnectionClosedWithoutAnAnswerIsNotSentAgain) {
    ScriptedServer server([](Peer& p, int, ScriptedServer& s) { s.take_request(p); });
    HttpClient client;
    HttpResponse r = client.post(server.url("/x"), "payload", HttpHeaders());
    EXPECT_EQ(r.curl, CURLE_GOT_NOTHING);
    EXPECT_NE(r.describe("u").find("without answering"), std::string::npos);
    EXPECT_EQ(server.heads().size(), 1u);
}

TEST(HttpClientWire, AChunkedAnswerIsReadAndTheConnectionKept) {
    ScriptedServer server(answer_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                     "9\r\n{\"code\":0\r\n1\r\n}\r\n0\r\n\r\n"));
    HttpClient client;
    for (int i = 0; i < 2; ++i) {
        HttpResponse r = client.post(server.url("/x"), "payload", HttpHeaders());
        ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
        EXPECT_EQ(r.body, "{\"code\":0}");
    }
    EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClientWire, AnEarlySuccessAnswerStillGetsTheWholeBody) {
    // Like nginx's `return 200`: the answer leaves after the head, the body is read after.
    std::string body(8 * 1024 * 1024, 'b');
    ScriptedServer server(
        [](Peer& p, int, ScriptedServer& s) {
            while (true) {
                std::string head = p.head();
                if (head.empty() || !write_all(p.fd, kOk)) return;
                s.record(head, p.body(head));
            }
        },
        64 * 1024);
    HttpClient client;
    for (int i = 0; i < 2; ++i) {
        HttpResponse r = client.post(server.url("/x"), body, HttpHeaders());
        ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
        EXPECT_EQ(r.status, 200);
    }
    EXPECT_EQ(server.connections(), 1);
    ASSERT_TRUE(server.wait_for_requests(2));
    EXPECT_EQ(server.bodies()[1], body);
}

TEST(HttpClientWire, AnEarlyRefusalIsTheAnswer) {
    // Like an indexer refusing a body over its limit: 413 after the head, then it
    // half-closes and drains what still comes, so that the answer survives.
    ScriptedServer server(
        [](Peer& p, int, ScriptedServer&) {
            if (p.head().empty()) return;
            write_all(p.fd, "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
            ::shutdown(p.fd, SHUT_WR);
            while (p.fill()) p.pending.clear();
        },
        64 * 1024);
    HttpClient client;
    HttpResponse r = client.post(server.url("/x"), std::string(32 * 1024 * 1024, 'b'), HttpHeaders());
    ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
    EXPECT_EQ(r.status, 413);
    // The connection is not kept: the next request opens another.
    client.post(server.url("/x"), "small", HttpHeaders());
    EXPECT_EQ(server.connections(), 2);
}

TEST(HttpClientWire, ANonHttpAnswerIsAWeirdReplyThatSaysWhy) {
    ScriptedServer server([](Peer& p, int, ScriptedServer& s) {
        if (s.take_request(p)) write_all(p.fd, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        p.eof();
    });
    HttpClient client;
    HttpResponse r = client.post(server.url("/x"), "payload", HttpHeaders());
    EXPECT_EQ(r.curl, CURLE_WEIRD_SERVER_REPLY);
    EXPECT_NE(r.describe("u").find("not an HTTP/1.x status line"), std::string::npos) << r.describe("u");
}

TEST(HttpClientWire, AnHttpProxyIsATunnelAndTheRequestNamesOnlyThePath) {
    // The scripted server plays the proxy (CONNECT) and then the HEC server behind it.
    ScriptedServer server([](Peer& p, int, ScriptedServer& s) {
        s.record(p.head(), "");
        if (!write_all(p.fd, "HTTP/1.1 200 Connection established\r\n\r\n")) return;
        while (s.take_request(p)) write_all(p.fd, kOk);
    });
    // This test's own process (ctest runs each test alone): the variables stay here.
    ::setenv("http_proxy", server.url("").c_str(), 1);
    ::unsetenv("no_proxy");
    ::unsetenv("NO_PROXY");
    HttpClient client;
    HttpResponse r = client.post("http://hec.invalid:8088/services/collector/event", "{}", HttpHeaders());
    ::unsetenv("http_proxy");
    ASSERT_EQ(r.curl, CURLE_OK) << r.describe("post");
    auto heads = server.heads();
    ASSERT_EQ(heads.size(), 2u);
    EXPECT_EQ(heads[0].rfind("CONNECT hec.invalid:8088 HTTP/1.1\r\n", 0), 0u) << heads[0];
    EXPECT_EQ(heads[1].rfind("POST /services/collector/event HTTP/1.1\r\nHost: hec.invalid:8088\r\n", 0), 0u)
        << heads[1];
}

// Posts to a server that reads the request and never answers; the answer and how
// long the client took to give up.
std::pair<HttpResponse, std::chrono::steady_clock::duration> post_unanswered(const HttpOptions& o) {
    ScriptedServer server([](Peer& p, int, ScriptedServer& s) {
        s.take_request(p);
        p.eof();  // until the client gives up and closes
    });
    HttpClient client(o);
    auto start = std::chrono::steady_clock::now();
    HttpResponse r = client.post(server.url("/x"), "payload", HttpHeaders());
    return {r, std::chrono::steady_clock::now() - start};
}

TEST(HttpClientWire, AStalledAnswerTimesOut) {
    HttpOptions o;
    o.timeout_ms = 300;
    auto [r, took] = post_unanswered(o);
    EXPECT_EQ(r.curl, CURLE_OPERATION_TIMEDOUT);
    EXPECT_GE(took, 300ms);
    EXPECT_LT(took, 4s);
}

TEST(HttpClientWire, AStopAbortsAStalledRequestAfterTheGrace) {
    std::atomic<bool> stop{true};
    HttpOptions o;
    o.cancel = &stop;
    o.stop_grace_ms = 200;
    auto [r, took] = post_unanswered(o);
    EXPECT_EQ(r.curl, CURLE_ABORTED_BY_CALLBACK);
    EXPECT_GE(took, 200ms);
    EXPECT_LT(took, 4s);
}

}  // namespace
}  // namespace eventgen
