// Whole config path: conf files -> resolved samples -> typed, validated sample configs.
#include <gtest/gtest.h>

#include <string>

#include "config_test_util.h"

namespace eventgen {
namespace {

using config_test::find_sample;
using config_test::TestApp;

TEST(ConfigPipeline, LayeredSettingsReachTheTypedConfig) {
    TestApp app;
    app.sample("web_1.log");
    app.sample("web_2.log");
    ResolvedSamples r = app.resolve(
        "[global]\nindex = gidx\n"
        "[web_.*\\.log]\ncount = 7\nhourOfDayRate = {\"3\": 0.5}\n"
        "[web_2.log]\ncount = 9\noutputMode = stdout\n",
        {}, "[web_1.log]\nsourcetype = local_st\n");
    ASSERT_TRUE(r.problems.empty());
    ASSERT_EQ(r.samples.size(), 2u);

    SampleConfig one = make_sample_config(*find_sample(r, "web_1.log"));
    EXPECT_EQ(one.count, 7);
    EXPECT_EQ(one.index, "gidx");
    EXPECT_EQ(one.sourcetype, "local_st");
    EXPECT_EQ(one.source, "web_1.log");
    EXPECT_DOUBLE_EQ(one.hour_of_day.at(3), 0.5);
    EXPECT_EQ(one.output_mode, "modinput");

    SampleConfig two = make_sample_config(*find_sample(r, "web_2.log"));
    EXPECT_EQ(two.count, 9);
    EXPECT_EQ(two.output_mode, "stdout");
    EXPECT_DOUBLE_EQ(two.hour_of_day.at(3), 0.5);
}

TEST(ConfigPipeline, ErrorsPointAtTheConfFileLine) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[.*]\ninterval = 10\n\n[a.log]\ncount = 1\nend = whenever\n");
    ASSERT_EQ(r.samples.size(), 1u);
    std::string msg = config_test::config_error_of([&] { make_sample_config(r.samples[0]); });
    EXPECT_EQ(msg.rfind(app.default_conf + ":6: [a.log] end: 'whenever' is not a time", 0), 0u) << msg;
}

TEST(ConfigPipeline, ContributorValueErrorsNameTheContributorStanza) {
    TestApp app;
    app.sample("a.log");
    ResolvedSamples r = app.resolve("[.*]\ninterval = often\n[a.log]\n");
    ASSERT_EQ(r.samples.size(), 1u);
    std::string msg = config_test::config_error_of([&] { make_sample_config(r.samples[0]); });
    EXPECT_EQ(msg, app.default_conf + ":2: [.*] interval: expected a number but found 'often'");
}

TEST(ConfigPipeline, FilelessGeneratorSampleIsReportedAtItsGeneratorLine) {
    TestApp app;
    ResolvedSamples r = app.resolve("[pdv]\ngenerator = perdayvolumegenerator\nperDayVolume = 1\n");
    ASSERT_EQ(r.samples.size(), 1u);
    std::string msg = config_test::config_error_of([&] { make_sample_config(r.samples[0]); });
    EXPECT_EQ(msg, app.default_conf +
                       ":2: [pdv] generator: generator 'perdayvolumegenerator' needs a sample file but no file "
                       "matches this stanza");
}

}  // namespace
}  // namespace eventgen
