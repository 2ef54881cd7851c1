// Splunk .conf syntax: stanzas, keys, comments, continuation lines and bad lines.
#include <gtest/gtest.h>

#include <string>

#include "config/conf_file.h"
#include "config_test_util.h"

namespace eventgen {
namespace {

const ConfEntry& entry(const ConfFile& f, const std::string& stanza, const std::string& key) {
    const ConfStanza* s = f.find(stanza);
    if (!s) throw std::runtime_error("no stanza " + stanza);
    const ConfEntry* e = s->find(key);
    if (!e) throw std::runtime_error("no key " + key + " in " + stanza);
    return *e;
}

TEST(ConfFileParse, StanzasKeysAndTrimmedValues) {
    ConfFile f = parse_conf("[a.log]\n  interval =  30 \ncount=5\n\n[b]\nkey = two words \n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    ASSERT_EQ(f.stanzas.size(), 2u);
    EXPECT_EQ(f.path, "x.conf");
    EXPECT_EQ(f.stanzas[0].name, "a.log");
    EXPECT_EQ(f.stanzas[0].line, 1);
    EXPECT_EQ(f.stanzas[1].name, "b");
    EXPECT_EQ(f.stanzas[1].line, 5);
    EXPECT_EQ(entry(f, "a.log", "interval").value, "30");
    EXPECT_EQ(entry(f, "a.log", "interval").line, 2);
    EXPECT_EQ(entry(f, "a.log", "count").value, "5");
    EXPECT_EQ(entry(f, "b", "key").value, "two words");
    EXPECT_EQ(entry(f, "b", "key").line, 6);
}

TEST(ConfFileParse, EmptyTextHasNothing) {
    ConfFile f = parse_conf("", "x.conf");
    EXPECT_TRUE(f.stanzas.empty());
    EXPECT_TRUE(f.problems.empty());
    EXPECT_EQ(f.find("default"), nullptr);
}

TEST(ConfFileParse, KeysBeforeAnyStanzaBelongToDefault) {
    ConfFile f = parse_conf("# header\ninterval = 5\n[s]\ncount = 1\n", "x.conf");
    ASSERT_EQ(f.stanzas.size(), 2u);
    EXPECT_EQ(f.stanzas[0].name, "default");
    EXPECT_EQ(f.stanzas[0].line, 2);
    EXPECT_EQ(entry(f, "default", "interval").value, "5");
    EXPECT_EQ(f.find("s")->find("interval"), nullptr);
}

TEST(ConfFileParse, ExplicitDefaultStanzaMergesWithLeadingKeys) {
    ConfFile f = parse_conf("a = 1\n[default]\nb = 2\n", "x.conf");
    ASSERT_EQ(f.stanzas.size(), 1u);
    EXPECT_EQ(entry(f, "default", "a").value, "1");
    EXPECT_EQ(entry(f, "default", "b").value, "2");
}

TEST(ConfFileParse, CommentsOnlyAtLineStart) {
    ConfFile f = parse_conf("[s]\n# full comment = 1\n   # indented comment\nhost = web#1 # not a comment\n",
                            "x.conf");
    EXPECT_TRUE(f.problems.empty());
    const ConfStanza* s = f.find("s");
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(s->entries.size(), 1u);
    EXPECT_EQ(s->entries[0].value, "web#1 # not a comment");
    EXPECT_EQ(s->entries[0].line, 4);
}

TEST(ConfFileParse, EqualsSignsAndEmptyValues) {
    ConfFile f = parse_conf("[s]\ntoken.0.token = a=(\\d+)\nsource =\n  spaced key  = v\n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    EXPECT_EQ(entry(f, "s", "token.0.token").value, "a=(\\d+)");
    EXPECT_EQ(entry(f, "s", "source").value, "");
    EXPECT_EQ(entry(f, "s", "spaced key").value, "v");
}

TEST(ConfFileParse, RepeatedKeyKeepsLastValueAtFirstPosition) {
    ConfFile f = parse_conf("[s]\na = 1\nb = 2\na = 3\n", "x.conf");
    const ConfStanza* s = f.find("s");
    ASSERT_EQ(s->entries.size(), 2u);
    EXPECT_EQ(s->entries[0].key, "a");
    EXPECT_EQ(s->entries[0].value, "3");
    EXPECT_EQ(s->entries[0].line, 4);
    EXPECT_EQ(s->entries[1].key, "b");
}

TEST(ConfFileParse, RepeatedStanzaIsMergedAtFirstAppearance) {
    ConfFile f = parse_conf("[a]\nx = 1\n[b]\ny = 1\n[a]\nx = 2\nz = 3\n", "x.conf");
    ASSERT_EQ(f.stanzas.size(), 2u);
    EXPECT_EQ(f.stanzas[0].name, "a");
    EXPECT_EQ(f.stanzas[0].line, 1);
    EXPECT_EQ(entry(f, "a", "x").value, "2");
    EXPECT_EQ(entry(f, "a", "z").value, "3");
}

TEST(ConfFileParse, StanzaNamesKeepRegexBrackets) {
    ConfFile f = parse_conf("[web_[0-9]+\\.log]\na = 1\n[x] trailing\n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    ASSERT_EQ(f.stanzas.size(), 2u);
    EXPECT_EQ(f.stanzas[0].name, "web_[0-9]+\\.log");
    EXPECT_EQ(f.stanzas[1].name, "x");
}

TEST(ConfFileParse, BackslashContinuationKeepsTheLineBreak) {
    ConfFile f = parse_conf("[s]\nmsg = first \\\n  second\\\nthird\nafter = 1\n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    const ConfEntry& msg = entry(f, "s", "msg");
    EXPECT_EQ(msg.value, "first \n  second\nthird");
    EXPECT_EQ(msg.line, 2);  // where the logical line starts
    EXPECT_EQ(entry(f, "s", "after").line, 5);
}

TEST(ConfFileParse, ContinuationAtEndOfFileKeepsValue) {
    ConfFile f = parse_conf("[s]\nmsg = a \\", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    EXPECT_EQ(entry(f, "s", "msg").value, "a");
}

TEST(ConfFileParse, CrlfLineEndings) {
    ConfFile f = parse_conf("[s]\r\na = 1\r\nmsg = x\\\r\ny\r\nb = 2\r\n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    EXPECT_EQ(entry(f, "s", "a").value, "1");
    EXPECT_EQ(entry(f, "s", "msg").value, "x\ny");
    EXPECT_EQ(entry(f, "s", "b").value, "2");
    EXPECT_EQ(entry(f, "s", "b").line, 5);
}

TEST(ConfFileParse, Utf8ByteOrderMarkIsSkipped) {
    ConfFile f = parse_conf("\xEF\xBB\xBF[s]\na = 1\n", "x.conf");
    EXPECT_TRUE(f.problems.empty());
    ASSERT_EQ(f.stanzas.size(), 1u);
    EXPECT_EQ(f.stanzas[0].name, "s");
    EXPECT_EQ(entry(f, "s", "a").line, 2);
}

TEST(ConfFileParse, LineWithoutEqualsIsReportedAndSkipped) {
    ConfFile f = parse_conf("[s]\na = 1\nthis is not a setting\nb = 2\n", "dir/x.conf");
    ASSERT_EQ(f.problems.size(), 1u);
    const ConfigError& p = f.problems[0];
    EXPECT_EQ(p.where().file, "dir/x.conf");
    EXPECT_EQ(p.where().line, 3);
    EXPECT_EQ(p.where().stanza, "s");
    EXPECT_STREQ(p.what(), "dir/x.conf:3: [s]: expected 'key = value' but found 'this is not a setting'; line ignored");
    EXPECT_EQ(entry(f, "s", "a").value, "1");
    EXPECT_EQ(entry(f, "s", "b").value, "2");
    EXPECT_EQ(f.find("s")->entries.size(), 2u);
}

TEST(ConfFileParse, EmptyKeyIsReported) {
    ConfFile f = parse_conf("[s]\n = value\n", "x.conf");
    ASSERT_EQ(f.problems.size(), 1u);
    EXPECT_EQ(f.problems[0].where().line, 2);
    EXPECT_TRUE(f.find("s")->entries.empty());
}

TEST(ConfFileParse, LongBadLineIsShortenedInTheMessage) {
    std::string junk(200, 'x');
    ConfFile f = parse_conf(junk + "\n", "x.conf");
    ASSERT_EQ(f.problems.size(), 1u);
    EXPECT_NE(f.problems[0].detail().find(std::string(80, 'x') + "'"), std::string::npos);
    EXPECT_EQ(f.problems[0].detail().find(std::string(81, 'x')), std::string::npos);
}

TEST(ConfFileParse, MalformedStanzaHeadersAreReported) {
    ConfFile f = parse_conf("[a]\nx = 1\n[broken\n[]\ny = 2\n", "x.conf");
    ASSERT_EQ(f.problems.size(), 2u);
    EXPECT_EQ(f.problems[0].where().line, 3);
    EXPECT_NE(std::string(f.problems[0].what()).find("malformed stanza header '[broken'"), std::string::npos);
    EXPECT_EQ(f.problems[1].where().line, 4);
    EXPECT_EQ(f.stanzas.size(), 1u);
}

TEST(ConfFileParse, ProblemLinesCountContinuations) {
    ConfFile f = parse_conf("[s]\na = 1 \\\n2\nbad line\n", "x.conf");
    ASSERT_EQ(f.problems.size(), 1u);
    EXPECT_EQ(f.problems[0].where().line, 4);
}

TEST(ConfStanzaSet, ReplacesOrAppends) {
    ConfStanza s{"s", 1, {}};
    s.set(ConfEntry{"a", "1", 2});
    s.set(ConfEntry{"b", "2", 3});
    s.set(ConfEntry{"a", "3", 4});
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_EQ(s.find("a")->value, "3");
    EXPECT_EQ(s.find("a")->line, 4);
    EXPECT_EQ(s.find("missing"), nullptr);
}

TEST(ConfFileRead, ReadsFromDisk) {
    config_test::TempDir dir;
    std::string path = dir.write("eventgen.conf", "[s]\na = 1\n");
    ConfFile f = read_conf_file(path);
    EXPECT_EQ(f.path, path);
    EXPECT_EQ(entry(f, "s", "a").value, "1");
}

TEST(ConfFileRead, MissingFileThrowsNamingThePath) {
    config_test::TempDir dir;
    std::string path = dir.file("nope/eventgen.conf");
    std::string msg = config_test::config_error_of([&] { read_conf_file(path); });
    EXPECT_EQ(msg, path + ": cannot read configuration file");
}

}  // namespace
}  // namespace eventgen
