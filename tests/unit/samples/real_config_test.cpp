// Real Eventgen samples with their own configs (copied into tests/data/samples):
// the compiler proves every event, so no event takes the sequential path, and the
// two paths agree.
#include <gtest/gtest.h>

#include "real_config_util.h"
#include "regex/regex.h"

namespace eventgen {
namespace {

std::vector<testing::LoadedSample> load(const std::string& stanza_and_tokens, const std::string& data_dir) {
    const std::string text = "[global]\nsampleDir = " + std::string(EVENTGEN_TEST_DATA) + "/samples/" + data_dir +
                             "\n\n" + stanza_and_tokens;
    return testing::compile_conf({ConfText{ConfSource{"/virtual/eventgen.conf", "test", ""}, text}});
}

// The five tokens of perf/eventgen.conf.test3: token 4 rewrites the time inside
// token 0's value, which the template must express as a part of that value.
const char* const kWindbag5 = R"([windbag-5-tokens]
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
token.1.token = @@int1
token.1.replacementType = random
token.1.replacement = integer[0:9]
token.2.token = @@int2
token.2.replacementType = random
token.2.replacement = integer[0:9]
token.3.token = @@int3
token.3.replacementType = random
token.3.replacement = integer[0:9]
token.4.token = \d{2}:\d{2}:\d{2}
token.4.replacementType = timestamp
token.4.replacement = %H:%M:%S
)";

TEST(RealConfigs, Windbag5TokensIsFullyCompiled) {
    auto loaded = load(kWindbag5, "perf");
    ASSERT_EQ(loaded.size(), 1u);
    CompiledSample& sample = loaded[0].sample;
    ASSERT_EQ(sample.size(), 5u);
    EXPECT_EQ(sample.sequential_events(), 0u) << sample.event(0).body.sequential_reason;
    for (size_t i = 0; i < sample.size(); ++i) {
        const EventTemplate& tpl = sample.event(i).body;
        EXPECT_EQ(tpl.active_tokens, (std::vector<uint16_t>{0, 1, 2, 3, 4}));
        bool part_of_value = false;
        for (const TemplatePiece& p : tpl.pieces)
            part_of_value = part_of_value || (p.kind == TemplatePiece::Kind::ValuePart && p.token == 0);
        EXPECT_TRUE(part_of_value) << "event " << i;
    }
    EXPECT_TRUE(testing::paths_agree(sample, 2000));

    const TimeZone utc = TimeZone::utc();
    EventContext ctx = testing::context_for(sample, utc);
    ctx.time = 1388868874LL * kUsPerSecond;  // 2014-01-04 20:54:34
    EventBatch batch;
    sample.render(2, ctx, batch);
    const std::string raw = testing::read_single(batch).raw;
    Regex shape = Regex::compile(R"(^2014-01-04 20:54:34 WINDBAG Event 3 of 5 \d \d \d 20:54:34$)");
    Match m;
    EXPECT_TRUE(shape.search(raw, 0, m)) << raw;
}

TEST(RealConfigs, TutorialSamplesAreFullyCompiled) {
    // confs/eventgen.conf.tutorial0 (replay mode; replaytimestamp outside replay) and
    // confs/eventgen.conf.tutorial2 (Cisco syslog).
    auto loaded = load(R"([sample.tutorial0]
token.0.token = \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}
token.0.replacementType = replaytimestamp
token.0.replacement = %Y-%m-%d %H:%M:%S
token.1.token = @@integer
token.1.replacementType = random
token.1.replacement = integer[0:10]

[sample.tutorial2]
token.0.token = \w{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}
token.0.replacementType = timestamp
token.0.replacement = %b %d %H:%M:%S
)",
                       "tutorial");
    ASSERT_EQ(loaded.size(), 2u);
    for (auto& l : loaded) {
        EXPECT_GT(l.sample.size(), 10u) << l.config.name();
        EXPECT_EQ(l.sample.sequential_events(), 0u) << l.config.name();
        EXPECT_TRUE(testing::paths_agree(l.sample, 40)) << l.config.name();
    }
}

TEST(RealConfigs, BreakerSampleIsFullyCompiled) {
    auto loaded = load(R"([breakersample]
breaker = ^\d{14}\.\d{6}
token.0.token = ^(\d{14})\.\d{6}
token.0.replacementType = timestamp
token.0.replacement = %Y%m%d%H%M%S
)",
                       "breaker");
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].sample.size(), 2u);
    EXPECT_EQ(loaded[0].sample.sequential_events(), 0u);
    EXPECT_TRUE(testing::paths_agree(loaded[0].sample, 500));
}

}  // namespace
}  // namespace eventgen
