#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/rng.h"
#include "scoped_tz.h"
#include "time/time_format.h"
#include "time/time_parse.h"

namespace eventgen {
namespace {

using testing::ScopedTz;

constexpr int64_t kUs = kUsPerSecond;
constexpr TimeUs kT = 1388868874 * kUs;  // 2014-01-04 20:54:34 UTC, a Saturday

std::optional<TimeUs> parse(const char* text, const char* fmt, TimeZone tz = TimeZone::utc()) {
    return parse_time(text, fmt, tz);
}

TimeUs utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * kUs;
}

TEST(TimeParse, CommonLayouts) {
    EXPECT_EQ(parse("2014-01-04 20:54:34", "%Y-%m-%d %H:%M:%S"), kT);
    EXPECT_EQ(parse("04/Jan/2014:20:54:34 +0000", "%d/%b/%Y:%H:%M:%S %z"), kT);
    EXPECT_EQ(parse("Sat Jan  4 20:54:34 2014", "%c"), kT);
    EXPECT_EQ(parse("Saturday, 04 January 2014 08:54:34 PM", "%A, %d %B %Y %I:%M:%S %p"), kT);
    EXPECT_EQ(parse("2014-01-04 20:54:34", "%F %T"), kT);
    EXPECT_EQ(parse("01/04/14 20:54", "%D %R"), kT - 34 * kUs);
    EXPECT_EQ(parse("20140104205434", "%Y%m%d%H%M%S"), kT);
    EXPECT_EQ(parse("2014 004 20:54:34", "%Y %j %T"), kT);
}

TEST(TimeParse, SubsecondsAndOffsets) {
    EXPECT_EQ(parse("2014-01-04T20:54:34.5Z", "%Y-%m-%dT%H:%M:%S.%f%z"), kT + 500000);
    EXPECT_EQ(parse("2014-01-04T20:54:34.000123Z", "%Y-%m-%dT%H:%M:%S.%f%z"), kT + 123);
    EXPECT_EQ(parse("2014-01-05T02:24:34+0530", "%Y-%m-%dT%H:%M:%S%z"), kT);
    EXPECT_EQ(parse("2014-01-05T02:24:34+05:30", "%Y-%m-%dT%H:%M:%S%z"), kT);
    EXPECT_EQ(parse("2014-01-04T13:54:34-0700", "%Y-%m-%dT%H:%M:%S%z"), kT);
    // %z wins over the zone argument.
    EXPECT_EQ(parse("2014-01-04T13:54:34-0700", "%Y-%m-%dT%H:%M:%S%z", TimeZone::fixed(3600)), kT);
    // Without %z the text is read in the given zone.
    EXPECT_EQ(parse("2014-01-05 02:24:34", "%Y-%m-%d %H:%M:%S", TimeZone::fixed(19800)), kT);
    EXPECT_FALSE(parse("2014-01-04T20:54:34+2400", "%Y-%m-%dT%H:%M:%S%z"));
    EXPECT_FALSE(parse("2014-01-04T20:54:34.1234567", "%Y-%m-%dT%H:%M:%S.%f"));
}

TEST(TimeParse, Epoch) {
    EXPECT_EQ(parse("1388868874", "%s"), kT);
    EXPECT_EQ(parse("1388868874.25", "%s"), kT + 250000);
    EXPECT_EQ(parse("1388868874.25", "%s.%f"), kT + 250000);
    EXPECT_EQ(parse("-1", "%s"), -kUs);
    EXPECT_EQ(parse("1388868874 EST", "%s %Z", TimeZone::fixed(3600)), kT);
}

TEST(TimeParse, DefaultsAndHours) {
    EXPECT_EQ(parse("08:54:34 PM", "%r"), utc(1900, 1, 1, 20, 54, 34));
    EXPECT_EQ(parse("12:00:00 AM", "%r"), utc(1900, 1, 1, 0));
    EXPECT_EQ(parse("12:30 PM", "%I:%M %p"), utc(1900, 1, 1, 12, 30));
    EXPECT_EQ(parse("12:30 pm", "%I:%M %p"), utc(1900, 1, 1, 12, 30));
    EXPECT_EQ(parse("12:30", "%I:%M"), utc(1900, 1, 1, 0, 30));  // no %p: AM
    EXPECT_EQ(parse("15 PM", "%H %p"), utc(1900, 1, 1, 15));     // %p only affects %I
    EXPECT_EQ(parse("Jan  4", "%b %e"), utc(1900, 1, 4));
    EXPECT_EQ(parse("march 4", "%B %d"), utc(1900, 3, 4));
    EXPECT_EQ(parse("MAR 4", "%b %d"), utc(1900, 3, 4));
    EXPECT_EQ(parse("69", "%y"), utc(1969, 1, 1));
    EXPECT_EQ(parse("68", "%y"), utc(2068, 1, 1));
    EXPECT_EQ(parse("2024 366", "%Y %j"), utc(2024, 12, 31));
    EXPECT_EQ(parse("1/2/2014 3:4:5", "%m/%d/%Y %H:%M:%S"), utc(2014, 1, 2, 3, 4, 5));
    EXPECT_EQ(parse("0100%", "%Y%%"), utc(100, 1, 1));
}

TEST(TimeParse, Whitespace) {
    EXPECT_EQ(parse("2014-01-04 \t  20:54:34", "%Y-%m-%d %H:%M:%S"), kT);
    EXPECT_EQ(parse("2014-01-04\n20:54:34", "%Y-%m-%d%n%H:%M:%S"), kT);
    EXPECT_FALSE(parse("2014-01-0420:54:34", "%Y-%m-%d %H:%M:%S"));
    EXPECT_FALSE(parse(" 2014", "%Y"));
}

TEST(TimeParse, Mismatches) {
    EXPECT_FALSE(parse("2014-01-04x", "%Y-%m-%d"));
    EXPECT_FALSE(parse("2014-01-04", "%Y-%m-%d %H"));
    EXPECT_FALSE(parse("2014-02-30", "%Y-%m-%d"));
    EXPECT_FALSE(parse("2014-13-01", "%Y-%m-%d"));
    EXPECT_FALSE(parse("2014-00-01", "%Y-%m-%d"));
    EXPECT_FALSE(parse("24:00", "%H:%M"));
    EXPECT_FALSE(parse("10:60", "%H:%M"));
    EXPECT_FALSE(parse("13:00 PM", "%I:%M %p"));
    EXPECT_FALSE(parse("2023 366", "%Y %j"));
    EXPECT_FALSE(parse("14", "%Y"));
    EXPECT_FALSE(parse("Foo 4", "%b %d"));
    EXPECT_FALSE(parse("2014 01", "%Y %Q"));
    EXPECT_FALSE(parse("2014 01", "%Y %U"));
    EXPECT_FALSE(parse("2014-01-04", "2014-01-04%"));
    EXPECT_FALSE(parse("a", "b"));
}

TEST(TimeParse, LocalZoneDst) {
    ScopedTz guard("America/New_York");
    const TimeZone ny = TimeZone::local();
    EXPECT_EQ(parse("2023-03-12 02:30", "%Y-%m-%d %H:%M", ny), 1678606200 * kUs);  // gap
    EXPECT_EQ(parse("2023-11-05 01:30", "%Y-%m-%d %H:%M", ny), 1699162200 * kUs);  // overlap
    EXPECT_EQ(parse("2023-07-01 08:00", "%Y-%m-%d %H:%M", ny), utc(2023, 7, 1, 12));
    EXPECT_EQ(parse("2023-07-01 08:00 +0000", "%Y-%m-%d %H:%M %z", ny), utc(2023, 7, 1, 8));
}

// Formatting then parsing gives back the instant (to the format's precision).
TEST(TimeParse, RoundTripsFixedZones) {
    struct Case {
        const char* fmt;
        int min_year, max_year;
    };
    const Case cases[] = {
        {"%Y-%m-%d %H:%M:%S", 1000, 9999},        {"%Y-%m-%dT%H:%M:%S.%f%z", 1000, 9999},
        {"%d/%b/%Y:%H:%M:%S.%f %z", 1000, 9999},  {"%c", 1000, 9999},
        {"%a, %d %B %Y %I:%M:%S %p", 1000, 9999}, {"%F %T,%f", 1000, 9999},
        {"%Y%m%d%H%M%S", 1000, 9999},             {"%Y %j %H:%M:%S", 1000, 9999},
        {"%A %e %B %Y %k:%M:%S.%f", 1000, 9999},  {"%s", 1000, 9999},
        {"%s.%f", 1000, 9999},                    {"%b %d %Y %l:%M:%S %P %Z", 1000, 9999},
        {"%-d/%-m/%Y %-H:%M:%S", 1000, 9999},     {"%D %r", 1969, 2068},
        {"%x %X", 1969, 2068},                    {"%y%m%d %H%M%S.%f", 1969, 2068},
    };
    Rng rng(8);
    for (const Case& c : cases) {
        const TimeFormat f(c.fmt);
        const int64_t lo = days_from_civil(c.min_year, 1, 1) * 86400 + 86400;
        const int64_t hi = days_from_civil(c.max_year + 1, 1, 1) * 86400 - 86400;
        for (int i = 0; i < 3000; ++i) {
            const TimeUs t = rng.between(lo, hi) * kUs + rng.between(0, kUs - 1);
            const TimeZone tz = TimeZone::fixed(static_cast<int>(rng.between(-720, 840)) * 60);
            const std::string text = f.format(t, tz);
            const TimeUs expect = f.uses_subseconds() ? t : floor_div(t, kUs) * kUs;
            ASSERT_EQ(parse_time(text, c.fmt, tz), expect) << c.fmt << " '" << text << "'";
        }
    }
}

// In a zone with DST a repeated wall time parses to its first instance, so compare
// text: parsing and formatting again must reproduce it.
TEST(TimeParse, RoundTripsLocalZone) {
    ScopedTz guard("America/New_York");
    const TimeZone ny = TimeZone::local();
    Rng rng(9);
    for (const char* fmt : {"%Y-%m-%d %H:%M:%S.%f", "%c", "%Y-%m-%dT%H:%M:%S%z"}) {
        const TimeFormat f(fmt);
        for (int i = 0; i < 5000; ++i) {
            const int64_t s = rng.between(-2'000'000'000LL, 4'000'000'000LL);
            const TimeUs t = s * kUs + rng.between(0, kUs - 1);
            const std::string text = f.format(t, ny);
            const auto back = parse_time(text, fmt, ny);
            ASSERT_TRUE(back.has_value()) << fmt << " '" << text << "'";
            ASSERT_EQ(f.format(*back, ny), text) << fmt;
        }
    }
}

}  // namespace
}  // namespace eventgen
