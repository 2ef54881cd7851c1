// eventgen check: each kind of finding, exit codes, the JSON document; and the
// conformance of every registered output and generator (schema defaults parse,
// settings are known, formats write what the sink delivers).
#include "check/config_check.h"

#include <gtest/gtest.h>
#include <filesystem>
#include <set>
#include <rapidjson/document.h>

#include "../config/config_test_util.h"
#include "../outputs/output_test_util.h"
#include "cli/describe_command.h"
#include "config/sample_config.h"
#include "generators/registry.h"
#include "outputs/registry.h"

namespace eventgen {
namespace {

using config_test::TestApp;

const Finding* find_code(const CheckReport& r, const std::string& code) {
    for (const auto& f : r.findings)
        if (f.code == code) return &f;
    return nullptr;
}

CheckReport check_app(TestApp& app, const std::string& conf) {
    app.dir.write("app/default/eventgen.conf", conf);
    return check_path(app.app_dir);
}

TEST(ConfigCheck, SuggestsTheNearestKeyAndFlagsWrongCase) {
    TestApp app;
    app.sample("web.log");
    CheckReport r = check_app(app, "[web.log]\nintervall = 5\noutputmode = file\n");
    const Finding* typo = find_code(r, "unknown-key");
    ASSERT_NE(typo, nullptr);
    EXPECT_EQ(typo->suggestion, "interval");
    EXPECT_EQ(typo->line, 2);
    EXPECT_EQ(typo->stanza, "web.log");
    const Finding* wrong_case = find_code(r, "wrong-case");
    ASSERT_NE(wrong_case, nullptr);
    EXPECT_EQ(wrong_case->suggestion, "outputMode");
    EXPECT_EQ(r.exit_code(false), 0);
    EXPECT_EQ(r.exit_code(true), 1);
}

TEST(ConfigCheck, DuplicatesNameBothLines) {
    TestApp app;
    app.sample("web.log");
    CheckReport r = check_app(app, "[web.log]\ncount = 1\ncount = 2\n[other]\n[web.log]\nend = 1\n");
    const Finding* key = find_code(r, "duplicate-key");
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->line, 3);
    EXPECT_NE(key->message.find("line 2"), std::string::npos) << key->message;
    const Finding* stanza = find_code(r, "duplicate-stanza");
    ASSERT_NE(stanza, nullptr);
    EXPECT_EQ(stanza->line, 5);
    EXPECT_NE(stanza->message.find("line 1"), std::string::npos) << stanza->message;
}

TEST(ConfigCheck, BadPatternsUnmatchedFilesAndStanzasWithoutFiles) {
    TestApp app;
    app.sample("web.log");
    app.sample("orphan.log");
    CheckReport r = check_app(app, "[web.log]\n[*\\.cisco.asa]\ncount = 1\n[nothing.*]\ncount = 2\n");
    const Finding* bad = find_code(r, "invalid-stanza-pattern");
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->stanza, "*\\.cisco.asa");
    const Finding* none = find_code(r, "stanza-matches-no-file");
    ASSERT_NE(none, nullptr);
    EXPECT_GT(none->line, 0);
    const Finding* orphan = find_code(r, "unmatched-sample");
    ASSERT_NE(orphan, nullptr);
    EXPECT_NE(orphan->file.find("orphan.log"), std::string::npos);
}

