#include "outputs/support/http_response_reader.h"

#include <gtest/gtest.h>

namespace eventgen {
namespace {

// Feeds `wire` in pieces of `step` bytes, as a socket may deliver it.
HttpResponseReader read_in_steps(std::string_view wire, size_t step) {
    HttpResponseReader r;
    while (!wire.empty() && !r.done() && !r.failed()) {
        size_t used = r.feed(wire.substr(0, step));
        EXPECT_GT(used, 0u);
        wire.remove_prefix(used);
    }
    return r;
}

TEST(HttpResponseReader, ContentLengthBodyInAnyPieces) {
    std::string wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
                       "{\"text\":\"Success\",\"code\":0}";
    for (size_t step : {1, 2, 7, 64, 4096}) {
        HttpResponseReader r = read_in_steps(wire, step);
        ASSERT_TRUE(r.done()) << "step " << step << ": " << r.error();
        EXPECT_EQ(r.status(), 200);
        EXPECT_EQ(r.body(), "{\"text\":\"Success\",\"code\":0}");
        EXPECT_TRUE(r.keep_alive());
    }
}

TEST(HttpResponseReader, ChunkedBodyWithExtensionsAndTrailers) {
    std::string wire = "HTTP/1.1 503 Service Unavailable\r\ntransfer-encoding: Chunked\r\n\r\n"
                       "5;ext=1\r\nhello\r\n1A\r\n abcdefghijklmnopqrstuvwxy\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (size_t step : {1, 3, 4096}) {
        HttpResponseReader r = read_in_steps(wire, step);
        ASSERT_TRUE(r.done()) << r.error();
        EXPECT_EQ(r.status(), 503);
        EXPECT_EQ(r.body(), "hello abcdefghijklmnopqrstuvwxy");
    }
}

TEST(HttpResponseReader, InterimContinueIsSkipped) {
    HttpResponseReader r =
        read_in_steps("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n", 5);
    ASSERT_TRUE(r.done()) << r.error();
    EXPECT_EQ(r.status(), 413);
    EXPECT_EQ(r.body(), "");
}

TEST(HttpResponseReader, WhetherTheConnectionMayBeKept) {
    auto keep = [](const std::string& wire) {
        HttpResponseReader r;
        r.feed(wire);
        EXPECT_TRUE(r.done()) << wire;
        return r.keep_alive();
    };
    EXPECT_TRUE(keep("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_FALSE(keep("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_FALSE(keep("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_TRUE(keep("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_TRUE(keep("HTTP/1.1 204 No Content\r\n\r\n"));
}

TEST(HttpResponseReader, BodyWithoutLengthRunsUntilClose) {
    HttpResponseReader r;
    r.feed("HTTP/1.0 200 OK\r\n\r\npart one, ");
    r.feed("part two");
    EXPECT_FALSE(r.done());
    r.end_of_stream();
    ASSERT_TRUE(r.done());
    EXPECT_EQ(r.body(), "part one, part two");
    EXPECT_FALSE(r.keep_alive());
}

TEST(HttpResponseReader, BytesAfterTheResponseAreLeft) {
    HttpResponseReader r;
    std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200";
    EXPECT_EQ(r.feed(wire), wire.size() - 12);
    EXPECT_TRUE(r.done());
}

TEST(HttpResponseReader, AStatusLineWithoutReasonAndSplunkdsHeaders) {
    HttpResponseReader r = read_in_steps(
        "HTTP/1.1 200\r\nDate: Thu, 03 Dec 2026 11:00:00 GMT\r\nContent-Type: application/json; charset=UTF-8\r\n"
        "X-Content-Type-Options: nosniff\r\nContent-Length: 27\r\nVary: Authorization\r\n"
        "Connection: Keep-Alive\r\nX-Frame-Options: SAMEORIGIN\r\nServer: Splunkd\r\n\r\n"
        "{\"text\":\"Success\",\"code\":0}",
        11);
    ASSERT_TRUE(r.done()) << r.error();
    EXPECT_EQ(r.status(), 200);
    EXPECT_TRUE(r.keep_alive());
    EXPECT_EQ(r.body(), "{\"text\":\"Success\",\"code\":0}");
}

TEST(HttpResponseReader, BareLineFeedsAreAccepted) {
    HttpResponseReader r = read_in_steps("HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 1);
    ASSERT_TRUE(r.done()) << r.error();
    EXPECT_EQ(r.body(), "ok");
}

TEST(HttpResponseReader, MalformedAnswersFailWithAReason) {
    auto error_of = [](const std::string& wire) {
        HttpResponseReader r;
        r.feed(wire);
        EXPECT_TRUE(r.failed()) << wire;
        return r.error();
    };
    EXPECT_NE(error_of("SSH-2.0-OpenSSH_9.2\r\n\r\n").find("not an HTTP/1.x status line"), std::string::npos);
    EXPECT_NE(error_of("HTTP/1.1 2x0 OK\r\n\r\n").find("bad HTTP status"), std::string::npos);
    EXPECT_NE(error_of("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n").find("bad Content-Length"),
              std::string::npos);
    EXPECT_NE(error_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").find("bad chunk size"),
              std::string::npos);
    EXPECT_NE(error_of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX\r\n").find("CRLF"),
              std::string::npos);
    EXPECT_NE(error_of("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n").find("too large"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(HttpResponseReader::kMaxHead + 10, 'x')).find("head longer"), std::string::npos);
}

TEST(HttpResponseReader, ClosedEarlySaysWhetherAnythingCame) {
    HttpResponseReader nothing;
    nothing.end_of_stream();
    EXPECT_TRUE(nothing.failed());
    EXPECT_FALSE(nothing.started());
    EXPECT_NE(nothing.error().find("without answering"), std::string::npos);

    HttpResponseReader half;
    half.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    half.end_of_stream();
    EXPECT_TRUE(half.failed());
    EXPECT_TRUE(half.started());
    EXPECT_NE(half.error().find("in the middle"), std::string::npos);
}

}  // namespace
}  // namespace eventgen
