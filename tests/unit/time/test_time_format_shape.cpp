#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/rng.h"
#include "scoped_tz.h"
#include "time/time_format.h"

namespace eventgen {
namespace {

using testing::ScopedTz;

ValueShape shape_of(const char* f) { return TimeFormat(f).shape(); }

TEST(TimeFormatShape, FixedWidthFormats) {
    EXPECT_TRUE(shape_of("%Y-%m-%d %H:%M:%S.%f").fixed);
    EXPECT_EQ(shape_of("%Y-%m-%d %H:%M:%S.%f").positions.size(), 26u);
    EXPECT_EQ(shape_of("%c").positions.size(), 24u);
    EXPECT_EQ(shape_of("%x %X %D %F %T %R %r").positions.size(),
              8u + 1 + 8 + 1 + 8 + 1 + 10 + 1 + 8 + 1 + 5 + 1 + 11);
    EXPECT_EQ(shape_of("%j").positions.size(), 3u);
    EXPECT_EQ(shape_of("%w%u").positions.size(), 2u);
    EXPECT_EQ(shape_of("%_d").positions.size(), 2u);
    const ValueShape z = shape_of("%z");
    ASSERT_EQ(z.positions.size(), 5u);
    EXPECT_EQ(z.positions[0], ByteSet::of("+-"));
    EXPECT_TRUE(z.positions[4] == ByteSet::digits());
}

TEST(TimeFormatShape, ExactLettersOfNames) {
    const ValueShape a = shape_of("%a");
    ASSERT_TRUE(a.fixed);
    ASSERT_EQ(a.positions.size(), 3u);
    EXPECT_EQ(a.positions[0], ByteSet::of("SMTWF"));
    EXPECT_EQ(a.positions[1], ByteSet::of("uoehra"));
    EXPECT_EQ(a.positions[2], ByteSet::of("neduit"));
    const ValueShape b = shape_of("%b");
    ASSERT_EQ(b.positions.size(), 3u);
    EXPECT_EQ(b.positions[0], ByteSet::of("JFMASOND"));
    EXPECT_EQ(shape_of("%h").positions[0], ByteSet::of("JFMASOND"));
    const ValueShape p = shape_of("%p");
    ASSERT_EQ(p.positions.size(), 2u);
    EXPECT_EQ(p.positions[0], ByteSet::of("AP"));
    EXPECT_EQ(p.positions[1], ByteSet::of("M"));
}

TEST(TimeFormatShape, PaddedDigits) {
    const ValueShape e = shape_of("%e");
    ASSERT_EQ(e.positions.size(), 2u);
    EXPECT_EQ(e.positions[0], ByteSet::of(" 123"));
    EXPECT_EQ(e.positions[1], ByteSet::digits());
    EXPECT_EQ(shape_of("%k").positions[0], ByteSet::of(" 12"));
    EXPECT_EQ(shape_of("%l").positions[0], ByteSet::of(" 1"));
    EXPECT_EQ(shape_of("%m").positions[0], ByteSet::of("01"));
    EXPECT_EQ(shape_of("%Y").positions[0], ByteSet::range('1', '9'));
}

TEST(TimeFormatShape, VariableFormats) {
    const ValueShape A = shape_of("%A");
    EXPECT_FALSE(A.fixed);
    EXPECT_EQ(A.min_length, 6u);
    EXPECT_TRUE(A.alphabet.contains('W'));
    EXPECT_FALSE(A.alphabet.contains('x'));
    EXPECT_FALSE(A.alphabet.contains(' '));
    const ValueShape B = shape_of("%B");
    EXPECT_FALSE(B.fixed);
    EXPECT_EQ(B.min_length, 3u);
    const ValueShape s = shape_of("%s");
    EXPECT_FALSE(s.fixed);
    EXPECT_EQ(s.min_length, 1u);
    EXPECT_FALSE(s.alphabet.contains('.'));
    EXPECT_FALSE(shape_of("%Z").fixed);
    EXPECT_FALSE(shape_of("%-d").fixed);
    EXPECT_EQ(shape_of("%-d").min_length, 1u);
    EXPECT_EQ(shape_of("at %A.").min_length, 10u);
}

TEST(TimeFormatShape, LiteralsAreExact) {
    const ValueShape s = shape_of("x%%%Q\t");
    ASSERT_TRUE(s.fixed);
    ASSERT_EQ(s.positions.size(), 5u);
    EXPECT_EQ(s.positions[1], ByteSet::of("%"));
    EXPECT_EQ(s.positions[3], ByteSet::of("Q"));
    EXPECT_TRUE(shape_of("").fixed);
    EXPECT_EQ(shape_of("").min_length, 0u);
}

void expect_conforms(const ValueShape& shape, const std::string& out, const std::string& what) {
    const std::string where = what + " -> '" + out + "'";
    ASSERT_GE(out.size(), shape.min_length) << where;
    if (shape.fixed) {
        ASSERT_EQ(out.size(), shape.positions.size()) << where;
    }
    for (size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        ASSERT_TRUE(shape.alphabet.contains(c)) << where << " byte " << i;
        if (shape.fixed) {
            ASSERT_TRUE(shape.positions[i].contains(c)) << where << " byte " << i;
        }
    }
}

// Every output of random times (years 1000-9999) in various zones fits the shape.
TEST(TimeFormatShape, RandomOutputsConform) {
    std::vector<std::string> patterns;
    for (char c : std::string("aAbBcCdDeFfgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%"))
        patterns.push_back(std::string("%") + c);
    for (const char* p : {"%-d", "%_m", "%0e", "%-j", "%_H", "%Q", "%d/%b/%Y:%H:%M:%S.%f %z",
                          "%a, %d %b %Y %H:%M:%S %Z", "%s.%f", "%A %B %-d %Y"})
        patterns.push_back(p);
    ScopedTz guard("America/New_York");
    const int64_t lo = days_from_civil(1000, 1, 1) * 86400;
    const int64_t hi = days_from_civil(10000, 1, 1) * 86400 - 1;
    Rng rng(21);
    for (const std::string& p : patterns) {
        const TimeFormat f(p);
        const ValueShape shape = f.shape();
        for (int i = 0; i < 3000; ++i) {
            const TimeUs t = rng.between(lo, hi) * kUsPerSecond + rng.between(0, kUsPerSecond - 1);
            const int offset = static_cast<int>(rng.between(-1439, 1439)) * 60;  // up to 23:59
            const TimeZone tz = i % 3 == 0 ? TimeZone::local() : TimeZone::fixed(offset);
            expect_conforms(shape, f.format(t, tz), p);
        }
    }
}

}  // namespace
}  // namespace eventgen
