// The sample compiler proves an event's text "plain" (printable ASCII without
// " \ & < >) when its template's own text and every value it places can hold only
// such bytes: HEC and modular-input output then copy the text without scanning it.
// A wrong proof would put an unescaped quote into JSON, so every claim is checked
// against the rendered bytes, and every way to break it must clear the flag.
#include <gtest/gtest.h>

#include "sample_test_util.h"

namespace eventgen {
namespace {

using testing::make_config;
using testing::SampleSetup;
using testing::TempDir;

// Renders every event of `sample` with several seeds; returns how many events were
// flagged plain, failing when a flagged event holds a byte outside the plain set.
size_t render_and_check(CompiledSample& sample) {
    const TimeZone utc = TimeZone::utc();
    size_t flagged = 0;
    for (size_t i = 0; i < sample.size(); ++i)
        for (uint64_t seed = 0; seed < 100; ++seed) {
            EventBatch batch;
            EventContext ctx = testing::context_for(sample, utc);
            ctx.rng.reseed(seed);
            ctx.time = ctx.latest = 1'767'225'600'000'000LL + static_cast<TimeUs>(seed) * 61'000'123;
            sample.render(i, ctx, batch);
            for (const EventView& e : batch) {
                if (!e.plain_text) continue;
                ++flagged;
                for (unsigned char c : e.raw)
                    EXPECT_TRUE(plain_text_bytes().contains(c)) << "byte " << int(c) << " in \"" << e.raw << "\"";
            }
        }
    return flagged;
}

CompiledSample compile(const std::string& contents, const std::vector<TokenSpec>& tokens) {
    TempDir dir;
    SampleSetup s;
    s.contents = contents;
    s.tokens = tokens;
    return CompiledSample::compile(make_config(dir, s));
}

TokenSpec timestamp(int index, const std::string& format) {
    return testing::token_spec(index, "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "timestamp", format);
}

TEST(PlainText, TextAndValuesOfPlainBytesAreProvenPlain) {
    CompiledSample sample = compile("2014-01-04 20:54:34 user=@@user id=@@id [ok]\n",
                                    {timestamp(0, "%Y-%m-%d %H:%M:%S %b"),
                                     testing::token_spec(1, "@@user", "random", "list[\"ann\", \"bob o'neil\"]"),
                                     testing::token_spec(2, "@@id", "random", "integer[-50:5000]")});
    EXPECT_TRUE(sample.event(0).plain_text);
    EXPECT_EQ(render_and_check(sample), 100u);
}

TEST(PlainText, AnyByteThatNeedsEscapingSomewhereClearsTheFlag) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"a \"quoted\" word @@v\n", "integer[0:9]"},  // the text itself
        {"a & b @@v\n", "integer[0:9]"},
        {"x<y @@v\n", "integer[0:9]"},
        {"tab\there @@v\n", "integer[0:9]"},
        {"caf\xC3\xA9 @@v\n", "integer[0:9]"},       // non-ASCII
        {"value @@v\n", "list[\"a\", \"b&c\"]"},     // a value that can hold one
        {"value @@v\n", "list[\"a\", \"say \\\"hi\\\"\"]"},
        {"value @@v\n", "list[\"a\", \"back\\\\slash\"]"},
        {"value @@v\n", "list[\"a\", \"<b>\"]"},
    };
    for (const auto& [contents, replacement] : cases) {
        CompiledSample sample = compile(contents, {testing::token_spec(0, "@@v", "random", replacement)});
        EXPECT_FALSE(sample.event(0).plain_text) << contents << " with " << replacement;
        EXPECT_EQ(render_and_check(sample), 0u) << contents;
    }
}

TEST(PlainText, BundledLinesAndSequentialEventsAreNotClaimed) {
    // bundlelines: the lines are one event and keep their newlines, which JSON escapes.
    TempDir dir;
    SampleSetup s;
    s.contents = "2014-01-04 20:54:34 first\nsecond line\n";
    s.settings = {{"bundlelines", "true"}};
    s.tokens = {timestamp(0, "%Y-%m-%d %H:%M:%S")};
    CompiledSample bundle = CompiledSample::compile(make_config(dir, s));
    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(bundle, utc);
    ctx.time = ctx.latest = 1'767'225'600'000'000LL;
    EventBatch batch;
    bundle.render_unit(0, ctx, batch);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_NE(batch.begin()->raw.find('\n'), std::string_view::npos);
    EXPECT_FALSE(batch.begin()->plain_text);
    // A later token's regex runs across a value of varying width: the proof gives up,
    // tokens apply one by one, and nothing is claimed.
    CompiledSample sequential = compile("n=@@a7\n", {testing::token_spec(0, "@@a", "random", "integer[1:99]"),
                                                    testing::token_spec(1, "\\d+", "random", "integer[0:9]")});
    EXPECT_TRUE(sequential.event(0).body.sequential);
    EXPECT_FALSE(sequential.event(0).plain_text);
    EXPECT_EQ(render_and_check(sequential), 0u);
}

}  // namespace
}  // namespace eventgen
