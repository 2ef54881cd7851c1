// Body parsing and validation without sockets: envelopes, raw lines, gzip.
#include <gtest/gtest.h>

#include "gzip_codec.h"
#include "hec_envelope.h"
#include "http_message.h"

namespace eventgen::test {
namespace {

EventDefaults defaults() {
    EventDefaults d;
    d.host = "10.0.0.9";
    d.source = "http:t";
    d.sourcetype = "httpevent";
    d.index = "main";
    return d;
}

int error_code(const ParsedBatch& b) { return b.error ? b.error->code : 0; }
long error_event(const ParsedBatch& b) {
    return b.error && b.error->event_number ? static_cast<long>(*b.error->event_number) : -1;
}

TEST(HecEnvelope, ConcatenatedObjectsWithAndWithoutWhitespace) {
    // No separator between the first two; spaces, a newline and a tab before the third.
    auto b = parse_event_batch(R"({"event":"a"}{"event":"b"})"
                               "  \n\t"
                               R"({"event":{"k":[1,2]},"host":"h1","source":"s1","sourcetype":"st1","index":"idx",)"
                               R"("time":"1433188255.500"})",
                               defaults());
    ASSERT_FALSE(b.error);
    ASSERT_EQ(b.events.size(), 3u);
    EXPECT_EQ(b.events[0].event, "a");
    EXPECT_FALSE(b.events[0].event_is_json);
    EXPECT_EQ(b.events[0].host, "10.0.0.9");  // defaults fill what the envelope leaves out
    EXPECT_EQ(b.events[0].index, "main");
    EXPECT_FALSE(b.events[0].time.has_value());
    EXPECT_EQ(b.events[2].event, R"({"k":[1,2]})");
    EXPECT_TRUE(b.events[2].event_is_json);
    EXPECT_EQ(b.events[2].host, "h1");
    EXPECT_EQ(b.events[2].source, "s1");
    EXPECT_EQ(b.events[2].sourcetype, "st1");
    EXPECT_EQ(b.events[2].index, "idx");
    ASSERT_TRUE(b.events[2].time.has_value());
    EXPECT_DOUBLE_EQ(*b.events[2].time, 1433188255.5);
}

TEST(HecEnvelope, FieldsAndMetrics) {
    auto b = parse_event_batch(R"({"event":"x","fields":{"a":"1","b":2,"c":["p","q"]}})"
                               R"( {"time":5,"fields":{"metric_name":"cpu","_value":4.5}})",
                               defaults());
    ASSERT_FALSE(b.error);
    ASSERT_EQ(b.events.size(), 2u);
    using Field = std::pair<std::string, std::string>;
    EXPECT_EQ(b.events[0].fields, (std::vector<Field>{{"a", "1"}, {"b", "2"}, {"c", R"(["p","q"])"}}));
    EXPECT_EQ(b.events[1].fields[0], (Field{"metric_name", "cpu"}));
}

TEST(HecEnvelope, MissingEventIsCode12AtItsPosition) {
    auto b = parse_event_batch(R"({"event":"ok"}{"host":"h"})", defaults());
    EXPECT_EQ(error_code(b), 12);
    EXPECT_EQ(error_event(b), 1);
    EXPECT_EQ(b.events.size(), 1u);  // the valid prefix is reported; the service decides what to keep
}

TEST(HecEnvelope, BlankEventsAreCode13) {
    for (const char* body : {R"({"event":""})", R"({"event":"  \n"})", R"({"event":null})", R"({"event":{}})",
                             R"({"event":[]})"})
        EXPECT_EQ(error_code(parse_event_batch(body, defaults())), 13) << body;
}

TEST(HecEnvelope, InvalidJsonIsCode6WithEventNumber) {
    auto b = parse_event_batch(R"({"event":"a"} {"event":"b"} {"event": oops})", defaults());
    EXPECT_EQ(error_code(b), 6);
    EXPECT_EQ(error_event(b), 2);
    EXPECT_EQ(error_code(parse_event_batch(R"([{"event":"a"}])", defaults())), 6);  // arrays are not envelopes
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a"}, {"event":"b"})", defaults())), 6);
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","host":7})", defaults())), 6);
}

