// Stanza names as regexes over sample file names, and which stanza wins a file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_util.h"

namespace eventgen {
namespace {

using config_test::find_sample;
using config_test::sample_names;
using config_test::TestApp;
using Names = std::vector<std::string>;

TEST(ResolveMatch, ExactStanzaNameMatchesItsFile) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    ResolvedSamples r = app.resolve("[a.log]\ncount = 3\n");
    EXPECT_TRUE(r.problems.empty());
    ASSERT_EQ(sample_names(r), Names{"a.log"});
    const SampleDefinition& s = r.samples[0];
    EXPECT_EQ(s.stanza, "a.log");
    EXPECT_EQ(s.app, "app");
    EXPECT_EQ(s.app_dir, app.app_dir);
    EXPECT_EQ(s.conf_dir, app.dir.file("app/default"));
    EXPECT_EQ(s.sample_dir, app.dir.file("app/samples"));
    EXPECT_EQ(s.file_path, app.dir.file("app/samples/a.log"));
    EXPECT_EQ(s.settings.str("count"), "3");
    EXPECT_EQ(s.settings.str("interval"), "60");  // from the built-ins
    EXPECT_EQ(s.settings.stanza, "a.log");
}

TEST(ResolveMatch, OneRegexStanzaGivesOneSamplePerFile) {
    TestApp app;
    app.sample("web_2.log");
    app.sample("web_1.log");
    app.sample("db_1.log");
    ResolvedSamples r = app.resolve("[web_\\d+\\.log]\nindex = web\n");
    ASSERT_EQ(sample_names(r), (Names{"web_1.log", "web_2.log"}));
    for (const auto& s : r.samples) {
        EXPECT_EQ(s.stanza, "web_\\d+\\.log");
        EXPECT_EQ(s.settings.str("index"), "web");
    }
}

TEST(ResolveMatch, RegexMustCoverTheWholeFileName) {
    TestApp app;
    app.sample("web.log");
    app.sample("web.log.1");
    app.sample("old_web.log");
    ResolvedSamples r = app.resolve("[web\\.log]\n[web]\n");
    EXPECT_EQ(sample_names(r), Names{"web.log"});
}

TEST(ResolveMatch, FoldersInTheSampleDirAreNotSamples) {
    TestApp app;
    app.sample("a.log");
    app.dir.mkdir("app/samples/b.log");
    ResolvedSamples r = app.resolve("[.*\\.log]\n");
    EXPECT_EQ(sample_names(r), Names{"a.log"});
}

TEST(ResolveMatch, NameThatIsNotARegexStillMatchesExactly) {
    TestApp app;
    app.sample("a(b.log");
    ResolvedSamples r = app.resolve("[a(b.log]\n");
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(sample_names(r), Names{"a(b.log"});
}

TEST(ResolveMatch, ExactNameBeatsAPatternAnywhereInTheFile) {
    for (bool exact_first : {true, false}) {
        TestApp app;
        app.sample("a.log");
        app.sample("b.log");
        std::string pattern = "[.*\\.log]\ninterval = 10\ncount = 5\n";
        std::string exact = "[a.log]\ninterval = 20\n";
        ResolvedSamples r = app.resolve(exact_first ? exact + pattern : pattern + exact);
        ASSERT_EQ(sample_names(r), (Names{"a.log", "b.log"})) << exact_first;
        const SampleDefinition* a = find_sample(r, "a.log");
        EXPECT_EQ(a->stanza, "a.log");
        EXPECT_EQ(a->settings.str("interval"), "20");
        EXPECT_EQ(a->settings.str("count"), "5");  // filled in by the pattern
        const SampleDefinition* b = find_sample(r, "b.log");
        EXPECT_EQ(b->stanza, ".*\\.log");
        EXPECT_EQ(b->settings.str("interval"), "10");
    }
}

TEST(ResolveMatch, LongestPatternBeatsShorter) {
    TestApp app;
    app.sample("app_a.log");
    ResolvedSamples r = app.resolve("[app_.*]\nindex = long\n[.*]\nindex = short\nhost = h\n");
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(r.samples[0].stanza, "app_.*");
    EXPECT_EQ(r.samples[0].settings.str("index"), "long");
    EXPECT_EQ(r.samples[0].settings.str("host"), "h");
}

TEST(ResolveMatch, EqualLengthPatternsLaterStanzaWins) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[a\\.lo.]\nindex = first\n[.\\.log]\nindex = second\n");
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(r.samples[0].stanza, ".\\.log");
    EXPECT_EQ(r.samples[0].settings.str("index"), "second");
}

TEST(ResolveMatch, LaterContributorWinsUnsetSettings) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve(
        "[.*\\.log]\nindex = first\nsource = s1\n"
        "[a.log]\ncount = 1\n"
        "[a.*]\nindex = second\n");
    ASSERT_EQ(r.samples.size(), 1u);
    const SampleDefinition& s = r.samples[0];
    EXPECT_EQ(s.stanza, "a.log");
    EXPECT_EQ(s.settings.str("index"), "second");
    EXPECT_EQ(s.settings.str("source"), "s1");
    EXPECT_EQ(s.settings.find("index")->where.stanza, "a.*");
}

TEST(ResolveMatch, WinnerKeepsItsOwnValueEvenWhenItEqualsTheGlobal) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[.*]\ninterval = 5\n[a.log]\ninterval = 60\n");
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(r.samples[0].settings.str("interval"), "60");
}

