// Events rendered straight into the batch (each value written where it is first
// placed, tokens that draw in the order they apply) give the bytes and metadata of
// the sequential path; events that cannot be rendered so take the buffered template.
#include <gtest/gtest.h>

#include "sample_test_util.h"

namespace eventgen {
namespace {

using testing::make_config;
using testing::SampleSetup;
using testing::TempDir;

void expect_same_as_sequential(CompiledSample& sample) {
    const TimeZone utc = TimeZone::utc();
    for (size_t i = 0; i < sample.size(); ++i)
        for (uint64_t seed = 0; seed < 200; ++seed) {
            EventBatch direct, sequential;
            for (EventBatch* b : {&direct, &sequential}) {
                EventContext ctx = testing::context_for(sample, utc);
                ctx.rng.reseed(seed);
                ctx.time = ctx.latest = 1'767'225'600'000'000LL + static_cast<TimeUs>(seed) * 61'000'123;
                if (b == &direct) sample.render(i, ctx, *b);
                else sample.render_sequential(i, ctx, *b);
            }
            EXPECT_EQ(testing::read_single(direct), testing::read_single(sequential)) << "event " << i;
        }
}

TEST(DirectRender, TokensInOrderRenderStraightIntoTheBatch) {
    TempDir dir;
    SampleSetup s;
    s.contents = "2014-01-04 20:54:34 id=@@id user=@@user\n\n\n2014-01-04 20:54:35 user=@@user size=@@id\n";
    s.settings = {{"host", "web01"}, {"index", "main"}};
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S.%f"));
    s.tokens.push_back(testing::token_spec(1, "@@id", "random", "integer[-50:5000]"));
    s.tokens.push_back(testing::token_spec(2, "@@user", "random", "list[\"ann\", \"bob\", \"\"]"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.size(), 2u);
    EXPECT_GT(sample.event(0).direct_room, 0u);
    EXPECT_EQ(sample.event(1).direct_room, 0u);  // @@user before @@id: values in another order
    expect_same_as_sequential(sample);
}

TEST(DirectRender, AValueInsideAnotherOrUsedTwiceIsWrittenOnceAndCopied) {
    // windbag-5-tokens: the time token replaces the end of the first timestamp's value
    // (a prefix of that value stays) and its own text at the end of the line.
    TempDir dir;
    SampleSetup s;
    s.contents = "2014-01-04 20:54:34 WINDBAG @@n @@m 20:54:34\n";
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S"));
    s.tokens.push_back(testing::token_spec(1, "@@n", "random", "integer[0:9]"));
    s.tokens.push_back(testing::token_spec(2, "@@m", "random", "integer[10:99]"));
    s.tokens.push_back(testing::token_spec(3, "\\d{2}:\\d{2}:\\d{2}", "timestamp", "%H:%M:%S"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    ASSERT_EQ(sample.size(), 1u);
    EXPECT_GT(sample.event(0).direct_room, 0u);
    expect_same_as_sequential(sample);
}

TEST(DirectRender, TokensThatDrawOutOfOrderTakeTheBufferedTemplate) {
    TempDir dir;
    SampleSetup s;
    s.contents = "b=@@b a=@@a at 2014-01-04 20:54:34\n";
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S"));
    s.tokens.push_back(testing::token_spec(1, "@@a", "random", "ipv4"));
    s.tokens.push_back(testing::token_spec(2, "@@b", "random", "integer[0:9]"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    EXPECT_EQ(sample.event(0).direct_room, 0u);
    expect_same_as_sequential(sample);
}

TEST(DirectRender, AnUnboundedValueTakesTheBufferedTemplate) {
    TempDir dir;
    SampleSetup s;
    s.contents = "at 2014-01-04 20:54:34 @@n\n";
    s.tokens.push_back(testing::token_spec(0, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp",
                                           "%Y-%m-%d %H:%M:%S %Z"));
    s.tokens.push_back(testing::token_spec(1, "@@n", "random", "float[0.5:9.25]"));
    CompiledSample sample = CompiledSample::compile(make_config(dir, s));
    EXPECT_EQ(sample.event(0).direct_room, 0u);
    expect_same_as_sequential(sample);
}

}  // namespace
}  // namespace eventgen
