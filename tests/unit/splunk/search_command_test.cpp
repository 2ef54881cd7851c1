// The command's side of the exchange, in process over pipes: what it answers to each
// chunk splunkd sends.
#include "splunk/search_command.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <thread>

#include "splunk/search_protocol.h"
#include "../config/config_test_util.h"

using namespace eventgen;
using namespace eventgen::search;

namespace {

struct Exchange {
    int exit_code = -1;
    std::vector<Chunk> replies;
};

// Runs the command on `input` (splunkd's chunks) and collects every chunk it answers.
Exchange converse(const std::vector<std::string>& argv, const std::string& input) {
    int in[2], out[2];
    EXPECT_EQ(pipe(in), 0);
    EXPECT_EQ(pipe(out), 0);
    std::thread feeder([fd = in[1], input] {
        size_t done = 0;
        while (done < input.size()) {
            ssize_t n = write(fd, input.data() + done, input.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        close(fd);
    });
    Exchange ex;
    std::thread runner([&] {
        ex.exit_code = run_search_command(argv, in[0], out[1]);
        close(out[1]);
    });
    ChunkReader reader(out[0]);
    Chunk c;
    std::string error;
    while (reader.next(c, error) == ChunkReader::Status::Ok) ex.replies.push_back(c);
    EXPECT_EQ(error, "");
    runner.join();
    feeder.join();
    close(in[0]);
    close(out[0]);
    return ex;
}

std::string getinfo(const std::string& args_json, int maxresultrows = 50000) {
    return encode_chunk(R"({"action":"getinfo","preview":false,"searchinfo":{"args":)" + args_json +
                            R"(,"dispatch_dir":"/tmp","maxresultrows":)" + std::to_string(maxresultrows) + "}}",
                        "");
}
const std::string kExecute = encode_chunk(R"({"action":"execute","finished":true})", "");

rapidjson::Document json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    return d;
}

}  // namespace

TEST(SearchCommandSession, GetinfoThenRowsUntilFinished) {
    config_test::TempDir home;
    home.write("etc/apps/app/default/eventgen.conf", "[a.log]\ncount = 2\n");
    home.write("etc/apps/app/samples/a.log", "alpha\nbeta\n");
    config_test::ScopedEnv env("SPLUNK_HOME", home.path().c_str());
    Exchange ex = converse({}, getinfo(R"(["stanza=a.log","count=5"])", 2) + kExecute + kExecute + kExecute);
    EXPECT_EQ(ex.exit_code, 0);
    ASSERT_EQ(ex.replies.size(), 4u);  // getinfo + 2 + 2 + 1 rows
    auto info = json(ex.replies[0].metadata);
    EXPECT_STREQ(info["type"].GetString(), "events");
    EXPECT_TRUE(info["generating"].GetBool());
    EXPECT_TRUE(ex.replies[0].body.empty());
    for (size_t i = 1; i < 4; ++i) {
        auto meta = json(ex.replies[i].metadata);
        EXPECT_EQ(meta["finished"].GetBool(), i == 3) << i;
        EXPECT_EQ(ex.replies[i].body.rfind("_time,_raw,host,source,sourcetype,index\r\n", 0), 0u);
    }
    // Five rows in all, in stream order: alpha beta, alpha beta (two intervals), alpha.
    std::string bodies;
    for (size_t i = 1; i < 4; ++i) bodies += ex.replies[i].body;
    size_t alphas = 0, betas = 0;
    for (size_t p = 0; (p = bodies.find(",alpha,", p)) != std::string::npos; ++p) ++alphas;
    for (size_t p = 0; (p = bodies.find(",beta,", p)) != std::string::npos; ++p) ++betas;
    EXPECT_EQ(alphas, 3u);
    EXPECT_EQ(betas, 2u);
}

TEST(SearchCommandSession, BadArgumentsAnswerGetinfoWithOneErrorAndFinish) {
    Exchange ex = converse({}, getinfo(R"(["count=5"])") + kExecute);
    EXPECT_EQ(ex.exit_code, 0);
    ASSERT_EQ(ex.replies.size(), 1u);
    auto meta = json(ex.replies[0].metadata);
    EXPECT_TRUE(meta["finished"].GetBool());
    const auto& msgs = meta["inspector"]["messages"];
    ASSERT_EQ(msgs.Size(), 1u);
    EXPECT_STREQ(msgs[0][0].GetString(), "ERROR");
    EXPECT_NE(std::string(msgs[0][1].GetString()).find("stanza=<name> is required"), std::string::npos);
}

TEST(SearchCommandSession, BadCommandsConfArgumentsAreReportedToTheUser) {
    Exchange ex = converse({"--max-count=none"}, getinfo(R"(["stanza=x"])"));
    ASSERT_EQ(ex.replies.size(), 1u);
    auto meta = json(ex.replies[0].metadata);
    EXPECT_NE(std::string(meta["inspector"]["messages"][0][1].GetString()).find("commands.conf"), std::string::npos);
}

TEST(SearchCommandSession, ProtocolErrorsEndWithStatusOne) {
    EXPECT_EQ(converse({}, "").exit_code, 1);
    EXPECT_EQ(converse({}, encode_chunk(R"({"action":"execute"})", "")).exit_code, 1);
    EXPECT_EQ(converse({}, "chunked 1.0,x,0\n").exit_code, 1);
    // A getinfo and then garbage instead of execute.
    Exchange ex = converse({}, getinfo(R"(["stanza=x"])") + "garbage\n");
    EXPECT_EQ(ex.exit_code, 1);
    EXPECT_EQ(ex.replies.size(), 1u);
    // splunkd closing the pipe after getinfo is a normal end.
    EXPECT_EQ(converse({}, getinfo(R"(["stanza=x"])")).exit_code, 0);
}
