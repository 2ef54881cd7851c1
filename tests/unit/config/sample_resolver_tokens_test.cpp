// Token and host token keys: parsing, validation, and which samples a bad key stops.
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

// Two samples; a.log carries `a_keys`, b.log is always valid.
struct TwoSamples {
    TestApp app;
    ResolvedSamples r;
    explicit TwoSamples(const std::string& a_keys) {
        app.sample("a.log");
        app.sample("b.log");
        r = app.resolve("[a.log]\n" + a_keys + "[b.log]\nindex = b\n");
    }
    std::string conf() const { return app.default_conf; }
};

TEST(ResolveTokens, ParsedWithTheirLocations) {
    TwoSamples t(
        "token.0.token = \\d{4}\n"
        "token.0.replacementType = Timestamp\n"
        "token.0.replacement = %Y\n");
    EXPECT_TRUE(t.r.problems.empty());
    const SampleDefinition* a = find_sample(t.r, "a.log");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->tokens.size(), 1u);
    const TokenSpec& tok = a->tokens[0];
    EXPECT_EQ(tok.index, 0);
    EXPECT_EQ(tok.regex, "\\d{4}");
    EXPECT_EQ(tok.type, "timestamp");  // replacementType is not case-sensitive
    EXPECT_EQ(tok.replacement, "%Y");
    EXPECT_EQ(tok.where.file, t.conf());
    EXPECT_EQ(tok.where.line, 2);
    EXPECT_EQ(tok.where.key, "token.0.token");
    EXPECT_EQ(tok.type_where.line, 3);
    EXPECT_EQ(tok.replacement_where.line, 4);
    EXPECT_EQ(tok.replacement_where.stanza, "a.log");
}

TEST(ResolveTokens, EveryReplacementTypeIsAccepted) {
    for (const char* type : {"static", "timestamp", "replaytimestamp", "random", "rated", "file", "mvfile",
                             "seqfile", "integerid"}) {
        TwoSamples t(std::string("token.0.token = x\ntoken.0.replacementType = ") + type +
                     "\ntoken.0.replacement = y\n");
        EXPECT_TRUE(t.r.problems.empty()) << type;
        EXPECT_EQ(t.r.samples.size(), 2u) << type;
    }
}

TEST(ResolveTokens, UnknownReplacementTypeSkipsOnlyThatSample) {
    TwoSamples t("token.0.token = x\ntoken.0.replacementType = bogus\ntoken.0.replacement = y\n");
    EXPECT_EQ(sample_names(t.r), Names{"b.log"});
    ASSERT_EQ(t.r.problems.size(), 1u);
    EXPECT_EQ(std::string(t.r.problems[0].what()),
              t.conf() + ":3: [a.log] token.0.replacementType: unknown replacementType 'bogus' (expected static, "
                         "timestamp, replaytimestamp, random, rated, file, mvfile, seqfile or integerid)");
}

TEST(ResolveTokens, UnknownTokenAttribute) {
    TwoSamples t("token.0.token = x\ntoken.0.replacementType = static\ntoken.0.replacment = y\n");
    EXPECT_EQ(sample_names(t.r), Names{"b.log"});
    ASSERT_GE(t.r.problems.size(), 1u);
    const ConfigError& e = t.r.problems[0];
    EXPECT_EQ(e.where().file, t.conf());
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().stanza, "a.log");
    EXPECT_EQ(e.where().key, "token.0.replacment");
    EXPECT_NE(std::string(e.what()).find("unknown token attribute 'replacment'"), std::string::npos);
}

TEST(ResolveTokens, MalformedTokenKeys) {
    for (const char* key : {"token.x.token", "token.0", "token..token", "token.-1.token"}) {
        TwoSamples t(std::string(key) + " = v\n");
        EXPECT_EQ(sample_names(t.r), Names{"b.log"}) << key;
        ASSERT_EQ(t.r.problems.size(), 1u) << key;
        EXPECT_EQ(t.r.problems[0].where().key, key);
        EXPECT_EQ(t.r.problems[0].where().line, 2);
        EXPECT_NE(std::string(t.r.problems[0].what()).find("malformed token setting"), std::string::npos);
    }
}

