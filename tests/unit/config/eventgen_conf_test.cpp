// Layering of eventgen.conf files: built-ins < [default] < [global]; sample stanzas
// merged across files with the later file winning.
#include <gtest/gtest.h>

#include <string>

#include "config/builtin_defaults.h"
#include "config/eventgen_conf.h"
#include "config_test_util.h"

namespace eventgen {
namespace {

ConfText text(const std::string& path, const std::string& body, const std::string& app = "app") {
    return ConfText{ConfSource{path, app, "/apps/" + app}, body};
}

const ConfStanzaDef* stanza(const EventgenConf& c, const std::string& name) {
    for (const auto& s : c.stanzas)
        if (s.name == name) return &s;
    return nullptr;
}

TEST(EventgenConf, BuiltinDefaultsWithoutFiles) {
    EventgenConf c = load_eventgen_conf_text({});
    EXPECT_TRUE(c.problems.empty());
    EXPECT_TRUE(c.stanzas.empty());
    EXPECT_EQ(c.globals.str("interval"), "60");
    EXPECT_EQ(c.globals.str("count"), "-1");
    EXPECT_EQ(c.globals.str("outputMode"), "modinput");
    EXPECT_EQ(c.globals.str("spoolFile"), "<SAMPLE>");
    EXPECT_EQ(c.globals.str("breaker"), "[^\\r\\n\\s]+");
    const Setting* s = c.globals.find("interval");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->where.file, kBuiltinConfName);
    EXPECT_GT(s->where.line, 0);
    EXPECT_EQ(s->where.stanza, "global");
    EXPECT_EQ(s->where.key, "interval");
}

TEST(EventgenConf, DefaultStanzaOverridesBuiltinsAndGlobalOverridesDefault) {
    EventgenConf c = load_eventgen_conf_text(
        {text("/a/eventgen.conf", "[global]\ninterval = 20\n[default]\ninterval = 10\ncount = 5\n")});
    EXPECT_EQ(c.globals.str("interval"), "20");
    EXPECT_EQ(c.globals.str("count"), "5");
    EXPECT_EQ(c.globals.find("count")->where.file, "/a/eventgen.conf");
    EXPECT_EQ(c.globals.find("count")->where.line, 5);
    EXPECT_EQ(c.globals.find("count")->where.stanza, "default");
    EXPECT_EQ(c.globals.find("interval")->where.stanza, "global");
    EXPECT_EQ(c.globals.str("index"), "main");  // untouched built-in
    EXPECT_TRUE(c.stanzas.empty());
}

TEST(EventgenConf, KeysBeforeAnyStanzaActAsDefault) {
    EventgenConf c = load_eventgen_conf_text({text("/a/eventgen.conf", "count = 3\n[s]\nindex = x\n")});
    EXPECT_EQ(c.globals.str("count"), "3");
    ASSERT_EQ(c.stanzas.size(), 1u);
    EXPECT_FALSE(c.stanzas[0].own.has("count"));
}

TEST(EventgenConf, GlobalOfAnyFileBeatsDefaultOfAnyFile) {
    EventgenConf c = load_eventgen_conf_text({text("/a/default/eventgen.conf", "[global]\ncount = 1\n"),
                                              text("/a/local/eventgen.conf", "[default]\ncount = 2\n")});
    EXPECT_EQ(c.globals.str("count"), "1");
}

TEST(EventgenConf, LaterFileWinsForGlobalAndDefault) {
    EventgenConf c = load_eventgen_conf_text(
        {text("/a/default/eventgen.conf", "[global]\ninterval = 10\n[default]\nindex = one\n"),
         text("/a/local/eventgen.conf", "[global]\ninterval = 11\n[default]\nindex = two\n")});
    EXPECT_EQ(c.globals.str("interval"), "11");
    EXPECT_EQ(c.globals.find("interval")->where.file, "/a/local/eventgen.conf");
    EXPECT_EQ(c.globals.str("index"), "two");
}

TEST(EventgenConf, SampleStanzasDoNotLeakIntoGlobals) {
    EventgenConf c = load_eventgen_conf_text({text("/a/eventgen.conf", "[s.log]\ncount = 9\nfoo = bar\n")});
    EXPECT_EQ(c.globals.str("count"), "-1");
    EXPECT_FALSE(c.globals.has("foo"));
    ASSERT_EQ(c.stanzas.size(), 1u);
    EXPECT_EQ(c.stanzas[0].own.str("count"), "9");
    EXPECT_EQ(c.stanzas[0].own.str("foo"), "bar");
    EXPECT_EQ(c.stanzas[0].own.stanza, "s.log");
}

TEST(EventgenConf, StanzasMergeAcrossFilesLaterFileWins) {
    EventgenConf c = load_eventgen_conf_text(
        {text("/apps/one/default/eventgen.conf", "[s.log]\ncount = 1\nindex = a\n", "one"),
         text("/apps/two/local/eventgen.conf", "\n[s.log]\nindex = b\n", "two")});
    ASSERT_EQ(c.stanzas.size(), 1u);
    const ConfStanzaDef& s = c.stanzas[0];
    EXPECT_EQ(s.own.str("count"), "1");
    EXPECT_EQ(s.own.find("count")->where.file, "/apps/one/default/eventgen.conf");
    EXPECT_EQ(s.own.str("index"), "b");
    EXPECT_EQ(s.own.find("index")->where.file, "/apps/two/local/eventgen.conf");
    EXPECT_EQ(s.own.find("index")->where.line, 3);
    // The most precedent file decides where the stanza "lives".
    EXPECT_EQ(s.app, "two");
    EXPECT_EQ(s.app_dir, "/apps/two");
    EXPECT_EQ(s.conf_dir, "/apps/two/local");
    EXPECT_EQ(s.where.file, "/apps/two/local/eventgen.conf");
    EXPECT_EQ(s.where.line, 2);
    EXPECT_EQ(s.where.stanza, "s.log");
}

TEST(EventgenConf, StanzaOrderIsFirstAppearanceAcrossFiles) {
    EventgenConf c = load_eventgen_conf_text({text("/a/default/eventgen.conf", "[a]\n[b]\n"),
                                              text("/a/local/eventgen.conf", "[c]\n[a]\nx = 1\n")});
    ASSERT_EQ(c.stanzas.size(), 3u);
    EXPECT_EQ(c.stanzas[0].name, "a");
    EXPECT_EQ(c.stanzas[1].name, "b");
    EXPECT_EQ(c.stanzas[2].name, "c");
    for (int i = 0; i < 3; ++i) EXPECT_EQ(c.stanzas[i].order, i);
    EXPECT_EQ(stanza(c, "a")->own.str("x"), "1");
}

TEST(EventgenConf, ProblemsFromEveryFileKeepTheirLocation) {
    EventgenConf c = load_eventgen_conf_text(
        {text("/a/default/eventgen.conf", "[s]\noops\n"), text("/a/local/eventgen.conf", "[t]\n\n[bad\n")});
    ASSERT_EQ(c.problems.size(), 2u);
    EXPECT_EQ(c.problems[0].where().file, "/a/default/eventgen.conf");
    EXPECT_EQ(c.problems[0].where().line, 2);
    EXPECT_EQ(c.problems[1].where().file, "/a/local/eventgen.conf");
    EXPECT_EQ(c.problems[1].where().line, 3);
    EXPECT_NE(stanza(c, "s"), nullptr);
    EXPECT_NE(stanza(c, "t"), nullptr);
}

TEST(EventgenConf, MissingFileIsReportedAndOthersStillLoad) {
    config_test::TempDir dir;
    std::string present = dir.write("app/default/eventgen.conf", "[s.log]\ncount = 4\n");
    std::string missing = dir.file("app/local/eventgen.conf");
    EventgenConf c = load_eventgen_conf({ConfSource{missing, "app", dir.file("app")},
                                         ConfSource{present, "app", dir.file("app")}});
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_EQ(c.problems[0].where().file, missing);
    EXPECT_EQ(std::string(c.problems[0].what()), missing + ": cannot read configuration file");
    ASSERT_EQ(c.stanzas.size(), 1u);
    EXPECT_EQ(c.stanzas[0].own.str("count"), "4");
    EXPECT_EQ(c.stanzas[0].conf_dir, dir.file("app/default"));
    EXPECT_EQ(c.globals.str("interval"), "60");
}

TEST(EventgenConf, GlobalsOnlySourceContributesNoSampleStanzas) {
    ConfText sa = text("/apps/SA-Eventgen/default/eventgen.conf", "[global]\ncount = 2\n[shared.log]\nindex = x\n",
                       "SA-Eventgen");
    sa.source.globals_only = true;
    EventgenConf c = load_eventgen_conf_text({sa, text("/apps/mine/default/eventgen.conf", "[mine.log]\n", "mine")});
    EXPECT_EQ(c.globals.str("count"), "2");
    ASSERT_EQ(c.stanzas.size(), 1u);
    EXPECT_EQ(c.stanzas[0].name, "mine.log");
    EXPECT_EQ(c.stanzas[0].app, "mine");
}

TEST(EventgenConf, ParsedFilesLoadLikeText) {
    ConfSource src{"/a/eventgen.conf", "a", "/a"};
    EventgenConf c = load_eventgen_conf_parsed({{src, parse_conf("[global]\ncount = 3\n[s]\nx = 1\nbad\n", src.path)}});
    EXPECT_EQ(c.globals.str("count"), "3");
    ASSERT_EQ(c.stanzas.size(), 1u);
    EXPECT_EQ(c.stanzas[0].own.str("x"), "1");
    ASSERT_EQ(c.problems.size(), 1u);
    EXPECT_EQ(c.problems[0].where().line, 5);
}

TEST(EventgenConf, LoadsDefaultAndLocalOfAnAppFolder) {
    const std::string app = std::string(EVENTGEN_TEST_DATA) + "/config/layered_app";
    EventgenConf c = load_eventgen_conf({ConfSource{app + "/default/eventgen.conf", "layered_app", app},
                                         ConfSource{app + "/local/eventgen.conf", "layered_app", app}});
    EXPECT_TRUE(c.problems.empty());
    EXPECT_EQ(c.globals.str("interval"), "30");
    const ConfStanzaDef* web = stanza(c, "web\\.log");
    ASSERT_NE(web, nullptr);
    EXPECT_EQ(web->own.str("count"), "20");
    EXPECT_EQ(web->own.str("index"), "web");
    EXPECT_EQ(web->own.str("token.0.replacementType"), "timestamp");
    EXPECT_EQ(stanza(c, "disabled\\.log")->own.str("disabled"), "false");
}

}  // namespace
}  // namespace eventgen
