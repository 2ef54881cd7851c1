// Where samples are looked for, $VAR expansion, -s, disabled and file-less stanzas.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_util.h"

namespace eventgen {
namespace {

using config_test::find_sample;
using config_test::sample_names;
using config_test::ScopedEnv;
using config_test::TempDir;
using config_test::TestApp;
using Names = std::vector<std::string>;

TEST(ResolveDirs, DefaultIsTheAppSamplesFolder) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[a.log]\n");
    ASSERT_EQ(r.samples.size(), 1u);
    EXPECT_EQ(r.samples[0].sample_dir, app.dir.file("app/samples"));
}

TEST(ResolveDirs, FallsBackToSamplesNextToTheConfFile) {
    TempDir dir;
    dir.write("conf/samples/a.log", "x\n");
    std::string conf = dir.write("conf/eventgen.conf", "[a.log]\n");
    ResolvedSamples r = resolve_samples(load_eventgen_conf({ConfSource{conf, "app", dir.file("app")}}));
    ASSERT_EQ(sample_names(r), Names{"a.log"});
    EXPECT_EQ(r.samples[0].sample_dir, dir.file("conf/samples"));
    EXPECT_EQ(r.samples[0].file_path, dir.file("conf/samples/a.log"));
}

TEST(ResolveDirs, RelativeSampleDirIsRelativeToTheConfFile) {
    TestApp app;
    app.dir.write("app/other/a.log", "x\n");
    ResolvedSamples r = app.resolve("[a.log]\nsampleDir = ../other\n");
    ASSERT_EQ(sample_names(r), Names{"a.log"});
    EXPECT_EQ(r.samples[0].sample_dir, app.dir.file("app/other"));
}

TEST(ResolveDirs, RelativeSampleDirStaysWithTheFileThatSetIt) {
    TestApp app;
    app.dir.write("app/other/a.log", "x\n");
    // local/ overrides another key of the stanza; sampleDir still comes from default/.
    ResolvedSamples r = app.resolve("[a.log]\nsampleDir = ../other\n", {}, "[a.log]\ncount = 2\n");
    ASSERT_EQ(sample_names(r), Names{"a.log"});
    EXPECT_EQ(r.samples[0].sample_dir, app.dir.file("app/other"));
    EXPECT_EQ(r.samples[0].settings.str("count"), "2");
    EXPECT_EQ(r.samples[0].conf_dir, app.dir.file("app/local"));
}

TEST(ResolveDirs, AbsoluteSampleDirAndGlobalSampleDir) {
    TestApp app;
    TempDir elsewhere;
    elsewhere.write("a.log", "x\n");
    elsewhere.write("b.log", "x\n");
    ResolvedSamples r = app.resolve("[global]\nsampleDir = " + elsewhere.path().string() + "\n[a.log]\n[b.log]\n");
    ASSERT_EQ(sample_names(r), (Names{"a.log", "b.log"}));
    for (const auto& s : r.samples) EXPECT_EQ(s.sample_dir, elsewhere.path().string());
}

TEST(ResolveDirs, SampleDirExpandsEnvironmentVariables) {
    TempDir elsewhere;
    elsewhere.write("samples/a.log", "x\n");
    ScopedEnv env("EVENTGEN_CONFIG_TEST_DIR", elsewhere.path().c_str());
    TestApp app;
    ResolvedSamples r = app.resolve("[a.log]\nsampleDir = ${EVENTGEN_CONFIG_TEST_DIR}/samples\n");
    ASSERT_EQ(sample_names(r), Names{"a.log"});
    EXPECT_EQ(r.samples[0].sample_dir, elsewhere.file("samples"));
}

TEST(ResolveDirs, SameFileNameInTwoFoldersGivesTwoSamples) {
    TestApp app;
    app.sample("a.log");
    app.dir.write("app/other/a.log", "x\n");
    // [a\.log] lends to [a.log] (its regex prefix-matches that name) but has no sampleDir.
    ResolvedSamples r = app.resolve("[a\\.log]\nindex = one\n[a.log]\nsampleDir = ../other\nindex = two\n");
    ASSERT_EQ(r.samples.size(), 2u);
    EXPECT_EQ(r.samples[0].file_path, app.dir.file("app/samples/a.log"));
    EXPECT_EQ(r.samples[1].file_path, app.dir.file("app/other/a.log"));
    EXPECT_EQ(r.samples[0].settings.str("index"), "one");
    EXPECT_EQ(r.samples[1].settings.str("index"), "two");
}

TEST(ResolveDirs, MissingSampleFolderWarnsAndGeneratesNothing) {
    TestApp app;
    ResolvedSamples r = app.resolve("\n[a.log]\n");
    EXPECT_TRUE(r.samples.empty());
    EXPECT_TRUE(r.problems.empty());
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0], app.default_conf + ":2: [a.log]: no sample file in '" + app.dir.file("app/samples") +
                                 "' matches this stanza; it generates nothing");
}

TEST(ResolveDisabled, DisabledSamplesAreDropped) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    ResolvedSamples r = app.resolve("[a.log]\ndisabled = true\n[b.log]\n");
    EXPECT_EQ(sample_names(r), Names{"b.log"});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_TRUE(r.warnings.empty());
}

TEST(ResolveDisabled, LocalCanEnableWhatDefaultDisables) {
    const std::string app = std::string(EVENTGEN_TEST_DATA) + "/config/layered_app";
    ResolvedSamples r = resolve_samples(load_eventgen_conf(
        {ConfSource{app + "/default/eventgen.conf", "layered_app", app},
         ConfSource{app + "/local/eventgen.conf", "layered_app", app}}));
    EXPECT_TRUE(r.problems.empty());
    ASSERT_EQ(sample_names(r), (Names{"web.log", "disabled.log"}));  // stanza order
    EXPECT_EQ(find_sample(r, "web.log")->settings.str("count"), "20");
    EXPECT_EQ(find_sample(r, "web.log")->tokens.size(), 1u);
}

