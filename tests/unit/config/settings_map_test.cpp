// Typed reads of settings and the messages that point at the bad value.
#include <gtest/gtest.h>

#include <string>

#include "config/settings_map.h"
#include "config_test_util.h"

namespace eventgen {
namespace {

using config_test::config_error_of;

SettingsMap map_with(const std::string& key, const std::string& value) {
    SettingsMap m;
    m.stanza = "s.log";
    m.set(key, Setting{value, ConfLocation{"app/default/eventgen.conf", 7, "s.log", key}});
    return m;
}

TEST(SettingsMap, MissingKeysUseTheFallback) {
    SettingsMap m;
    EXPECT_EQ(m.str("a"), "");
    EXPECT_EQ(m.str("a", "x"), "x");
    EXPECT_EQ(m.integer("a", -4), -4);
    EXPECT_DOUBLE_EQ(m.number("a", 2.5), 2.5);
    EXPECT_TRUE(m.boolean("a", true));
    EXPECT_EQ(m.choice("a", {"x", "y"}, "fallback"), "fallback");
    EXPECT_FALSE(m.has("a"));
}

TEST(SettingsMap, SetReplacesEraseRemovesAllIsSorted) {
    SettingsMap m;
    m.set("b", Setting{"1", {}});
    m.set("a", Setting{"2", {}});
    m.set("b", Setting{"3", {}});
    ASSERT_EQ(m.all().size(), 2u);
    EXPECT_EQ(m.all().begin()->first, "a");
    EXPECT_EQ(m.str("b"), "3");
    m.erase("b");
    EXPECT_FALSE(m.has("b"));
    EXPECT_TRUE(m.has("a"));
}

TEST(SettingsMap, StringsAreReturnedAsWritten) {
    EXPECT_EQ(map_with("host", " web 01 ").str("host"), " web 01 ");
}

TEST(SettingsMap, Integers) {
    EXPECT_EQ(map_with("count", "42").integer("count", 0), 42);
    EXPECT_EQ(map_with("count", " 7 ").integer("count", 0), 7);
    EXPECT_EQ(map_with("count", "+3").integer("count", 0), 3);
    EXPECT_EQ(map_with("count", "-1").integer("count", 0), -1);
    EXPECT_EQ(map_with("count", "60.0").integer("count", 0), 60);  // common in Splunk configs
    EXPECT_EQ(map_with("count", "1e3").integer("count", 0), 1000);
}

TEST(SettingsMap, BadIntegerNamesFileLineStanzaAndKey) {
    EXPECT_EQ(config_error_of([] { map_with("count", "abc").integer("count", 0); }),
              "app/default/eventgen.conf:7: [s.log] count: expected an integer but found 'abc'");
    EXPECT_EQ(config_error_of([] { map_with("count", "1.5").integer("count", 0); }),
              "app/default/eventgen.conf:7: [s.log] count: expected an integer but found '1.5'");
    EXPECT_EQ(config_error_of([] { map_with("count", "").integer("count", 0); }),
              "app/default/eventgen.conf:7: [s.log] count: expected an integer but found ''");
}

TEST(SettingsMap, IntegersOutOfRangeOrNotFiniteAreErrors) {
    for (const char* v : {"1e300", "-1e300", "inf", "nan", "9223372036854775808", "1e19"}) {
        std::string msg = config_error_of([&] { map_with("count", v).integer("count", 0); });
        EXPECT_NE(msg.find("expected an integer"), std::string::npos) << v;
    }
}

TEST(SettingsMap, Numbers) {
    EXPECT_DOUBLE_EQ(map_with("interval", "1.5").number("interval", 0), 1.5);
    EXPECT_DOUBLE_EQ(map_with("interval", " 30 ").number("interval", 0), 30);
    EXPECT_DOUBLE_EQ(map_with("interval", "-0.25").number("interval", 0), -0.25);
    EXPECT_EQ(config_error_of([] { map_with("interval", "soon").number("interval", 0); }),
              "app/default/eventgen.conf:7: [s.log] interval: expected a number but found 'soon'");
}

TEST(SettingsMap, NumbersMustBeFinite) {
    for (const char* v : {"inf", "-inf", "nan", "infinity"}) {
        std::string msg = config_error_of([&] { map_with("interval", v).number("interval", 0); });
        EXPECT_NE(msg.find("[s.log] interval: expected a number"), std::string::npos) << v;
    }
}

TEST(SettingsMap, Booleans) {
    for (const char* v : {"true", "True", "TRUE", "1", "yes", "on", " true "})
        EXPECT_TRUE(map_with("disabled", v).boolean("disabled", false)) << v;
    for (const char* v : {"false", "False", "0", "no", "off", ""})
        EXPECT_FALSE(map_with("disabled", v).boolean("disabled", true)) << v;
    EXPECT_EQ(config_error_of([] { map_with("disabled", "maybe").boolean("disabled", false); }),
              "app/default/eventgen.conf:7: [s.log] disabled: expected true or false but found 'maybe'");
}

TEST(SettingsMap, ChoicesAreCaseInsensitiveAndLowerCased) {
    EXPECT_EQ(map_with("sampletype", " CSV ").choice("sampletype", {"raw", "csv"}, "raw"), "csv");
    EXPECT_EQ(config_error_of([] { map_with("sampletype", "xml").choice("sampletype", {"raw", "csv"}, "raw"); }),
              "app/default/eventgen.conf:7: [s.log] sampletype: 'xml' is not one of: raw, csv");
}

TEST(SettingsMap, WhereOfAMissingKeyNamesStanzaAndKey) {
    SettingsMap m = map_with("a", "1");
    ConfLocation w = m.where("b");
    EXPECT_EQ(w.file, "");
    EXPECT_EQ(w.stanza, "s.log");
    EXPECT_EQ(w.key, "b");
    EXPECT_EQ(m.where("a").line, 7);
    EXPECT_EQ(config_error_of([&] { m.fail("b", "needed"); }), "<built-in>: [s.log] b: needed");
    EXPECT_EQ(config_error_of([&] { m.fail("a", "bad"); }), "app/default/eventgen.conf:7: [s.log] a: bad");
}

}  // namespace
}  // namespace eventgen