TEST(HecEnvelope, EmptyBodyIsCode5) {
    EXPECT_EQ(error_code(parse_event_batch("", defaults())), 5);
    EXPECT_EQ(error_code(parse_event_batch(" \r\n ", defaults())), 5);
}

TEST(HecEnvelope, BadTimeOrNestedFieldsAreCode15) {
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","time":"yesterday"})", defaults())), 15);
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","time":true})", defaults())), 15);
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","fields":{"n":{"x":1}}})", defaults())), 15);
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","fields":"flat"})", defaults())), 15);
}

TEST(HecEnvelope, IndexOutsideAllowListIsCode7) {
    EventDefaults d = defaults();
    d.allowed_indexes = {"main", "web"};
    EXPECT_EQ(error_code(parse_event_batch(R"({"event":"a","index":"web"})", d)), 0);
    auto b = parse_event_batch(R"({"event":"a","index":"web"}{"event":"b","index":"secret"})", d);
    EXPECT_EQ(error_code(b), 7);
    EXPECT_EQ(error_event(b), 1);
}

TEST(HecEnvelope, OversizedEventIsCode6) {
    EventDefaults d = defaults();
    d.max_event_size = 40;
    auto b = parse_event_batch(R"({"event":"short"}{"event":"this one is far longer than forty bytes"})", d);
    EXPECT_EQ(error_code(b), 6);
    EXPECT_EQ(error_event(b), 1);
}

TEST(HecEnvelope, RawSplitsLinesAndSkipsBlankOnes) {
    auto b = parse_raw_batch("one\r\ntwo\n\n  \nthree", defaults());
    ASSERT_FALSE(b.error);
    ASSERT_EQ(b.events.size(), 3u);
    EXPECT_EQ(b.events[0].event, "one");
    EXPECT_EQ(b.events[1].event, "two");
    EXPECT_EQ(b.events[2].event, "three");
    EXPECT_EQ(b.events[2].sourcetype, "httpevent");
    EXPECT_EQ(error_code(parse_raw_batch("\n\n", defaults())), 5);
}

TEST(HecGzip, RoundTripAndMultiMember) {
    std::string out;
    ASSERT_EQ(gunzip(gzip_compress("hello "), 1 << 20, out), GunzipStatus::ok);
    EXPECT_EQ(out, "hello ");
    // Two members back to back decode as one stream.
    ASSERT_EQ(gunzip(gzip_compress("hello ") + gzip_compress("world"), 1 << 20, out), GunzipStatus::ok);
    EXPECT_EQ(out, "hello world");
}

TEST(HecGzip, CorruptTruncatedAndOversized) {
    std::string out;
    std::string z = gzip_compress(std::string(10000, 'x'));
    EXPECT_EQ(gunzip("not gzip at all", 1 << 20, out), GunzipStatus::corrupt);
    EXPECT_EQ(gunzip(z.substr(0, z.size() / 2), 1 << 20, out), GunzipStatus::corrupt);
    EXPECT_EQ(gunzip(z, 9999, out), GunzipStatus::too_large);
}

TEST(HttpHead, ParsesRequestLineHeadersAndQuery) {
    auto req = parse_request_head(
        "POST /services/collector/raw?channel=abc&sourcetype=my%20st&host=a+b HTTP/1.1\r\nHost: x\r\n"
        "Content-Length:  12 \r\nConnection: keep-alive, Upgrade");
    ASSERT_TRUE(req);
    EXPECT_EQ(req->method, "POST");
    EXPECT_EQ(req->path, "/services/collector/raw");
    EXPECT_EQ(*req->header("content-length"), "12");
    EXPECT_EQ(req->query_param("sourcetype"), "my st");
    EXPECT_EQ(req->query_param("host"), "a b");
    EXPECT_FALSE(req->query_param("index"));
    EXPECT_TRUE(req->wants_keep_alive());
    EXPECT_FALSE(parse_request_head("GARBAGE\r\n"));
    EXPECT_FALSE(parse_request_head("GET / HTTP/2.0\r\n"));
    auto old = parse_request_head("GET / HTTP/1.0\r\nHost: x");
    ASSERT_TRUE(old);
    EXPECT_FALSE(old->wants_keep_alive());
}

}  // namespace
}  // namespace eventgen::test
