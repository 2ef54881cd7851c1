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

std::vector<testing::Rendered> read_all(const EventBatch& batch) {
    std::vector<testing::Rendered> out;
    for (const EventView& e : batch)
        out.push_back(testing::Rendered{std::string(e.raw), std::string(e.meta.host), std::string(e.meta.source),
                                        std::string(e.meta.sourcetype), std::string(e.meta.index), e.time_us});
    return out;
}

TEST(SampleEvents, BundlelinesMakesTheSampleOneEvent) {
    TempDir dir;
    SampleSetup s;
    s.contents = "2014-01-04 20:54:34 one\n\n2014-01-04 20:54:35 two\nthree";
    s.settings = {{"bundlelines", "true"}};
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.units(), 1u);  // count counts copies of the whole sample
    EXPECT_EQ(sample.events_per_unit(), 1u);
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    ctx.time = 0;
    EventBatch batch;
    sample.render_unit(0, ctx, batch);
    // One event; each line keeps its distance from the first line's time.
    EXPECT_EQ(testing::read_single(batch).raw, "1970-01-01 00:00:00 one\n1970-01-01 00:00:01 two\nthree");
}

// SA-Eventgen's mobilemusic pattern: a CSV bundle of rows of different sourcetypes
// whose timestamps are written in two formats (a JSON list of replaytimestamp formats).
TEST(SampleEvents, CsvBundleKeepsEachRowsMetadataFormatAndSpacing) {
    TempDir dir;
    SampleSetup s;
    s.file_name = "bundle.csv";
    s.settings = {{"sampletype", "csv"}, {"bundlelines", "true"}, {"timezone", "+0000"}};
    s.contents =
        "index,host,source,sourcetype,_raw\n"
        "main,db01,/var/log/mysql.log,mysql,\"2014-01-04 20:54:34:100 query ok\"\n"
        "main,web01,/var/log/access.log,access_combined,Jan 04 20:54:34:350 web \"GET /play\"\n"
        "app,app01,/var/log/app.log,app,\"2014-01-04 20:54:36:000 app done\"\n";
    s.tokens.push_back(testing::token_spec(
        0, "((\\w+\\s+\\d+\\s+\\d{2}:\\d{2}:\\d{2}:\\d{3})|(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}:\\d{3}))",
        "replaytimestamp", "[\"%b %d %H:%M:%S:%f\", \"%Y-%m-%d %H:%M:%S:%f\"]"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s), {}, 1388868874LL * kUsPerSecond);
    ASSERT_EQ(sample.units(), 1u);
    ASSERT_EQ(sample.events_per_unit(), 3u);
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    ctx.time = ctx.earliest = ctx.latest = 1700000000LL * kUsPerSecond;  // 2023-11-14 22:13:20 UTC
    EventBatch batch;
    sample.render_unit(0, ctx, batch);
    auto ev = read_all(batch);
    ASSERT_EQ(ev.size(), 3u);  // one unit, three events
    EXPECT_EQ(ev[0].raw, "2023-11-14 22:13:20:000000 query ok");
    EXPECT_EQ(ev[1].raw, "Nov 14 22:13:20:250000 web \"GET /play\"");
    EXPECT_EQ(ev[2].raw, "2023-11-14 22:13:21:900000 app done");
    EXPECT_EQ(ev[0].sourcetype, "mysql");
    EXPECT_EQ(ev[1].sourcetype, "access_combined");
    EXPECT_EQ(ev[1].host, "web01");
    EXPECT_EQ(ev[2].index, "app");
    EXPECT_EQ(ev[2].source, "/var/log/app.log");
    EXPECT_EQ(ev[1].time_us - ev[0].time_us, 250000);
    EXPECT_EQ(ev[2].time_us - ev[0].time_us, 1900000);
}

TEST(SampleEvents, CsvRawKeepsQuotesInsideTheField) {
    SampleSetup s;
    s.settings = {{"sampletype", "csv"}};
    s.contents = "_raw,host\n1.2.3.4 - - [04/Jan/2014:20:54:34] \"GET /x HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\",w1\n";
    auto events = load(s);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].raw, "1.2.3.4 - - [04/Jan/2014:20:54:34] \"GET /x HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n");
    EXPECT_EQ(events[0].host, "w1");
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
    EXPECT_EQ(events[0].fields.count("extra"), 0u);  // only replay's time columns are kept
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

TEST(SampleEvents, BundledCsvRowsStayEventsWithTheirOwnHost) {
    TempDir dir;
    SampleSetup s;
    s.settings = {{"sampletype", "csv"}, {"bundlelines", "1"}};
    s.contents = "host,_raw\nh1,one\nh2,two\n";
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.units(), 1u);
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    EventBatch batch;
    sample.render_unit(0, ctx, batch);
    auto ev = read_all(batch);
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].raw, "one");
    EXPECT_EQ(ev[0].host, "h1");
    EXPECT_EQ(ev[1].raw, "two");
    EXPECT_EQ(ev[1].host, "h2");
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
