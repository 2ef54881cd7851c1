// static, timestamp, replaytimestamp and integerid values, and the errors
// build_tokens reports for token definitions.
#include <gtest/gtest.h>

#include "tokens/simple_values.h"
#include "token_test_util.h"

namespace eventgen {
namespace {

using testing::shape_violation;
using testing::token_spec;

constexpr TimeUs kSample = 1388868874LL * kUsPerSecond + 123456;  // 2014-01-04 20:54:34.123456 UTC

std::string produce(TokenValue& value, EventContext& ctx) {
    std::string out;
    value.produce(ctx, out);
    EXPECT_EQ(shape_violation(value.shape(), out), "") << "'" << out << "'";
    return out;
}

TEST(StaticValue, IsItsTextAndAConstant) {
    auto v = make_static_value("user=eve \xC3\xA9");
    EventContext ctx;
    EXPECT_EQ(produce(*v, ctx), "user=eve \xC3\xA9");
    ASSERT_NE(v->constant(), nullptr);
    EXPECT_EQ(*v->constant(), "user=eve \xC3\xA9");
    auto empty = make_static_value("");
    EXPECT_EQ(produce(*empty, ctx), "");
}

TEST(TimestampValue, FormatsTheEventTimeInItsZone) {
    const TimeZone ist = TimeZone::fixed(5 * 3600 + 1800);
    EventContext ctx;
    ctx.zone = &ist;
    ctx.time = kSample;
    ctx.latest = kSample + 3600 * kUsPerSecond;
    auto v = make_timestamp_value("%Y-%m-%d %H:%M:%S,%f %z");
    EXPECT_EQ(produce(*v, ctx), "2014-01-05 02:24:34,123456 +0530");
    const TimeZone utc = TimeZone::utc();
    ctx.zone = &utc;
    EXPECT_EQ(produce(*v, ctx), "2014-01-04 20:54:34,123456 +0000");
    EXPECT_EQ(v->constant(), nullptr);
}

TEST(TimestampValue, ReplaytimestampOutsideReplayUsesTheWindowEnd) {
    const TimeZone utc = TimeZone::utc();
    EventContext ctx;
    ctx.zone = &utc;
    ctx.time = kSample;
    ctx.earliest = kSample - 60 * kUsPerSecond;
    ctx.latest = kSample + 90 * kUsPerSecond;
    TokenSet set = testing::one_token("replaytimestamp", "%H:%M:%S");
    EXPECT_EQ(produce(*set.tokens[0].value, ctx), "20:56:04");
}

TEST(TimestampValue, EveryOutputFitsItsShape) {
    const char* formats[] = {"%Y-%m-%d %H:%M:%S", "%b %e %H:%M:%S.%f", "%d/%b/%Y:%H:%M:%S %z", "%s",
                             "%A %B %j %U %W %V %G %g %u %w", "%I:%M %p %P %l %k", "%y%m%d%H%M%S %C %Z",
                             "%-d/%-m %_H %0e %c %x %X %D %F %T %R %r %h %n%t%%"};
    const TimeZone zones[] = {TimeZone::utc(), TimeZone::fixed(-8 * 3600), TimeZone::fixed(13 * 3600 + 2700),
                              TimeZone::local()};
    Rng rng(7);
    for (const char* f : formats) {
        auto v = make_timestamp_value(f);
        for (const TimeZone& zone : zones) {
            EventContext ctx;
            ctx.zone = &zone;
            for (int i = 0; i < 300; ++i) {
                // 1971 to 2099, whole and fractional seconds.
                ctx.time = static_cast<TimeUs>(rng.below(4'100'000'000ULL)) * kUsPerSecond + 40'000'000LL * kUsPerSecond +
                           static_cast<TimeUs>(rng.below(2) ? rng.below(1'000'000) : 0);
                std::string out;
                v->produce(ctx, out);
                ASSERT_EQ(shape_violation(v->shape(), out), "") << f << " gave '" << out << "'";
            }
        }
    }
}

TEST(IntegerIdValue, IsStartPlusSequence) {
    auto v = make_integer_id_value(10000);
    EventContext ctx;
    for (uint64_t seq : {0ULL, 1ULL, 99ULL, 123456789ULL}) {
        ctx.sequence = seq;
        EXPECT_EQ(produce(*v, ctx), std::to_string(10000 + seq));
    }
    auto negative = make_integer_id_value(-3);
    ctx.sequence = 1;
    EXPECT_EQ(produce(*negative, ctx), "-2");
    ctx.sequence = 5;
    EXPECT_EQ(produce(*negative, ctx), "2");
}

TEST(IntegerIdValue, SavedStartsOverrideTheConfiguredOne) {
    SampleDefinition def = testing::definition_in(".");
    def.tokens.push_back(token_spec(0, "id=(\\d+)", "integerid", "100"));
    def.tokens.push_back(token_spec(1, "other=(\\d+)", "integerid", "7"));
    TokenSet set = build_tokens(def, {{"id=(\\d+)", 5000}});
    EventContext ctx;
    ctx.sequence = 3;
    EXPECT_EQ(produce(*set.tokens[0].value, ctx), "5003");
    EXPECT_EQ(produce(*set.tokens[1].value, ctx), "10");
}

ConfigError build_error(const TokenSpec& spec) {
    SampleDefinition def = testing::definition_in(".");
    def.tokens.push_back(token_spec(0, "@@ok", "static", "fine"));
    def.tokens.push_back(spec);
    try {
        build_tokens(def);
    } catch (const ConfigError& e) {
        return e;
    }
    ADD_FAILURE() << "token " << spec.regex << " / " << spec.type << " / " << spec.replacement << " accepted";
    return ConfigError(ConfLocation{}, "none");
}

TEST(BuildTokens, ErrorsNameTheOffendingKey) {
    ConfigError regex = build_error(token_spec(1, "(unclosed", "static", "x"));
    EXPECT_EQ(regex.where().key, "token.1.token");
    EXPECT_EQ(regex.where().line, 13);
    EXPECT_EQ(regex.where().stanza, "stanza");

    ConfigError type = build_error(token_spec(1, "@@x", "randomish", "x"));
    EXPECT_EQ(type.where().key, "token.1.replacementType");
    EXPECT_EQ(type.where().line, 14);

    ConfigError id = build_error(token_spec(1, "@@x", "integerid", "ten"));
    EXPECT_EQ(id.where().key, "token.1.replacement");
    EXPECT_EQ(id.where().line, 15);
    EXPECT_NE(std::string(id.what()).find("'ten'"), std::string::npos) << id.what();
}

TEST(BuildTokens, KeepsTokensInOrderWithTheirProfiles) {
    SampleDefinition def = testing::definition_in(".");
    def.tokens.push_back(token_spec(3, "\\d+", "static", "n"));
    def.tokens.push_back(token_spec(1, "(?<=a)b", "static", "m"));
    TokenSet set = build_tokens(def);
    ASSERT_EQ(set.tokens.size(), 2u);
    EXPECT_EQ(set.tokens[0].spec.index, 3);
    EXPECT_TRUE(set.tokens[0].profile.analyzable);
    EXPECT_FALSE(set.tokens[1].profile.analyzable);  // lookbehind
    TokenSet copy = set.clone();
    EXPECT_EQ(copy.tokens[1].regex.pattern(), "(?<=a)b");
    EXPECT_NE(copy.tokens[0].value.get(), set.tokens[0].value.get());
}

}  // namespace
}  // namespace eventgen
