// Reading sample files into events: lines, breaker regexes, bundlelines, CSV rows
// with their own metadata, and the Latin-1 fallback.
#include <gtest/gtest.h>

#include "common/strings.h"
#include "sample_test_util.h"
#include "samples/sample_events.h"

namespace eventgen {
namespace {

using testing::make_config;
using testing::SampleSetup;
using testing::TempDir;

std::vector<std::string> raws(const std::vector<SampleEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.raw);
    return out;
}

std::vector<SampleEvent> load(const SampleSetup& setup) {
    TempDir dir;
    return load_sample_events(make_config(dir, setup));
}

TEST(SampleEvents, LinesAreNormalisedAndBlankLinesSkipped) {
    SampleSetup s;
    s.contents = "first\r\nsecond\r\n\r\n  \nthird\rfourth";
    s.settings = {{"host", "web01"}, {"index", "idx"}, {"sourcetype", "st"}};
    auto events = load(s);
    EXPECT_EQ(raws(events), (std::vector<std::string>{"first\n", "second\n", "  \n", "third\n", "fourth\n"}));
    for (const auto& e : events) {
        EXPECT_EQ(e.host, "web01");
        EXPECT_EQ(e.index, "idx");
        EXPECT_EQ(e.sourcetype, "st");
        EXPECT_EQ(e.source, "sample");  // the file name by default
    }
}

TEST(SampleEvents, EmptyFileHasNoEvents) {
    SampleSetup s;
    s.contents = "\n\n";
    EXPECT_TRUE(load(s).empty());
}

TEST(SampleEvents, BreakerSplitsMultiLineEvents) {
    SampleSetup s;
    s.contents = *read_file(EVENTGEN_TEST_DATA "/samples/breaker/breakersample");
    s.settings = {{"breaker", "^\\d{14}\\.\\d{6}"}};
    auto events = load(s);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].raw,
              "20110414114247.083068\nPercentProcessorTime=@@proc_time\nPercentUserTime=37\nwmi_type=CPUTime\n\n");
    EXPECT_EQ(events[1].raw, "20110414114247.083068\nPercentProcessorTime=100\nPercentUserTime=37\nwmi_type=CPUTime\n");
}

TEST(SampleEvents, BreakerKeepsTextBeforeTheFirstMatch) {
    SampleSetup s;
    s.contents = "header\nEV 1\nbody\nEV 2 EV 3\nEV 4";
    s.settings = {{"breaker", "^EV"}};  // multi-line: only line starts break
    EXPECT_EQ(raws(load(s)), (std::vector<std::string>{"header\n", "EV 1\nbody\n", "EV 2 EV 3\n", "EV 4\n"}));
}

TEST(SampleEvents, RenderedBreakerEventsDropTrailingBlankLines) {
    TempDir dir;
    SampleSetup s;
    s.contents = *read_file(EVENTGEN_TEST_DATA "/samples/breaker/breakersample");
    s.settings = {{"breaker", "^\\d{14}\\.\\d{6}"}};
    s.tokens.push_back(testing::token_spec(0, "^(\\d{14})\\.\\d{6}", "timestamp", "%Y%m%d%H%M%S"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.size(), 2u);
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    ctx.time = 1388868874LL * kUsPerSecond;
    EventBatch batch;
    sample.render(0, ctx, batch);
    EXPECT_EQ(testing::read_single(batch).raw,
              "20140104205434.083068\nPercentProcessorTime=@@proc_time\nPercentUserTime=37\nwmi_type=CPUTime");
}

TEST(SampleEvents, BundlelinesMakesTheSampleOneEvent) {
    TempDir dir;
    SampleSetup s;
    s.contents = "2014-01-04 20:54:34 one\n\n2014-01-04 20:54:35 two\nthree";
    s.settings = {{"bundlelines", "true"}};
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.size(), 1u);
    EXPECT_EQ(sample.event(0).event.raw, "2014-01-04 20:54:34 one\n2014-01-04 20:54:35 two\nthree\n");
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    ctx.time = 0;
    EventBatch batch;
    sample.render(0, ctx, batch);
    EXPECT_EQ(testing::read_single(batch).raw, "1970-01-01 00:00:00 one\n1970-01-01 00:00:00 two\nthree");
}

TEST(SampleEvents, CsvRowsCarryTheirOwnMetadata) {
    SampleSetup s;
    s.settings = {{"sampletype", "csv"}, {"host", "conf-host"}, {"index", "conf-idx"}, {"source", "conf-src"}};
    s.contents =
        "index,host,_raw,sourcetype,extra\r\n"
        "main,web01,\"GET /a?x=1,2 \"\"quoted\"\"\",access,e1\r\n"
        "\r\n"
        "summary,db02,\"line one\nline two\",,e2\n";
    auto events = load(s);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].raw, "GET /a?x=1,2 \"quoted\"\n");
    EXPECT_EQ(events[0].host, "web01");
    EXPECT_EQ(events[0].index, "main");
    EXPECT_EQ(events[0].sourcetype, "access");
    EXPECT_EQ(events[0].source, "conf-src");  // no source column: the sample's setting
    EXPECT_EQ(events[0].fields.at("extra"), "e1");
    EXPECT_EQ(events[1].raw, "line one\nline two\n");
    EXPECT_EQ(events[1].host, "db02");
    EXPECT_EQ(events[1].index, "summary");
    EXPECT_EQ(events[1].sourcetype, "");  // an empty column still overrides
}

TEST(SampleEvents, CsvWithoutRawColumnIsAnError) {
    TempDir dir;
    SampleSetup s;
    s.file_name = "nodata.csv";
    s.settings = {{"sampletype", "csv"}};
    s.contents = "index,host,raw\nmain,h,text\n";
    SampleConfig config = make_config(dir, s);
    try {
        load_sample_events(config);
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.where().file, config.def.file_path);
        EXPECT_EQ(e.where().stanza, "stanza");
        EXPECT_NE(std::string(e.what()).find("_raw"), std::string::npos) << e.what();
    }
}

TEST(SampleEvents, BundledCsvKeepsTheFirstRowsMetadata) {
    TempDir dir;
    SampleSetup s;
    s.settings = {{"sampletype", "csv"}, {"bundlelines", "1"}};
    s.contents = "host,_raw\nh1,one\nh2,two\n";
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.size(), 1u);
    EXPECT_EQ(sample.event(0).event.raw, "one\ntwo\n");
    EXPECT_EQ(sample.event(0).event.host, "h1");
}

TEST(SampleEvents, InvalidUtf8IsReadAsLatin1) {
    SampleSetup s;
    s.contents = "caf\xE9 na\xEFve\n";
    EXPECT_EQ(raws(load(s)), (std::vector<std::string>{"caf\xC3\xA9 na\xC3\xAFve\n"}));
    // Valid UTF-8 stays as it is ...
    s.contents = "caf\xC3\xA9\n";
    EXPECT_EQ(raws(load(s)), (std::vector<std::string>{"caf\xC3\xA9\n"}));
    // ... but one bad byte makes Python reread the whole file as Latin-1.
    s.contents = "caf\xC3\xA9\n\xFF\n";
    EXPECT_EQ(raws(load(s)), (std::vector<std::string>{"caf\xC3\x83\xC2\xA9\n", "\xC3\xBF\n"}));
}

TEST(SampleEvents, MissingSampleFileIsAnError) {
    TempDir dir;
    SampleConfig config = make_config(dir, SampleSetup{});
    config.def.file_path = (dir.path() / "gone").string();
    EXPECT_THROW(load_sample_events(config), ConfigError);
}

}  // namespace
}  // namespace eventgen