TEST(ResolveDisabled, GlobalDisabledCanBeOverriddenPerStanza) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    ResolvedSamples r = app.resolve("[global]\ndisabled = true\n[a.log]\ndisabled = false\n[b.log]\n");
    EXPECT_EQ(sample_names(r), Names{"a.log"});
}

TEST(ResolveDisabled, DisabledPatternDisablesTheSamplesItLendsTo) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    ResolvedSamples r = app.resolve("[.*]\ndisabled = true\n[a.log]\n[b.log]\ndisabled = false\n");
    EXPECT_EQ(sample_names(r), Names{"b.log"});
}

TEST(ResolveDisabled, BadDisabledValueIsAProblem) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[a.log]\ndisabled = maybe\n");
    EXPECT_TRUE(r.samples.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(std::string(r.problems[0].what()),
              app.default_conf + ":2: [a.log] disabled: expected true or false but found 'maybe'");
}

TEST(ResolveFilter, OnlyTheSelectedSampleByFileOrStanzaName) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    const std::string conf = "[a.log]\n[b\\.log]\n";
    EXPECT_EQ(sample_names(app.resolve(conf, ResolveOptions{"a.log"})), Names{"a.log"});
    EXPECT_EQ(sample_names(app.resolve(conf, ResolveOptions{"b.log"})), Names{"b.log"});
    EXPECT_EQ(sample_names(app.resolve(conf, ResolveOptions{"b\\.log"})), Names{"b.log"});
    EXPECT_TRUE(app.resolve(conf, ResolveOptions{"c.log"}).samples.empty());
}

TEST(ResolveFilter, OtherSamplesProblemsDoNotCountWhenFiltered) {
    TestApp app;
    app.sample("a.log");
    app.sample("b.log");
    const std::string conf = "[a.log]\n[b.log]\ntoken.0.token = x\n[c]\n";
    ResolvedSamples r = app.resolve(conf, ResolveOptions{"a.log"});
    EXPECT_EQ(sample_names(r), Names{"a.log"});
    EXPECT_TRUE(r.problems.empty());
    EXPECT_TRUE(r.warnings.empty());
    ResolvedSamples broken = app.resolve(conf, ResolveOptions{"b.log"});
    EXPECT_TRUE(broken.samples.empty());
    EXPECT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(app.resolve(conf, ResolveOptions{"c"}).warnings.size(), 1u);  // the selected one still warns
}

TEST(ResolveFileless, KeptForGeneratorsThatNeedNoSample) {
    TestApp app;
    app.sample("unrelated.txt");
    ResolvedSamples r = app.resolve("[windbag]\ngenerator = windbag\ncount = 5\n");
    EXPECT_TRUE(r.warnings.empty());
    ASSERT_EQ(sample_names(r), Names{"windbag"});
    EXPECT_EQ(r.samples[0].stanza, "windbag");
    EXPECT_EQ(r.samples[0].file_path, "");
    EXPECT_EQ(r.samples[0].settings.str("count"), "5");
}

TEST(ResolveFileless, DroppedForDefaultAndReplayGenerators) {
    TestApp app;
    app.sample("unrelated.txt");
    ResolvedSamples r = app.resolve("[a.log]\n[b.log]\ngenerator = replay\n[c.log]\ngenerator = Default\n");
    EXPECT_TRUE(r.samples.empty());
    EXPECT_EQ(r.warnings.size(), 3u);
}

TEST(ResolveFileless, DisabledOnesAreDroppedQuietly) {
    TestApp app;
    ResolvedSamples r = app.resolve("[w]\ngenerator = windbag\ndisabled = true\n[a.log]\ndisabled = 1\n");
    EXPECT_TRUE(r.samples.empty());
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_TRUE(r.problems.empty());
}

TEST(ResolveFileless, FilterAppliesToo) {
    TestApp app;
    const std::string conf = "[w1]\ngenerator = windbag\n[w2]\ngenerator = windbag\n";
    EXPECT_EQ(sample_names(app.resolve(conf, ResolveOptions{"w2"})), Names{"w2"});
}

TEST(ExpandEnvVars, PlainAndBracedNames) {
    ScopedEnv a("EVENTGEN_CONFIG_TEST_A", "/opt/x");
    ScopedEnv b("EVENTGEN_CONFIG_TEST_UNSET", nullptr);
    EXPECT_EQ(expand_env_vars("$EVENTGEN_CONFIG_TEST_A/samples"), "/opt/x/samples");
    EXPECT_EQ(expand_env_vars("${EVENTGEN_CONFIG_TEST_A}samples"), "/opt/xsamples");
    EXPECT_EQ(expand_env_vars("a/$EVENTGEN_CONFIG_TEST_A"), "a//opt/x");
    EXPECT_EQ(expand_env_vars("$$EVENTGEN_CONFIG_TEST_A"), "$/opt/x");
}

TEST(ExpandEnvVars, UnknownOrMalformedReferencesStayAsWritten) {
    ScopedEnv a("EVENTGEN_CONFIG_TEST_A", "/opt/x");
    ScopedEnv b("EVENTGEN_CONFIG_TEST_UNSET", nullptr);
    for (const char* s : {"$EVENTGEN_CONFIG_TEST_UNSET/x", "${EVENTGEN_CONFIG_TEST_UNSET}", "${EVENTGEN_CONFIG_TEST_A",
                          "$", "a$", "$/x", "${}", "no vars"})
        EXPECT_EQ(expand_env_vars(s), s);
}

}  // namespace
}  // namespace eventgen
