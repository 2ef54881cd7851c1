#include <gtest/gtest.h>

#include <ctime>
#include <stdexcept>
#include <string>

#include "common/rng.h"
#include "scoped_tz.h"
#include "time/time_zone.h"

namespace eventgen {
namespace {

using testing::ScopedTz;

constexpr int64_t kUs = kUsPerSecond;

TEST(TimeZoneParse, AcceptedForms) {
    EXPECT_TRUE(TimeZone::parse("local").is_local());
    EXPECT_TRUE(TimeZone::parse("LOCAL").is_local());
    for (const char* s : {"utc", "UTC", "GMT", "Z", "z", " utc "}) {
        const TimeZone tz = TimeZone::parse(s);
        EXPECT_FALSE(tz.is_local()) << s;
        EXPECT_EQ(tz.fixed_offset(), 0) << s;
    }
    EXPECT_EQ(TimeZone::parse("+0530").fixed_offset(), 19800);
    EXPECT_EQ(TimeZone::parse("-0700").fixed_offset(), -25200);
    EXPECT_EQ(TimeZone::parse("+05:30").fixed_offset(), 19800);
    EXPECT_EQ(TimeZone::parse("-09:30").fixed_offset(), -34200);
    EXPECT_EQ(TimeZone::parse("0100").fixed_offset(), 3600);
    EXPECT_EQ(TimeZone::parse("+02").fixed_offset(), 7200);
    EXPECT_EQ(TimeZone::parse("-00").fixed_offset(), 0);
}

TEST(TimeZoneParse, RejectsOtherText) {
    for (const char* s : {"", "est", "+5", "+123", "+12345", "+2400", "+0160", "+05:3", "05-30",
                          "++0100", "+01:00x", "America/New_York"}) {
        try {
            TimeZone::parse(s);
            ADD_FAILURE() << "accepted '" << s << "'";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find(std::string("'") + s + "'"), std::string::npos)
                << e.what();
        }
    }
}

TEST(TimeZone, FixedAbbreviations) {
    EXPECT_EQ(TimeZone::utc().abbreviation_at(0), "UTC");
    EXPECT_EQ(TimeZone::fixed(0).abbreviation_at(0), "UTC");
    EXPECT_EQ(TimeZone::fixed(19800).abbreviation_at(0), "+0530");
    EXPECT_EQ(TimeZone::fixed(-34200).abbreviation_at(0), "-0930");
    EXPECT_TRUE(TimeZone::utc() == TimeZone::fixed(0));
    EXPECT_THROW(TimeZone::fixed(86400), std::invalid_argument);
    EXPECT_THROW(TimeZone::fixed(-86400), std::invalid_argument);
    EXPECT_EQ(TimeZone::fixed(-86399).fixed_offset(), -86399);
    EXPECT_FALSE(TimeZone::utc() == TimeZone::local());
}

void expect_civil(const CivilTime& c, int y, int mo, int d, int h, int mi, int s, int wd, int yd) {
    EXPECT_EQ(c.year, y);
    EXPECT_EQ(c.month, mo);
    EXPECT_EQ(c.day, d);
    EXPECT_EQ(c.hour, h);
    EXPECT_EQ(c.minute, mi);
    EXPECT_EQ(c.second, s);
    EXPECT_EQ(c.weekday, wd);
    EXPECT_EQ(c.yearday, yd);
}

TEST(TimeZone, ToCivilFixedZones) {
    const TimeUs t = 1700000000 * kUs + 42;
    CivilTime c = to_civil(t, TimeZone::utc());
    expect_civil(c, 2023, 11, 14, 22, 13, 20, 2, 318);
    EXPECT_EQ(c.microsecond, 42);
    EXPECT_EQ(c.offset_seconds, 0);
    c = to_civil(t, TimeZone::fixed(19800));
    expect_civil(c, 2023, 11, 15, 3, 43, 20, 3, 319);
    EXPECT_EQ(c.offset_seconds, 19800);
    c = to_civil(t, TimeZone::fixed(-34200));
    expect_civil(c, 2023, 11, 14, 12, 43, 20, 2, 318);
    // Just before the epoch: negative microseconds must borrow from the second.
    c = to_civil(-1, TimeZone::utc());
    expect_civil(c, 1969, 12, 31, 23, 59, 59, 3, 365);
    EXPECT_EQ(c.microsecond, 999999);
}

TEST(TimeZone, FromCivilFixedZones) {
    CivilTime c;
    c.year = 2023, c.month = 11, c.day = 15, c.hour = 3, c.minute = 43, c.second = 20;
    c.microsecond = 7;
    EXPECT_EQ(from_civil(c, TimeZone::fixed(19800)), 1700000000 * kUs + 7);
    c.year = 1960, c.month = 2, c.day = 29, c.hour = 23, c.minute = 59, c.second = 59;
    c.microsecond = 0;
    EXPECT_EQ(from_civil(c, TimeZone::utc()), -310435201 * kUs);
    // Out-of-range months and days carry over.
    c.year = 2022, c.month = 13, c.day = 1, c.hour = 0, c.minute = 0, c.second = 0;
    EXPECT_EQ(from_civil(c, TimeZone::utc()), (1672531200) * kUs);  // 2023-01-01
    c.year = 2023, c.month = 1, c.day = 0;
    EXPECT_EQ(from_civil(c, TimeZone::utc()), (1672531200 - 86400) * kUs);
}

TEST(TimeZone, CivilRoundTripRandomFixed) {
    Rng rng(7);
    for (int i = 0; i < 20000; ++i) {
        const int64_t s = rng.between(-30'000'000'000LL, 250'000'000'000LL);
        const TimeUs t = s * kUs + rng.between(0, 999999);
        const TimeZone tz = TimeZone::fixed(static_cast<int>(rng.between(-50400, 50400)));
        ASSERT_EQ(from_civil(to_civil(t, tz), tz), t) << t;
    }
}

TEST(TimeZoneLocal, NewYorkOffsetsAndNames) {
    ScopedTz guard("America/New_York");
    const TimeZone ny = TimeZone::local();
    EXPECT_EQ(ny.offset_at(1688212800), -4 * 3600);  // July
    EXPECT_EQ(ny.abbreviation_at(1688212800), "EDT");
    EXPECT_EQ(ny.offset_at(1673784000), -5 * 3600);  // January
    EXPECT_EQ(ny.abbreviation_at(1673784000), "EST");
    // 2023-03-12 07:00 UTC is the spring-forward instant.
    EXPECT_EQ(ny.offset_at(1678604399), -5 * 3600);
    EXPECT_EQ(ny.offset_at(1678604400), -4 * 3600);
    // Same minute again (cached) still right after a TZ switch.
    ScopedTz kolkata("Asia/Kolkata");
    EXPECT_EQ(ny.offset_at(1678604400), 19800);
    EXPECT_EQ(ny.abbreviation_at(1678604400), "IST");
}

CivilTime wall(int y, int mo, int d, int h, int mi) {
    CivilTime c;
    c.year = y, c.month = mo, c.day = d, c.hour = h, c.minute = mi, c.second = 0;
    c.microsecond = 0;
    return c;
}

TEST(TimeZoneLocal, DstGapAndOverlap) {
    ScopedTz guard("America/New_York");
    const TimeZone ny = TimeZone::local();
    // 02:30 does not exist on 2023-03-12: read with EST it is 03:30 EDT (like mktime).
    EXPECT_EQ(from_civil(wall(2023, 3, 12, 2, 30), ny), 1678606200 * kUs);
    EXPECT_EQ(from_civil(wall(2023, 3, 12, 1, 59), ny), 1678604340 * kUs);
    EXPECT_EQ(from_civil(wall(2023, 3, 12, 3, 0), ny), 1678604400 * kUs);
    // 01:30 happens twice on 2023-11-05: the earlier (EDT) one is chosen.
    EXPECT_EQ(from_civil(wall(2023, 11, 5, 1, 30), ny), 1699162200 * kUs);
    EXPECT_EQ(from_civil(wall(2023, 11, 5, 2, 0), ny), (1699165800 + 1800) * kUs);
}

// Outside DST overlaps, from_civil must agree with mktime and to_civil with localtime_r.
TEST(TimeZoneLocal, AgreesWithLibc) {
    for (const char* zone : {"America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC"}) {
        ScopedTz guard(zone);
        const TimeZone local = TimeZone::local();
        Rng rng(11);
        for (int i = 0; i < 5000; ++i) {
            const time_t s = static_cast<time_t>(rng.between(-2'000'000'000LL, 4'000'000'000LL));
            struct tm tmv {};
            ASSERT_NE(localtime_r(&s, &tmv), nullptr);
            const CivilTime c = to_civil(s * kUs, local);
            ASSERT_EQ(c.year, tmv.tm_year + 1900) << zone << " " << s;
            ASSERT_EQ(c.month, tmv.tm_mon + 1);
            ASSERT_EQ(c.day, tmv.tm_mday);
            ASSERT_EQ(c.hour, tmv.tm_hour);
            ASSERT_EQ(c.minute, tmv.tm_min);
            ASSERT_EQ(c.second, tmv.tm_sec);
            ASSERT_EQ(c.weekday, tmv.tm_wday);
            ASSERT_EQ(c.yearday, tmv.tm_yday + 1);
            ASSERT_EQ(c.offset_seconds, tmv.tm_gmtoff);
            // A wall time repeated by a fall-back is ambiguous; skip those.
            if (local.offset_at(s - 86400) > local.offset_at(s + 86400)) continue;
            ASSERT_EQ(from_civil(c, local), s * kUs) << zone << " " << s;
        }
    }
}

}  // namespace
}  // namespace eventgen
