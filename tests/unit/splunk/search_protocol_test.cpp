#include "splunk/search_protocol.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

using namespace eventgen::search;

namespace {

// A pipe holding `data`, its write end closed: what splunkd's stdin looks like.
int pipe_with(const std::string& data) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    std::thread writer([fd = fds[1], data] {
        size_t done = 0;
        while (done < data.size()) {
            ssize_t n = write(fd, data.data() + done, data.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        close(fd);
    });
    writer.detach();
    return fds[0];
}

}  // namespace

TEST(SearchProtocol, HeaderParsing) {
    auto h = parse_chunk_header("chunked 1.0,12,345");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->first, 12u);
    EXPECT_EQ(h->second, 345u);
    EXPECT_FALSE(parse_chunk_header("chunked 1.0,12"));
    EXPECT_FALSE(parse_chunk_header("chunked 2.0,1,1"));
    EXPECT_FALSE(parse_chunk_header("chunked 1.0,-1,0"));
    EXPECT_FALSE(parse_chunk_header("chunked 1.0,1,0x"));
    EXPECT_FALSE(parse_chunk_header("chunked 1.0,,0"));
    EXPECT_FALSE(parse_chunk_header("hello"));
    EXPECT_EQ(encode_chunk("{\"a\":1}", "x,y\r\n"), "chunked 1.0,7,5\n{\"a\":1}x,y\r\n");
}

TEST(SearchProtocol, ReaderSplitsChunksAndSkipsBlankLinesBetweenThem) {
    std::string stream = encode_chunk("{\"action\":\"getinfo\"}", "") + "\n" + encode_chunk("{}", "a\nb\n");
    int fd = pipe_with(stream);
    ChunkReader reader(fd);
    Chunk c;
    std::string error;
    ASSERT_EQ(reader.next(c, error), ChunkReader::Status::Ok) << error;
    EXPECT_EQ(c.metadata, "{\"action\":\"getinfo\"}");
    EXPECT_EQ(c.body, "");
    ASSERT_EQ(reader.next(c, error), ChunkReader::Status::Ok) << error;
    EXPECT_EQ(c.metadata, "{}");
    EXPECT_EQ(c.body, "a\nb\n");  // newlines inside a body are data
    EXPECT_EQ(reader.next(c, error), ChunkReader::Status::End);
    close(fd);
}

TEST(SearchProtocol, ReaderRefusesMalformedAndTruncatedChunks) {
    for (const std::string& bad : {std::string("hello\n"), std::string("chunked 1.0,10,0\n{}"),
                                   std::string("chunked 1.0,1"), std::string(200, 'x'),
                                   std::string("chunked 1.0,999999999999,0\n")}) {
        int fd = pipe_with(bad);
        ChunkReader reader(fd);
        Chunk c;
        std::string error;
        EXPECT_EQ(reader.next(c, error), ChunkReader::Status::Error) << bad;
        EXPECT_FALSE(error.empty());
        close(fd);
    }
}

TEST(SearchProtocol, GetinfoRequestIsParsed) {
    std::string meta = R"({"action":"getinfo","preview":false,"streaming_command_will_restart":false,
        "searchinfo":{"args":["stanza=web","count=5"],"raw_args":["stanza=web","count=\"5\""],
        "dispatch_dir":"/opt/splunk/var/run/splunk/dispatch/1.2","sid":"1.2","app":"search","owner":"admin",
        "username":"admin","session_key":"k","splunkd_uri":"https://127.0.0.1:8089","splunk_version":"9.2.1",
        "search":"%7C%20eventgen","command":"eventgen","maxresultrows":50000,"earliest_time":"0","latest_time":"0"}})";
    std::string error;
    auto r = parse_request(meta, error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->action, "getinfo");
    ASSERT_TRUE(r->searchinfo);
    EXPECT_EQ(r->searchinfo->args, (std::vector<std::string>{"stanza=web", "count=5"}));
    EXPECT_EQ(r->searchinfo->raw_args[1], "count=\"5\"");
    EXPECT_EQ(r->searchinfo->dispatch_dir, "/opt/splunk/var/run/splunk/dispatch/1.2");
    EXPECT_EQ(r->searchinfo->maxresultrows, 50000);
    EXPECT_EQ(r->searchinfo->earliest_time, "0");

    auto e = parse_request(R"({"action":"execute","finished":true})", error);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->finished);
    EXPECT_FALSE(e->searchinfo);
    EXPECT_FALSE(parse_request("[]", error));
    EXPECT_FALSE(parse_request("{\"finished\":true}", error));
    EXPECT_FALSE(parse_request("{nope", error));
}

TEST(SearchProtocol, RepliesCarryTypeFinishedAndInspectorMessages) {
    EXPECT_EQ(getinfo_reply({}, false), R"({"type":"events","generating":true})");
    EXPECT_EQ(getinfo_reply({{"ERROR", "bad \"count\""}}, true),
              R"({"type":"events","generating":true,"finished":true,"inspector":{"messages":[["ERROR","bad \"count\""]]}})");
    EXPECT_EQ(execute_reply({}, false), R"({"finished":false})");
    EXPECT_EQ(execute_reply({{"WARN", "a"}, {"INFO", "b"}}, true),
              R"({"finished":true,"inspector":{"messages":[["WARN","a"],["INFO","b"]]}})");
}

TEST(SearchProtocol, CsvQuotesOnlyWhatNeedsIt) {
    CsvTable t({"_time", "_raw"});
    EXPECT_EQ(t.text(), "");  // no rows, no body
    t.add_row({"1.000", "plain"});
    t.add_row({"2.000", "a,b \"c\"\nline2\r"});
    t.add_row({"3.000"});  // missing values are empty
    EXPECT_EQ(t.rows(), 3u);
    EXPECT_EQ(t.text(), "_time,_raw\r\n1.000,plain\r\n2.000,\"a,b \"\"c\"\"\nline2\r\"\r\n3.000,\r\n");
    t.clear_rows();
    EXPECT_EQ(t.text(), "");
}