TEST(ResolveMatch, GlobalsAreTheBaseUnderEveryStanza) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[global]\nindex = g\nhost = gh\n[.*]\nhost = pattern\n[a.log]\n");
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(r.samples[0].settings.str("index"), "g");
    EXPECT_EQ(r.samples[0].settings.str("host"), "pattern");
}

TEST(ResolveMatch, TokensOfTheWinnerComeFirstThenContributorsInStanzaOrder) {
    TestApp app;
    app.sample("a.log");
    auto token = [](int i, const std::string& re) {
        std::string p = "token." + std::to_string(i) + ".";
        return p + "token = " + re + "\n" + p + "replacementType = static\n" + p + "replacement = x\n";
    };
    ResolvedSamples r = app.resolve("[.*]\n" + token(0, "all0") + "[a\\.log]\n" + token(10, "own10") +
                                    token(2, "own2") + "[a.*]\n" + token(0, "a0"));
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(config_test::token_regexes(r.samples[0]), (Names{"own2", "own10", "all0", "a0"}));
    EXPECT_EQ(r.samples[0].tokens[0].index, 2);
    EXPECT_EQ(r.samples[0].tokens[1].index, 10);
}

TEST(ResolveMatch, StanzaWhoseRegexPrefixMatchesTheWinnerNameLendsToIt) {
    TestApp app;
    app.sample("web_access.log");
    // [web] full-matches no file, but re.match("web", "web_access.log") succeeds.
    ResolvedSamples r = app.resolve(
        "[web]\nindex = web\nsourcetype = st\ntoken.0.token = ip\ntoken.0.replacementType = static\n"
        "token.0.replacement = 1.2.3.4\n"
        "[web_access.log]\nsourcetype = access\n");
    EXPECT_TRUE(r.problems.empty());
    EXPECT_TRUE(r.warnings.empty());  // [web] lends, so it is not reported as unused
    ASSERT_EQ(sample_names(r), Names{"web_access.log"});
    const SampleDefinition& s = r.samples[0];
    EXPECT_EQ(s.settings.str("index"), "web");
    EXPECT_EQ(s.settings.str("sourcetype"), "access");
    EXPECT_EQ(config_test::token_regexes(s), Names{"ip"});
}

TEST(ResolveMatch, SamplesOfOneStanzaShareItsTokens) {
    TestApp app;
    app.sample("x1");
    app.sample("x2");
    ResolvedSamples r =
        app.resolve("[x\\d]\ntoken.0.token = t\ntoken.0.replacementType = static\ntoken.0.replacement = r\n");
    ASSERT_EQ(r.samples.size(), 2u);
    for (const auto& s : r.samples) EXPECT_EQ(config_test::token_regexes(s), Names{"t"});
}

TEST(ResolveMatch, SettingsAndTokensAreKeptApart) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve(
        "[a.log]\ntoken.0.token = t\ntoken.0.replacementType = static\ntoken.0.replacement = r\n"
        "host.token = h\nhost.replacement = hosts.txt\n");
    ASSERT_EQ(r.samples.size(), 1u);
    for (const auto& [key, v] : r.samples[0].settings.all()) {
        EXPECT_NE(key.rfind("token.", 0), 0u) << key;
        EXPECT_NE(key.rfind("host.", 0), 0u) << key;
    }
}

}  // namespace
}  // namespace eventgen


namespace eventgen {
namespace {

using config_test::sample_names;
using config_test::TestApp;

// -s/--sample as SA-Eventgen users write it: a file, a stanza, or a pattern.
TEST(ResolveSelect, SampleOptionTakesNamesStanzasAndPatterns) {
    TestApp app;
    app.sample("web_1.log");
    app.sample("web_2.log");
    app.sample("db_1.log");
    app.sample("orders.csv");
    const char* conf = "[web_\\d+\\.log]\nindex = web\n[db_1.log]\n[orders.csv]\nsampletype = csv\n";
    using Names = std::vector<std::string>;
    auto only = [&](const std::string& s) { return sample_names(app.resolve(conf, ResolveOptions{s})); };
    EXPECT_EQ(only("db_1.log"), Names{"db_1.log"});                          // a file name
    EXPECT_EQ(only("web_\\d+\\.log"), (Names{"web_1.log", "web_2.log"}));   // the stanza as written
    EXPECT_EQ(only("web_2.log"), Names{"web_2.log"});                        // one file of a regex stanza
    EXPECT_EQ(only("(web|db)_1\\.log"), (Names{"web_1.log", "db_1.log"}));  // a regex over file names
    EXPECT_EQ(only("*.csv"), Names{"orders.csv"});                          // a shell glob
    EXPECT_EQ(only("web*"), (Names{"web_1.log", "web_2.log"}));             // glob where the regex fails
    EXPECT_EQ(only("web"), Names{});  // patterns cover the whole name, as stanzas do
}

TEST(ResolveSelect, SelectorAloneMatchesWholeNames) {
    SampleSelector any("");
    EXPECT_TRUE(any.selects("x", "y"));
    SampleSelector s("sample\\.tutorial\\d");
    EXPECT_TRUE(s.selects("sample.tutorial1", "other"));
    EXPECT_FALSE(s.selects("sample.tutorial12", "other"));
    EXPECT_TRUE(s.selects("file", "sample\\.tutorial\\d"));
}

}  // namespace
}  // namespace eventgen
