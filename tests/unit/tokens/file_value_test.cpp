// file, mvfile and seqfile tokens: line picking, columns shared per event, file
// lookup and errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "common/bundled_samples.h"
#include "token_test_util.h"

namespace eventgen {
namespace {

using testing::TempDir;
using testing::token_spec;

EventContext context_for(const TokenSet& set, uint64_t seed) {
    EventContext ctx;
    ctx.rng.reseed(seed);
    ctx.file_rows.assign(set.file_count, -1);
    ctx.begin_event();
    return ctx;
}

std::string produce(Token& token, EventContext& ctx) {
    std::string out;
    token.value->produce(ctx, out);
    EXPECT_EQ(testing::shape_violation(token.value->shape(), out), "") << "'" << out << "'";
    return out;
}

TEST(FileValue, PicksTrimmedNonEmptyLines) {
    TempDir dir;
    dir.write("names.txt", "  alice \r\n\r\nbob\n   \n\tcarol\ndave");
    TokenSet set = testing::one_token("file", "names.txt", dir.path().string());
    std::map<std::string, int> seen;
    for (uint64_t seed = 0; seed < 400; ++seed) {
        EventContext ctx = context_for(set, seed);
        ++seen[produce(set.tokens[0], ctx)];
    }
    ASSERT_EQ(seen.size(), 4u);
    for (const char* name : {"alice", "bob", "carol", "dave"}) EXPECT_GT(seen[name], 50) << name;
}

TEST(FileValue, LatinOneFileIsReadAsUtf8) {
    TempDir dir;
    dir.write("cities.txt", "Malm\xF6\nK\xF8" "benhavn\n");
    TokenSet set = testing::one_token("file", "cities.txt", dir.path().string());
    std::set<std::string> seen;
    for (uint64_t seed = 0; seed < 100; ++seed) {
        EventContext ctx = context_for(set, seed);
        seen.insert(produce(set.tokens[0], ctx));
    }
    EXPECT_EQ(seen, (std::set<std::string>{"Malm\xC3\xB6", "K\xC3\xB8" "benhavn"}));
}

TEST(FileValue, ColumnTokensOnOneFileShareTheirRow) {
    TempDir dir;
    dir.write("markets.csv", "10001,New York,NY\n94105,San Francisco,CA\n60601,Chicago,IL\n");
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@city", "mvfile", "markets.csv:2"));
    def.tokens.push_back(token_spec(1, "@@zip", "mvfile", "markets.csv:1"));
    def.tokens.push_back(token_spec(2, "@@state", "file", "markets.csv:3"));
    def.tokens.push_back(token_spec(3, "@@line", "file", "markets.csv"));
    TokenSet set = build_tokens(def);
    EXPECT_EQ(set.file_count, 1u);  // one file, loaded once
    const std::map<std::string, std::pair<std::string, std::string>> rows = {
        {"New York", {"10001", "NY"}}, {"San Francisco", {"94105", "CA"}}, {"Chicago", {"60601", "IL"}}};
    std::set<std::string> cities;
    for (uint64_t seed = 0; seed < 200; ++seed) {
        EventContext ctx = context_for(set, seed);
        std::string city = produce(set.tokens[0], ctx);
        std::string zip = produce(set.tokens[1], ctx);
        std::string state = produce(set.tokens[2], ctx);
        ASSERT_TRUE(rows.count(city)) << city;
        EXPECT_EQ(zip, rows.at(city).first);
        EXPECT_EQ(state, rows.at(city).second);
        cities.insert(city);
        // The next event picks again.
        ctx.begin_event();
        EXPECT_EQ(ctx.file_rows[0], -1);
    }
    EXPECT_EQ(cities.size(), 3u);
    // A whole-line token does not take part in the shared row.
    std::set<std::string> lines;
    for (uint64_t seed = 0; seed < 100; ++seed) {
        EventContext ctx = context_for(set, seed);
        ctx.file_rows[0] = 1;
        lines.insert(produce(set.tokens[3], ctx));
        EXPECT_EQ(produce(set.tokens[0], ctx), "San Francisco");
    }
    EXPECT_EQ(lines.size(), 3u);
}

TEST(FileValue, DifferentFilesPickIndependentRows) {
    TempDir dir;
    dir.write("a.csv", "1,x\n2,y\n3,z\n4,w\n");
    dir.write("b.csv", "1,x\n2,y\n3,z\n4,w\n");
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@a", "mvfile", "a.csv:1"));
    def.tokens.push_back(token_spec(1, "@@b", "mvfile", "b.csv:1"));
    TokenSet set = build_tokens(def);
    ASSERT_EQ(set.file_count, 2u);
    int differ = 0;
    for (uint64_t seed = 0; seed < 100; ++seed) {
        EventContext ctx = context_for(set, seed);
        differ += produce(set.tokens[0], ctx) != produce(set.tokens[1], ctx) ? 1 : 0;
    }
    EXPECT_GT(differ, 50);
}

TEST(FileValue, SeqfileFollowsTheSequenceNumber) {
    TempDir dir;
    dir.write("seq.txt", "first,1\nsecond,2\n\nthird,3\n");
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@line", "seqfile", "seq.txt"));
    def.tokens.push_back(token_spec(1, "@@num", "seqfile", "seq.txt:2"));
    TokenSet set = build_tokens(def);
    const char* lines[] = {"first,1", "second,2", "third,3"};
    const char* nums[] = {"1", "2", "3"};
    for (uint64_t seq = 0; seq < 10; ++seq) {
        EventContext ctx = context_for(set, 99);
        ctx.sequence = seq;
        EXPECT_EQ(produce(set.tokens[0], ctx), lines[seq % 3]);
        EXPECT_EQ(produce(set.tokens[1], ctx), nums[seq % 3]);
    }
}

TEST(FileValue, FoundNextToTheConfOrThroughEnvironmentVariables) {
    TempDir samples, conf;
    conf.write("users.txt", "root\n");
    samples.write("hosts.txt", "web01\n");
    SampleDefinition def = testing::definition_in(samples.path().string());
    def.conf_dir = conf.path().string();
    setenv("EVENTGEN_TEST_FILE_DIR", samples.path().c_str(), 1);
    def.tokens.push_back(token_spec(0, "@@user", "file", "users.txt"));
    def.tokens.push_back(token_spec(1, "@@host", "file", "$EVENTGEN_TEST_FILE_DIR/hosts.txt"));
    // A Splunk app path falls back to the file of that name in the sample folder.
    def.tokens.push_back(token_spec(2, "@@app", "file", "/nonexistent/etc/apps/SA-Eventgen/samples/hosts.txt"));
    TokenSet set = build_tokens(def);
    unsetenv("EVENTGEN_TEST_FILE_DIR");
    EXPECT_EQ(set.file_count, 2u);  // hosts.txt found twice is still one file
    EventContext ctx = context_for(set, 1);
    EXPECT_EQ(produce(set.tokens[0], ctx), "root");
    EXPECT_EQ(produce(set.tokens[1], ctx), "web01");
    EXPECT_EQ(produce(set.tokens[2], ctx), "web01");
}

void expect_error_at_replacement(const SampleDefinition& def, const std::string& fragment) {
    try {
        build_tokens(def);
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.where().file, "test.conf");
        EXPECT_EQ(e.where().line, 12);
        EXPECT_EQ(e.where().stanza, "stanza");
        EXPECT_EQ(e.where().key, "token.0.replacement");
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(FileValue, MissingFileIsAnError) {
    TempDir dir;
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@x", "file", "nowhere.txt"));
    expect_error_at_replacement(def, "'nowhere.txt' not found");
}

TEST(FileValue, EmptyFileIsAnError) {
    TempDir dir;
    dir.write("blank.txt", "\n  \n\r\n");
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@x", "mvfile", "blank.txt"));
    expect_error_at_replacement(def, "is empty");
}

TEST(FileValue, ColumnBeyondARowIsAnError) {
    TempDir dir;
    dir.write("rows.csv", "a,b,c\nd,e\nf,g,h\n");
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@x", "mvfile", "rows.csv:3"));
    expect_error_at_replacement(def, "line 2 of");
    def.tokens[0].replacement = "rows.csv:2";
    EXPECT_NO_THROW(build_tokens(def));
}

}  // namespace
}  // namespace eventgen

namespace eventgen {
namespace {

std::set<std::string> lines_of_file(const std::string& path) {
    std::set<std::string> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.insert(line);
    return out;
}

// Most apps name SA-Eventgen's replacement files under $SPLUNK_HOME; this app ships them.
TEST(FileValueFallback, SplunkHomePathsFallBackToTheBundledSamples) {
    ASSERT_FALSE(bundled_samples_dir().empty()) << "the test binary should find the app's samples/ folder";
    const std::set<std::string> ips = lines_of_file(bundled_samples_dir() + "/external_ips.sample");
    ASSERT_FALSE(ips.empty());
    TempDir samples;  // an app whose own samples folder lacks the file
    const char* old = std::getenv("SPLUNK_HOME");
    std::string saved = old ? old : "";
    for (bool set : {false, true}) {
        if (set) setenv("SPLUNK_HOME", (samples.path() / "no-splunk-here").c_str(), 1);
        else unsetenv("SPLUNK_HOME");
        SampleDefinition def = testing::definition_in(samples.path().string());
        def.tokens.push_back(
            token_spec(0, "@@ip", "file", "$SPLUNK_HOME/etc/apps/SA-Eventgen/samples/external_ips.sample"));
        TokenSet set_ = build_tokens(def);
        EventContext ctx = context_for(set_, 3);
        EXPECT_EQ(ips.count(produce(set_.tokens[0], ctx)), 1u) << "SPLUNK_HOME " << (set ? "elsewhere" : "unset");
    }
    if (old) setenv("SPLUNK_HOME", saved.c_str(), 1);
    else unsetenv("SPLUNK_HOME");
}

TEST(FileValueFallback, WindowsPathsUseTheFileNameInTheSampleFolder) {
    TempDir samples;
    samples.write("hosts.txt", "win01\n");
    SampleDefinition def = testing::definition_in(samples.path().string());
    def.tokens.push_back(token_spec(0, "@@h", "file", "C:\\Program Files\\Splunk\\etc\\apps\\my_app\\samples\\hosts.txt"));
    def.tokens.push_back(token_spec(1, "@@ip", "file", "$SPLUNK_HOME\\etc\\apps\\SA-Eventgen\\samples\\external_ips.sample"));
    TokenSet set = build_tokens(def);
    EventContext ctx = context_for(set, 5);
    EXPECT_EQ(produce(set.tokens[0], ctx), "win01");
    EXPECT_EQ(lines_of_file(bundled_samples_dir() + "/external_ips.sample").count(produce(set.tokens[1], ctx)), 1u);
}

TEST(FileValueFallback, NotFoundAnywhereNamesWhereItLooked) {
    TempDir dir;
    SampleDefinition def = testing::definition_in(dir.path().string());
    def.tokens.push_back(token_spec(0, "@@x", "file", "$SPLUNK_HOME/etc/apps/SA-Eventgen/samples/no_such.sample"));
    try {
        build_tokens(def);
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("eventgen's own " + bundled_samples_dir()), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace eventgen
