#include "outputs/support/http_client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace eventgen {
namespace {

// A loopback port nobody listens on: bound, then closed.
int unused_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

TEST(HttpClient, RefusedConnectionIsACurlErrorNotAThrow) {
    HttpClient client;
    std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/x";
    HttpResponse r = client.post(url, "body", HttpHeaders({"X-Test: 1"}));
    EXPECT_EQ(r.curl, CURLE_COULDNT_CONNECT);
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.describe(url).find(url), std::string::npos);
    // The handle survives a failed request and can be reused or reset.
    EXPECT_EQ(client.get(url, HttpHeaders()).curl, CURLE_COULDNT_CONNECT);
    client.reset();
}

TEST(HttpHeaders, MoveTransfersTheList) {
    HttpHeaders a({"A: 1", "B: 2"});
    ASSERT_NE(a.get(), nullptr);
    HttpHeaders b(std::move(a));
    EXPECT_EQ(a.get(), nullptr);
    ASSERT_NE(b.get(), nullptr);
    EXPECT_STREQ(b.get()->data, "A: 1");
    EXPECT_STREQ(b.get()->next->data, "B: 2");
}

}  // namespace
}  // namespace eventgen