TEST(ResolveTokens, IncompleteTokenNamesTheMissingKey) {
    TwoSamples t("token.3.token = x\ntoken.3.replacementType = static\n");
    EXPECT_EQ(sample_names(t.r), Names{"b.log"});
    ASSERT_EQ(t.r.problems.size(), 1u);
    EXPECT_EQ(std::string(t.r.problems[0].what()),
              t.conf() + ":2: [a.log] token.3.replacement: token 3 is incomplete: replacement is not set");
}

TEST(ResolveTokens, TokenWithoutRegexIsIncomplete) {
    TwoSamples t("token.1.replacementType = static\ntoken.1.replacement = y\n");
    ASSERT_EQ(t.r.problems.size(), 1u);
    const ConfigError& e = t.r.problems[0];
    EXPECT_EQ(e.where().key, "token.1.token");
    EXPECT_EQ(e.where().stanza, "a.log");
    EXPECT_EQ(e.where().file, t.conf());
    EXPECT_GT(e.where().line, 0);
    EXPECT_EQ(e.detail(), "token 1 is incomplete: token is not set");
}

TEST(ResolveTokens, BrokenContributorStopsEverySampleItLendsTo) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    app.sample("c.txt");
    ResolvedSamples r = app.resolve(
        "[.*\\.log]\ntoken.0.token = x\n"
        "[a.log]\n[b.log]\n[c.txt]\n");
    EXPECT_EQ(sample_names(r), Names{"c.txt"});
    ASSERT_FALSE(r.problems.empty());
    for (const auto& p : r.problems) EXPECT_EQ(p.where().stanza, ".*\\.log");
}

TEST(ResolveTokens, HostToken) {
    TwoSamples t("host.token = host=(\\w+)\nhost.replacement = hosts.sample\n");
    EXPECT_TRUE(t.r.problems.empty());
    const SampleDefinition* a = find_sample(t.r, "a.log");
    ASSERT_TRUE(a->host_token.has_value());
    EXPECT_EQ(a->host_token->regex, "host=(\\w+)");
    EXPECT_EQ(a->host_token->replacement, "hosts.sample");
    EXPECT_EQ(a->host_token->type, "file");
    EXPECT_EQ(a->host_token->where.line, 2);
    EXPECT_EQ(a->host_token->replacement_where.line, 3);
    EXPECT_TRUE(a->tokens.empty());
    EXPECT_FALSE(find_sample(t.r, "b.log")->host_token.has_value());
}

TEST(ResolveTokens, HostTokenNeedsBothKeys) {
    TwoSamples t("host.token = host=(\\w+)\n");
    EXPECT_EQ(sample_names(t.r), Names{"b.log"});
    ASSERT_EQ(t.r.problems.size(), 1u);
    EXPECT_EQ(std::string(t.r.problems[0].what()),
              t.conf() + ":2: [a.log] host.token: host token needs both host.token and host.replacement");
}

TEST(ResolveTokens, UnknownHostAttribute) {
    TwoSamples t("host.token = h\nhost.replacement = f\nhost.replacementType = file\n");
    EXPECT_EQ(sample_names(t.r), Names{"b.log"});
    ASSERT_EQ(t.r.problems.size(), 1u);
    EXPECT_EQ(t.r.problems[0].where().key, "host.replacementType");
    EXPECT_NE(std::string(t.r.problems[0].what()).find("unknown host token attribute 'replacementType'"),
              std::string::npos);
}

TEST(ResolveTokens, WinnerHostTokenBeatsContributors) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    ResolvedSamples r = app.resolve(
        "[.*]\nhost.token = generic\nhost.replacement = g.txt\n"
        "[a.log]\nhost.token = own\nhost.replacement = o.txt\n");
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(find_sample(r, "a.log")->host_token->regex, "own");
    EXPECT_EQ(find_sample(r, "b.log")->host_token->regex, "generic");
}

TEST(ResolveTokens, ContributorHostTokenFillsIn) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[.*]\nhost.token = generic\nhost.replacement = g.txt\n[a.log]\n");
    ASSERT_EQ(r.samples.size(), 1u);
    ASSERT_TRUE(r.samples[0].host_token.has_value());
    EXPECT_EQ(r.samples[0].host_token->replacement, "g.txt");
}

}  // namespace
}  // namespace eventgen