// Settings of an output the sample does not use are never read by a run; check still
// says when their values are bad (once per line, however many samples share it).
TEST(ConfigCheck, BadValuesOfUnusedComponentsAreWarnings) {
    TestApp app;
    app.sample("web.log");
    app.sample("db.log");
    CheckReport r = check_app(app,
                              "[global]\nhttpeventMaxPayloadSize = lots\n[web.log]\noutputMode = file\n"
                              "fileName = /dev/null\nhttpeventServers = {bad\ns2sUseACK = 1\n[db.log]\n");
    std::vector<const Finding*> found;
    for (const auto& f : r.findings)
        if (f.code == "invalid-unused-value") found.push_back(&f);
    ASSERT_EQ(found.size(), 2u) << "the [global] value once, httpeventServers; s2sUseACK = 1 is a valid boolean";
    EXPECT_EQ(found[0]->key, "httpeventMaxPayloadSize");
    EXPECT_EQ(found[0]->line, 2);
    EXPECT_NE(found[0]->message.find("outputMode = httpevent would reject it"), std::string::npos) << found[0]->message;
    EXPECT_EQ(found[1]->key, "httpeventServers");
    EXPECT_EQ(found[1]->severity, Finding::Severity::Warning);
    EXPECT_EQ(r.exit_code(false), 0);
    // The same value where the output is in use is an error, reported by the output itself.
    CheckReport used = check_app(app, "[web.log]\noutputMode = httpevent\nhttpeventServers = {bad\n");
    EXPECT_EQ(find_code(used, "invalid-unused-value"), nullptr);
    EXPECT_EQ(used.exit_code(false), 2);
}

TEST(ConfigCheck, ErrorsExitTwoAndUnknownKeysStillShow) {
    TestApp app;
    app.sample("web.log");
    CheckReport r = check_app(app, "[web.log]\ncount = many\ncuont = 3\n");
    const Finding* bad = find_code(r, "invalid-value");
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->key, "count");
    EXPECT_EQ(bad->severity, Finding::Severity::Error);
    EXPECT_NE(find_code(r, "unknown-key"), nullptr);  // not lost because the sample also failed
    EXPECT_EQ(r.exit_code(false), 2);
    EXPECT_EQ(check_path(app.dir.file("no-such-app")).exit_code(false), 2);
}

TEST(ConfigCheck, JsonHasTheDocumentedShape) {
    TestApp app;
    app.sample("web.log");
    CheckReport r = check_app(app, "[web.log]\nintervall = 5\n");
    rapidjson::Document d;
    d.Parse(check_report_json(r, "cfg", true).c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_EQ(d["exit_code"].GetInt(), 1);
    EXPECT_EQ(d["counts"]["warning"].GetInt(), 1);
    ASSERT_EQ(d["samples"].Size(), 1u);
    const auto& f = d["findings"][0];
    for (const char* k : {"severity", "code", "file", "line", "stanza", "key", "message", "suggestion"})
        EXPECT_TRUE(f.HasMember(k)) << k;
    EXPECT_STREQ(f["suggestion"].GetString(), "interval");
}

TEST(ConfigCheck, EveryConfigInTestDataChecksWithoutErrors) {
    for (const char* app : {"config/layered_app"}) {
        CheckReport r = check_path(std::string(EVENTGEN_TEST_DATA) + "/" + app);
        for (const auto& f : r.findings)
            EXPECT_NE(f.severity, Finding::Severity::Error) << f.describe();
    }
}

// Every eventgen.conf SA-Eventgen ships (copies in tests/data/sa-eventgen): check
// reads each one without crashing, and every error it reports is located (file and
// line) and is one of the problems those files really have.
TEST(ConfigCheck, SaEventgensOwnConfigsGiveLocatedFindings) {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(EVENTGEN_TEST_DATA) / "sa-eventgen";
    size_t files = 0, clean = 0;
    std::set<std::string> error_codes;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || name.rfind("eventgen.conf", 0) != 0) continue;
        ++files;
        CheckReport r = check_path(entry.path().string());
        EXPECT_NE(r.exit_code(false), 1) << entry.path();
        if (r.errors() == 0) ++clean;
        for (const auto& f : r.findings) {
            if (f.severity != Finding::Severity::Error) continue;
            EXPECT_FALSE(f.file.empty()) << f.describe();
            if (f.code != "config-not-found") {
                EXPECT_GT(f.line, 0) << f.describe();
            }
            error_codes.insert(f.code);
        }
    }
    EXPECT_GT(files, 40u);
    // Most of them are clean; the rest name templates or outputs this copy lacks, or
    // hold real mistakes (a negative interval, '<GB/day>' placeholders, pasted text).
    EXPECT_GT(clean * 2, files);
    for (const auto& code : error_codes)
        EXPECT_TRUE(code == "invalid-value" || code == "parse-error" || code == "sample-error") << code;
}

