// random and rated token values: ranges, formats, shapes and replacement errors.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "common/strings.h"
#include "tokens/random_value.h"
#include "token_test_util.h"

namespace eventgen {
namespace {

using testing::shape_violation;

const ConfLocation kWhere{"eventgen.conf", 42, "web", "token.3.replacement"};

// `n` values of a random replacement, each from its own seeded stream, checked
// against the producer's shape as they are drawn.
std::vector<std::string> draw(const std::string& replacement, int n, bool rated = false, double factor = 1.0) {
    auto value = make_random_value(replacement, rated, kWhere);
    const ValueShape shape = value->shape();
    std::vector<std::string> out;
    EventContext ctx;
    ctx.rated_factor = factor;
    for (int i = 0; i < n; ++i) {
        ctx.rng.reseed(static_cast<uint64_t>(i) * 7919 + 1);
        std::string v;
        value->produce(ctx, v);
        EXPECT_EQ(shape_violation(shape, v), "") << replacement << " gave '" << v << "'";
        out.push_back(std::move(v));
    }
    return out;
}

std::set<int64_t> integers(const std::vector<std::string>& values) {
    std::set<int64_t> out;
    for (const auto& v : values) {
        auto n = parse_int(v);
        EXPECT_TRUE(n.has_value()) << "'" << v << "' is not an integer";
        if (n) out.insert(*n);
    }
    return out;
}

TEST(RandomValue, IntegerCoversTheInclusiveRange) {
    auto seen = integers(draw("integer[3:7]", 500));
    EXPECT_EQ(seen, (std::set<int64_t>{3, 4, 5, 6, 7}));
}

TEST(RandomValue, IntegerWithNegativeBounds) {
    auto seen = integers(draw("integer[-5:2]", 800));
    EXPECT_EQ(*seen.begin(), -5);
    EXPECT_EQ(*seen.rbegin(), 2);
    EXPECT_EQ(seen.size(), 8u);
    auto below = integers(draw("integer[-120:-100]", 300));
    EXPECT_GE(*below.begin(), -120);
    EXPECT_LE(*below.rbegin(), -100);
}

TEST(RandomValue, IntegerSingleValueAndMixedWidths) {
    EXPECT_EQ(integers(draw("integer[42:42]", 20)), (std::set<int64_t>{42}));
    auto seen = integers(draw("INTEGER[1:1000]", 2000));
    EXPECT_GE(*seen.begin(), 1);
    EXPECT_LE(*seen.rbegin(), 1000);
    EXPECT_GT(seen.size(), 500u);  // widths 1 to 4 all occur
}

TEST(RandomValue, SameDigitCountIntegersHaveAFixedShape) {
    auto value = make_random_value("integer[100:999]", false, kWhere);
    ValueShape s = value->shape();
    EXPECT_TRUE(s.fixed);
    EXPECT_EQ(s.positions.size(), 3u);
    EXPECT_FALSE(make_random_value("integer[-9:9]", false, kWhere)->shape().fixed);
}

TEST(RandomValue, FloatUsesTheMorePreciseBound) {
    for (const auto& v : draw("float[1.5:2.125]", 300)) {
        ASSERT_EQ(v.size() - v.find('.') - 1, 3u) << v;
        double d = *parse_double(v);
        EXPECT_GE(d, 1.5);
        EXPECT_LE(d, 2.125);
    }
    for (const auto& v : draw("float[0:10]", 100)) {
        EXPECT_EQ(v.find('.'), std::string::npos) << v;
        EXPECT_LE(*parse_int(v), 10);
    }
}

TEST(RandomValue, FloatWithNegativeBoundsNeverPrintsMinusZero) {
    bool negative = false, positive = false;
    for (const auto& v : draw("float[-1.0:1.00]", 2000)) {
        double d = *parse_double(v);
        EXPECT_GE(d, -1.0);
        EXPECT_LE(d, 1.0);
        EXPECT_NE(v, "-0.00");
        EXPECT_EQ(v.size() - v.find('.') - 1, 2u) << v;
        negative = negative || d < 0;
        positive = positive || d > 0;
    }
    EXPECT_TRUE(negative);
    EXPECT_TRUE(positive);
}

TEST(RandomValue, Ipv4HasFourOctets) {
    std::set<std::string> distinct;
    for (const auto& v : draw("ipv4", 300)) {
        auto parts = split(v, '.');
        ASSERT_EQ(parts.size(), 4u) << v;
        for (auto p : parts) {
            auto n = parse_int(p);
            ASSERT_TRUE(n) << v;
            EXPECT_GE(*n, 0);
            EXPECT_LE(*n, 255);
            EXPECT_EQ(std::to_string(*n), std::string(p)) << "no leading zeros in " << v;
        }
        distinct.insert(v);
    }
    EXPECT_GT(distinct.size(), 290u);
}

TEST(RandomValue, Ipv6HasEightLowercaseGroups) {
    for (const auto& v : draw("ipv6", 300)) {
        auto parts = split(v, ':');
        ASSERT_EQ(parts.size(), 8u) << v;
        for (auto p : parts) {
            EXPECT_GE(p.size(), 1u);
            EXPECT_LE(p.size(), 4u);
            EXPECT_EQ(p.find_first_not_of("0123456789abcdef"), std::string_view::npos) << v;
            EXPECT_TRUE(p.size() == 1 || p[0] != '0') << "leading zero in " << v;
        }
    }
}

TEST(RandomValue, MacIsSixTwoDigitGroups) {
    std::set<std::string> distinct;
    for (const auto& v : draw("mac", 200)) {
        ASSERT_EQ(v.size(), 17u) << v;
        for (size_t i = 0; i < v.size(); ++i) {
            if (i % 3 == 2)
                EXPECT_EQ(v[i], ':') << v;
            else
                EXPECT_NE(std::string("0123456789abcdef").find(v[i]), std::string::npos) << v;
        }
        distinct.insert(v);
    }
    EXPECT_GT(distinct.size(), 190u);
}

TEST(RandomValue, GuidIsAVersion4Uuid) {
    std::set<std::string> distinct;
    for (const auto& v : draw("guid", 500)) {
        ASSERT_EQ(v.size(), 36u) << v;
        for (size_t dash : {8u, 13u, 18u, 23u}) EXPECT_EQ(v[dash], '-') << v;
        EXPECT_EQ(v[14], '4') << "version nibble in " << v;
        EXPECT_NE(std::string("89ab").find(v[19]), std::string::npos) << "variant nibble in " << v;
        distinct.insert(v);
    }
    EXPECT_EQ(distinct.size(), 500u);
}

TEST(RandomValue, StringUsesUrlSafeCharacters) {
    std::set<char> chars;
    for (const auto& v : draw("string(12)", 300)) {
        ASSERT_EQ(v.size(), 12u);
        for (char c : v) {
            EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("_.-~/").find(c) != std::string::npos)
                << v;
            chars.insert(c);
        }
    }
    EXPECT_GT(chars.size(), 60u);
    EXPECT_EQ(draw("string(0)", 3), (std::vector<std::string>{"", "", ""}));
}

TEST(RandomValue, HexIsUppercase) {
    std::set<char> chars;
    for (const auto& v : draw("hex(9)", 200)) {
        ASSERT_EQ(v.size(), 9u);
        for (char c : v) chars.insert(c);
    }
    EXPECT_EQ(std::string(chars.begin(), chars.end()), "0123456789ABCDEF");
}

TEST(RandomValue, ListPicksEveryItem) {
    auto values = draw(R"(list["alpha", "b", "", "caf\u00e9"])", 400);
    std::set<std::string> seen(values.begin(), values.end());
    EXPECT_EQ(seen, (std::set<std::string>{"alpha", "b", "", "caf\xC3\xA9"}));
}

TEST(RandomValue, ListOfNonStringItemsPrintsTheirJson) {
    auto values = draw(R"(list[1, 2.5, true, null, [1,2], {"k":"v"}])", 600);
    std::set<std::string> seen(values.begin(), values.end());
    EXPECT_EQ(seen, (std::set<std::string>{"1", "2.5", "true", "null", "[1,2]", R"({"k":"v"})"}));
}

TEST(RandomValue, RatedIntegerIsScaledAndRounded) {
    for (const auto& v : draw("integer[10:20]", 200, true, 0.5)) {
        EXPECT_GE(*parse_int(v), 5);
        EXPECT_LE(*parse_int(v), 10);
    }
    EXPECT_EQ(integers(draw("integer[7:7]", 5, true, 3.0)), (std::set<int64_t>{21}));
    EXPECT_EQ(integers(draw("integer[7:7]", 5, true, 0.0)), (std::set<int64_t>{0}));
    // Rated values are never fixed width: the factor changes their length.
    EXPECT_FALSE(make_random_value("integer[100:999]", true, kWhere)->shape().fixed);
    EXPECT_GT(integers(draw("integer[100:999]", 200, true, 100.0)).size(), 100u);
}

TEST(RandomValue, RatedFloatIsScaled) {
    for (const auto& v : draw("float[1.0:2.0]", 200, true, 10.0)) {
        double d = *parse_double(v);
        EXPECT_GE(d, 10.0);
        EXPECT_LE(d, 20.0);
        EXPECT_EQ(v.size() - v.find('.') - 1, 1u) << v;
    }
}

TEST(RandomValue, RatedRejectsUnknownKinds) {
    try {
        make_random_value("bogus", true, kWhere);
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown rated replacement"), std::string::npos) << e.what();
    }
}

// Each bad replacement names the token's place in the configuration.
void expect_bad(const std::string& replacement, const std::string& fragment) {
    try {
        make_random_value(replacement, false, kWhere);
        ADD_FAILURE() << "'" << replacement << "' was accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.where().file, "eventgen.conf");
        EXPECT_EQ(e.where().line, 42);
        EXPECT_EQ(e.where().stanza, "web");
        EXPECT_EQ(e.where().key, "token.3.replacement");
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(RandomValue, BadReplacementsRaiseConfigErrors) {
    expect_bad("integer[5:1]", "greater than the end");
    expect_bad("float[2.5:1.5]", "greater than the end");
    expect_bad("integer[99999999999999999999:1]", "out of range");
    expect_bad("list[bad json]", "JSON array");
    expect_bad("list[]", "JSON array");
    expect_bad(R"(list{"a":1})", "JSON array");
    expect_bad("ipv5", "unknown random replacement");
    expect_bad("integer(1,2)", "unknown random replacement");
    expect_bad("", "unknown random replacement");
}

TEST(RandomValue, ValidThroughBuildTokens) {
    // The same errors surface from build_tokens at the replacement line.
    testing::TempDir dir;
    try {
        testing::one_token("random", "integer[5:1]", dir.path().string());
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.where().key, "token.0.replacement");
        EXPECT_EQ(e.where().line, 12);
    }
    EXPECT_NO_THROW(testing::one_token("rated", "float[0.5:1.5]", dir.path().string()));
}

}  // namespace
}  // namespace eventgen
