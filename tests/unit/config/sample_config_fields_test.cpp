// Typed sample settings: defaults, every field, and Eventgen's implied settings.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "config_test_util.h"
#include "generators/generator_component.h"
#include "outputs/file/file_output.h"
#include "outputs/registry.h"
#include "outputs/spool/spool_output.h"

namespace eventgen {
namespace {

const FileOutputConfig& file_output(const SampleConfig& c) {
    auto* f = dynamic_cast<const FileOutputConfig*>(c.output.get());
    if (!f) throw std::logic_error("not a file output");
    return *f;
}
const SpoolOutputConfig& spool_output(const SampleConfig& c) {
    auto* f = dynamic_cast<const SpoolOutputConfig*>(c.output.get());
    if (!f) throw std::logic_error("not a spool output");
    return *f;
}

using config_test::config_error_with;
using config_test::config_with;
using config_test::kConf;
using config_test::ScopedEnv;

TEST(SampleConfigFields, DefaultsFromTheBuiltinGlobals) {
    ScopedEnv home("SPLUNK_HOME", "/opt/splunk");
    SampleConfig c = config_with({});
    EXPECT_EQ(c.name(), "s.log");
    EXPECT_EQ(c.sampletype, "raw");
    EXPECT_TRUE(c.line_mode);
    EXPECT_FALSE(c.bundlelines);
    EXPECT_EQ(c.mode, "sample");
    EXPECT_EQ(c.generator, "default");
    EXPECT_EQ(c.rater, "config");
    EXPECT_DOUBLE_EQ(c.interval, 60);
    EXPECT_DOUBLE_EQ(c.delay, 0);
    EXPECT_EQ(c.count, -1);
    EXPECT_FALSE(c.randomize_events);
    EXPECT_DOUBLE_EQ(c.randomize_count, 0);
    EXPECT_EQ(c.earliest, "now");
    EXPECT_EQ(c.latest, "now");
    EXPECT_EQ(c.backfill, "");
    EXPECT_EQ(c.end.kind, EndCondition::Kind::Forever);
    EXPECT_DOUBLE_EQ(c.time_multiple, 1);
    EXPECT_FALSE(c.per_day_volume_gb.has_value());
    EXPECT_FALSE(c.sequential_timestamp);
    EXPECT_TRUE(c.hour_of_day.empty());
    EXPECT_TRUE(c.timezone.is_local());
    EXPECT_FALSE(c.seed.has_value());
    EXPECT_TRUE(c.extend_indexes.empty());
    EXPECT_EQ(c.index, "main");
    EXPECT_EQ(c.host, "127.0.0.1");
    EXPECT_EQ(c.sourcetype, "eventgen");
    EXPECT_EQ(c.source, "s.log");  // the sample file name when not set
    EXPECT_EQ(c.time_field, "_raw");
    EXPECT_EQ(c.output_mode, "modinput");
    ASSERT_NE(c.output, nullptr);
    EXPECT_EQ(c.output->target_key(), "modinput");
    EXPECT_EQ(c.generator_workers, 1);
    EXPECT_EQ(c.threading, "thread");
    EXPECT_FALSE(c.use_output_queue);
    EXPECT_EQ(c.split_sample, 0);
    EXPECT_EQ(c.def.file_path, "/data/samples/s.log");
}

TEST(SampleConfigFields, EveryFieldCanBeSet) {
    SampleConfig c = config_with({{"sampletype", "CSV"},
                                  {"breaker", "^\\d{4}-"},
                                  {"bundlelines", "true"},
                                  {"interval", "2.5"},
                                  {"delay", "3"},
                                  {"count", "40"},
                                  {"randomizeEvents", "yes"},
                                  {"randomizeCount", "0.2"},
                                  {"earliest", "-1h@h"},
                                  {"latest", "+5m"},
                                  {"backfill", "-2d"},
                                  {"end", "7"},
                                  {"timeMultiple", "0.5"},
                                  {"sequentialTimestamp", "1"},
                                  {"timezone", "+0530"},
                                  {"seed", "1234"},
                                  {"extendIndexes", "idx1, pre:3, ,idx2"},
                                  {"index", "web"},
                                  {"host", "h1"},
                                  {"source", "src"},
                                  {"sourcetype", "access_combined"},
                                  {"timeField", "_time"},
                                  {"outputMode", "File"},
                                  {"fileName", "/tmp/out.log"},
                                  {"fileMaxBytes", "2048"},
                                  {"fileBackupFiles", "0"},
                                  {"spoolDir", "/spool"},
                                  {"spoolFile", "custom.log"},
                                  {"generatorWorkers", "4"},
                                  {"threading", "Process"},
                                  {"useOutputQueue", "true"},
                                  {"splitSample", "3"}});
    EXPECT_EQ(c.sampletype, "csv");
    EXPECT_EQ(c.breaker, "^\\d{4}-");
    EXPECT_FALSE(c.line_mode);
    EXPECT_TRUE(c.bundlelines);
    EXPECT_DOUBLE_EQ(c.interval, 2.5);
    EXPECT_DOUBLE_EQ(c.delay, 3);
    EXPECT_EQ(c.count, 40);
    EXPECT_TRUE(c.randomize_events);
    EXPECT_DOUBLE_EQ(c.randomize_count, 0.2);
    EXPECT_EQ(c.earliest, "-1h@h");
    EXPECT_EQ(c.latest, "+5m");
    EXPECT_EQ(c.backfill, "-2d");
    EXPECT_EQ(c.end.kind, EndCondition::Kind::Executions);
    EXPECT_EQ(c.end.executions, 7);
    EXPECT_DOUBLE_EQ(c.time_multiple, 0.5);
    EXPECT_TRUE(c.sequential_timestamp);
    EXPECT_FALSE(c.timezone.is_local());
    EXPECT_EQ(c.timezone.fixed_offset(), 19800);
    ASSERT_TRUE(c.seed.has_value());
    EXPECT_EQ(*c.seed, 1234u);
    EXPECT_EQ(c.extend_indexes, (std::vector<std::string>{"idx1", "pre0", "pre1", "pre2", "idx2"}));
    EXPECT_EQ(c.index, "web");
    EXPECT_EQ(c.host, "h1");
    EXPECT_EQ(c.source, "src");
    EXPECT_EQ(c.sourcetype, "access_combined");
    EXPECT_EQ(c.time_field, "_time");
    EXPECT_EQ(c.output_mode, "file");
    EXPECT_EQ(file_output(c).file_name, "/tmp/out.log");
    EXPECT_EQ(file_output(c).max_bytes, 2048);
    EXPECT_EQ(file_output(c).backup_files, 0);
    EXPECT_EQ(c.generator_workers, 4);
    EXPECT_EQ(c.threading, "process");
    EXPECT_TRUE(c.use_output_queue);
    EXPECT_EQ(c.split_sample, 3);
}

TEST(SampleConfigFields, TimeZones) {
    EXPECT_TRUE(config_with({{"timezone", "local"}}).timezone.is_local());
    EXPECT_EQ(config_with({{"timezone", "-0700"}}).timezone.fixed_offset(), -25200);
    EXPECT_EQ(config_with({{"timezone", "0000"}}).timezone.fixed_offset(), 0);
    EXPECT_TRUE(config_with({{"timezone", ""}}).timezone.is_local());
    EXPECT_EQ(config_error_with({{"timezone", "EST"}}),
              std::string(kConf) + ":2: [s.log] timezone: 'EST' is not a time zone: use local or an offset like +0530");
}

TEST(SampleConfigFields, EmptySourceFallsBackToTheFileName) {
    EXPECT_EQ(config_with({{"source", "  "}}).source, "s.log");
}

TEST(SampleConfigFields, SpoolDefaultsAndSampleIsTheFileName) {
    ScopedEnv home("SPLUNK_HOME", "/opt/splunk");
    SampleConfig c = config_with({{"outputMode", "spool"}});
    EXPECT_EQ(spool_output(c).dir, "/opt/splunk/var/spool/splunk");
    EXPECT_EQ(spool_output(c).file, "s.log");  // <SAMPLE>
    EXPECT_EQ(spool_output(config_with({{"outputMode", "spool"}, {"spoolFile", "<SAMPLE>"}})).file, "s.log");
    SampleConfig named = config_with({{"outputMode", "spool"}, {"spoolDir", "/spool"}, {"spoolFile", "custom.log"}});
    EXPECT_EQ(spool_output(named).dir, "/spool");
    EXPECT_EQ(spool_output(named).file, "custom.log");
}

TEST(SampleConfigFields, FileDefaults) {
    SampleConfig c = config_with({{"outputMode", "file"}, {"spoolDir", "/var/out"}});
    EXPECT_EQ(file_output(c).max_bytes, 10485760);
    EXPECT_EQ(file_output(c).backup_files, 5);
}

TEST(SampleConfigFields, FileNameDefaultsToSpoolDirAndFileForFileOutput) {
    SampleConfig c = config_with({{"outputMode", "file"}, {"spoolDir", "/var/out"}});
    EXPECT_EQ(file_output(c).file_name, "/var/out/s.log");
    SampleConfig named = config_with({{"outputMode", "file"}, {"spoolDir", "/var/out"}, {"spoolFile", "x.log"}});
    EXPECT_EQ(file_output(named).file_name, "/var/out/x.log");
    EXPECT_EQ(config_with({{"outputMode", "stdout"}}).output->target_key(), "stdout");
}

TEST(SampleConfigFields, PathsExpandEnvironmentVariables) {
    ScopedEnv out("EVENTGEN_CONFIG_TEST_OUT", "/data/out");
    SampleConfig c = config_with({{"outputMode", "file"},
                                  {"fileName", "$EVENTGEN_CONFIG_TEST_OUT/a.log"},
                                  {"spoolDir", "${EVENTGEN_CONFIG_TEST_OUT}/spool"}});
    EXPECT_EQ(file_output(c).file_name, "/data/out/a.log");
    SampleConfig spool = config_with({{"outputMode", "spool"}, {"spoolDir", "${EVENTGEN_CONFIG_TEST_OUT}/spool"}});
    EXPECT_EQ(spool_output(spool).dir, "/data/out/spool");
}

TEST(SampleConfigFields, PerDayVolumeImpliesItsGeneratorAndRater) {
    SampleConfig c = config_with({{"perDayVolume", "1.5"}});
    ASSERT_TRUE(c.per_day_volume_gb.has_value());
    EXPECT_DOUBLE_EQ(*c.per_day_volume_gb, 1.5);
    ASSERT_NE(c.generator_component, nullptr);
    EXPECT_EQ(c.generator_component->name, "default");  // perdayvolumegenerator is its other name
    EXPECT_EQ(c.rater, "perdayvolume");
    EXPECT_FALSE(config_with({{"perDayVolume", " "}}).per_day_volume_gb.has_value());
    EXPECT_EQ(config_with({{"perDayVolume", " "}}).generator, "default");
}

TEST(SampleConfigFields, ExplicitPerDayVolumeGenerator) {
    SampleConfig c = config_with({{"generator", "PerDayVolumeGenerator"}, {"perDayVolume", "2"}});
    EXPECT_EQ(c.generator, "perdayvolumegenerator");
}

TEST(SampleConfigFields, ReplayModeImpliesTheReplayGeneratorAndOneRun) {
    SampleConfig c = config_with({{"mode", "Replay"}});
    EXPECT_EQ(c.mode, "replay");
    EXPECT_EQ(c.generator, "replay");
    EXPECT_EQ(c.end.kind, EndCondition::Kind::Executions);
    EXPECT_EQ(c.end.executions, 1);
    SampleConfig five = config_with({{"mode", "replay"}, {"end", "5"}});
    EXPECT_EQ(five.end.executions, 5);
    EXPECT_EQ(config_with({{"mode", "replay"}, {"end", "-1"}}).end.kind, EndCondition::Kind::Forever);
}

TEST(SampleConfigFields, PerDayVolumeWinsOverReplay) {
    SampleConfig c = config_with({{"mode", "replay"}, {"perDayVolume", "1"}});
    EXPECT_EQ(c.generator_component->name, "default");
    EXPECT_EQ(c.rater, "perdayvolume");
}

TEST(SampleConfigFields, UnknownGeneratorAndRater) {
    std::string gen = config_error_with({{"generator", "nosuchgenerator"}});
    EXPECT_EQ(gen.rfind(std::string(kConf) + ":2: [s.log] generator: ", 0), 0u) << gen;
    EXPECT_NE(gen.find("'nosuchgenerator'"), std::string::npos) << gen;
    EXPECT_EQ(config_error_with({{"rater", "backfill"}}),
              std::string(kConf) + ":2: [s.log] rater: rater 'backfill' is not available (available: config, "
                                   "perdayvolume)");
}

TEST(SampleConfigFields, SampleWithoutFileIsRefusedAtItsGenerator) {
    std::string msg = config_test::config_error_of([] {
        make_sample_config(config_test::sample_def({{"generator", "perdayvolumegenerator"}}, ""));
    });
    EXPECT_EQ(msg, std::string(kConf) + ":2: [s.log] generator: generator 'perdayvolumegenerator' needs a sample "
                                        "file but no file matches this stanza");
}

TEST(SampleConfigFields, GlobalValuesReportTheGlobalLocation) {
    SampleDefinition d = config_test::sample_def({});
    d.settings.set("count", Setting{"many", ConfLocation{"/cfg/local/eventgen.conf", 4, "global", "count"}});
    std::string msg = config_test::config_error_of([&] { make_sample_config(d); });
    EXPECT_EQ(msg, "/cfg/local/eventgen.conf:4: [global] count: expected an integer but found 'many'");
}

TEST(KnownSettings, EventgenSettingsAreKnownTyposAreNot) {
    for (const char* k : {"interval", "count", "outputMode", "sampleDir", "perDayVolume", "end", "timezone",
                          "httpeventServers", "httpeventGzip", "httpeventCAFile", "eai:acl", "splunkHost", "start_count"})
        EXPECT_TRUE(is_known_setting(k)) << k;
    for (const char* k : {"intervall", "Count", "token.0.token", "outputmode", "", "httpeventAnyThing"})
        EXPECT_FALSE(is_known_setting(k)) << k;
}

TEST(KnownSettings, OutputModesStartWithTheLocalOnes) {
    const std::vector<std::string> local = {"modinput", "stdout", "devnull", "file", "spool"};
    const auto& outputs = output_components();
    ASSERT_GE(outputs.size(), local.size());
    for (size_t i = 0; i < local.size(); ++i) EXPECT_EQ(outputs[i]->name, local[i]);
}

}  // namespace
}  // namespace eventgen