// Conformance over every registered output: its schema's defaults parse, its
// settings are known and described, its format writes events the sink delivers.
TEST(Conformance, EveryOutputParsesItsDefaultsAndItsSettingsAreKnown) {
    for (const OutputDescriptor* d : output_components()) {
        for (const SettingSpec& s : d->settings) {
            EXPECT_TRUE(is_known_setting(s.key)) << d->name << " " << s.key;
            EXPECT_FALSE(s.doc.empty()) << d->name << " " << s.key;
        }
        for (const std::string& mode : d->modes) {
            EXPECT_EQ(find_output(mode), d) << mode;
            // Outputs that need an address (HEC, splunkstream, s2s) must refuse no address
            // with a ConfigError, never crash; the others parse their defaults.
            std::vector<std::pair<std::string, std::string>> defaults;
            for (const SettingSpec& s : d->settings)
                if (s.default_value) defaults.emplace_back(s.key, *s.default_value);
            try {
                SampleConfig c = testing::sample_for(mode, defaults);
                ASSERT_NE(c.output, nullptr) << mode;
                EXPECT_FALSE(c.output->target_key().empty()) << mode;
                EXPECT_NE(c.output->make_format(OutputOptions{}), nullptr) << mode;
            } catch (const ConfigError& e) {
                EXPECT_NE(std::string(e.what()).find("needs"), std::string::npos) << mode << ": " << e.what();
            }
        }
    }
}

TEST(Conformance, LocalOutputsDeliverEverythingTheyAreGiven) {
    testing::TempDir dir;
    for (const char* mode : {"file", "spool", "devnull"}) {
        SampleConfig c = testing::sample_for(mode, {{"fileName", dir.file("out.log")}, {"spoolDir", dir.path().string()},
                                                    {"spoolFile", "spool.log"}});
        auto format = c.output->make_format(OutputOptions{});
        auto sink = c.output->make_sink(OutputOptions{}, nullptr);
        testing::put(*sink, *format, testing::batch_of({"a", "b", "c"}));
        sink->close();
        EXPECT_EQ(sink->stats().events + sink->stats().failed, 3u) << mode;
        EXPECT_EQ(sink->stats().events, 3u) << mode;
    }
}

TEST(Conformance, EveryGeneratorIsListedAndDescribed) {
    rapidjson::Document d;
    d.Parse(describe_json().c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_EQ(d["outputs"].Size(), output_components().size());
    EXPECT_EQ(d["generators"].Size(), generator_components().size());
    for (const GeneratorDescriptor* g : generator_components()) {
        EXPECT_NE(g->prepare, nullptr) << g->name;
        for (const std::string& n : g->names) EXPECT_EQ(find_generator(n), g) << n;
        for (const SettingSpec& s : g->settings) EXPECT_TRUE(is_known_setting(s.key)) << g->name << " " << s.key;
    }
    for (const auto& s : d["settings"].GetArray()) {
        EXPECT_TRUE(s.HasMember("key") && s.HasMember("type") && s.HasMember("default") && s.HasMember("allowed") &&
                    s.HasMember("doc") && s.HasMember("component"));
    }
}

TEST(Conformance, SchemaDefaultsMatchTheAppsDefaultConf) {
    // default/eventgen.conf repeats the built-in defaults for Splunk: they must agree.
    EventgenConf conf = load_eventgen_conf({});
    for (const auto& [key, s] : conf.globals.all()) {
        const KnownSetting* k = find_setting(key);
        ASSERT_NE(k, nullptr) << key;
        if (k->spec->default_value && k->component == "core" && key != "autotimestamps") {
            EXPECT_EQ(s.value, *k->spec->default_value) << key;
        }
    }
}

}  // namespace
}  // namespace eventgen
