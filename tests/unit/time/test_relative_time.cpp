#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "scoped_tz.h"
#include "time/relative_time.h"

namespace eventgen {
namespace {

using testing::ScopedTz;

constexpr int64_t kUs = kUsPerSecond;

TimeUs utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * kUs;
}

// Wednesday 2023-11-15 10:30:45.123456 UTC.
constexpr TimeUs kNow = 1700044245 * kUs + 123456;

TimeUs rel(const char* spec, TimeUs now = kNow, TimeZone tz = TimeZone::utc()) {
    return resolve_relative_time(spec, now, tz);
}

TEST(RelativeTime, HelperMatchesKnownEpochs) {
    EXPECT_EQ(utc(2023, 11, 15, 10, 30, 45), 1700044245 * kUs);
    EXPECT_EQ(utc(2023, 11, 14, 8), 1699948800 * kUs);
}

TEST(RelativeTime, NowAndAbsolute) {
    EXPECT_EQ(rel("now"), kNow);
    EXPECT_EQ(rel(" NOW "), kNow);
    EXPECT_EQ(rel("1700000000"), 1700000000 * kUs);
    EXPECT_EQ(rel("123456789"), 123456789 * kUs);
    EXPECT_EQ(rel("1700000000.5"), 1700000000 * kUs + 500000);
    EXPECT_EQ(rel("1700000000.1234567"), 1700000000 * kUs + 123456);
    EXPECT_EQ(rel("12.25"), 12 * kUs + 250000);
}

TEST(RelativeTime, ExactOffsets) {
    EXPECT_EQ(rel("-30s"), kNow - 30 * kUs);
    EXPECT_EQ(rel("+90sec"), kNow + 90 * kUs);
    EXPECT_EQ(rel("-15m"), kNow - 900 * kUs);
    EXPECT_EQ(rel("-2h"), kNow - 7200 * kUs);
    EXPECT_EQ(rel("-1hr"), rel("-1hours"));
    EXPECT_EQ(rel("-1H"), rel("-1hour"));
    EXPECT_EQ(rel("-h"), kNow - 3600 * kUs);
    EXPECT_EQ(rel("+m"), kNow + 60 * kUs);
    EXPECT_EQ(rel("-5us"), kNow - 5);
    EXPECT_EQ(rel("-3ms"), kNow - 3000);
    EXPECT_EQ(rel("-1m-1s+2s"), kNow - 59 * kUs);
}

TEST(RelativeTime, CalendarOffsets) {
    EXPECT_EQ(rel("-1d"), kNow - 86400 * kUs);
    EXPECT_EQ(rel("+2w"), kNow + 14 * 86400 * kUs);
    EXPECT_EQ(rel("-d"), rel("-1day"));
    EXPECT_EQ(rel("-1mon"), utc(2023, 10, 15, 10, 30, 45) + 123456);
    EXPECT_EQ(rel("+2months"), utc(2024, 1, 15, 10, 30, 45) + 123456);
    EXPECT_EQ(rel("-1q"), utc(2023, 8, 15, 10, 30, 45) + 123456);
    EXPECT_EQ(rel("-2y"), utc(2021, 11, 15, 10, 30, 45) + 123456);
    EXPECT_EQ(rel("-11mon"), utc(2022, 12, 15, 10, 30, 45) + 123456);
    // Day of month is clamped to the target month.
    EXPECT_EQ(rel("-1mon", utc(2024, 3, 31, 12)), utc(2024, 2, 29, 12));
    EXPECT_EQ(rel("+1y", utc(2024, 2, 29, 12)), utc(2025, 2, 28, 12));
    EXPECT_EQ(rel("+1q", utc(2023, 5, 31)), utc(2023, 8, 31));
    EXPECT_EQ(rel("+1mon", utc(2023, 1, 31)), utc(2023, 2, 28));
}

TEST(RelativeTime, Snaps) {
    EXPECT_EQ(rel("@s"), 1700044245 * kUs);
    EXPECT_EQ(rel("@ms"), kNow - 456);
    EXPECT_EQ(rel("@m"), utc(2023, 11, 15, 10, 30));
    EXPECT_EQ(rel("@h"), utc(2023, 11, 15, 10));
    EXPECT_EQ(rel("@d"), utc(2023, 11, 15));
    EXPECT_EQ(rel("@w"), utc(2023, 11, 12));
    EXPECT_EQ(rel("@w0"), utc(2023, 11, 12));
    EXPECT_EQ(rel("@w7"), utc(2023, 11, 12));
    EXPECT_EQ(rel("@w1"), utc(2023, 11, 13));
    EXPECT_EQ(rel("@w3"), utc(2023, 11, 15));  // today is Wednesday
    EXPECT_EQ(rel("@w4"), utc(2023, 11, 9));   // last Thursday
    EXPECT_EQ(rel("@w6"), utc(2023, 11, 11));
    EXPECT_EQ(rel("@mon"), utc(2023, 11, 1));
    EXPECT_EQ(rel("@q"), utc(2023, 10, 1));
    EXPECT_EQ(rel("@qtr", utc(2023, 3, 31, 23)), utc(2023, 1, 1));
    EXPECT_EQ(rel("@y"), utc(2023, 1, 1));
}

TEST(RelativeTime, Chains) {
    EXPECT_EQ(rel("-1d@d+8h"), utc(2023, 11, 14, 8));
    EXPECT_EQ(rel("-15m@h"), utc(2023, 11, 15, 10));
    EXPECT_EQ(rel("-45m@h"), utc(2023, 11, 15, 9));
    EXPECT_EQ(rel("+1d@d"), utc(2023, 11, 16));
    EXPECT_EQ(rel("-1mon@mon"), utc(2023, 10, 1));
    EXPECT_EQ(rel("-2y@y"), utc(2021, 1, 1));
    EXPECT_EQ(rel("-1q@q"), utc(2023, 7, 1));
    EXPECT_EQ(rel("@w1-7d"), utc(2023, 11, 6));
    EXPECT_EQ(rel("@d-1s"), utc(2023, 11, 14, 23, 59, 59));
}

TEST(RelativeTime, SnapsInFixedZone) {
    const TimeZone ist = TimeZone::fixed(19800);  // now is 16:00:45 on the 15th there
    EXPECT_EQ(rel("@d", kNow, ist), utc(2023, 11, 14, 18, 30));
    EXPECT_EQ(rel("@h", kNow, ist), utc(2023, 11, 15, 10, 30));
    EXPECT_EQ(rel("@mon", kNow, ist), utc(2023, 10, 31, 18, 30));
    const TimeZone west = TimeZone::fixed(-11 * 3600);  // still the 14th there
    EXPECT_EQ(rel("@d", kNow, west), utc(2023, 11, 14, 11));
    EXPECT_EQ(rel("@w3", kNow, west), utc(2023, 11, 8, 11));
}

TEST(RelativeTime, LocalZoneKeepsWallClockAcrossDst) {
    ScopedTz guard("America/New_York");
    const TimeZone ny = TimeZone::local();
    // Noon EDT on 2023-03-12 minus one calendar day is noon EST: 23 hours earlier.
    EXPECT_EQ(rel("-1d", 1678636800 * kUs, ny), 1678554000 * kUs);
    EXPECT_EQ(rel("-24h", 1678636800 * kUs, ny), 1678550400 * kUs);
    EXPECT_EQ(rel("@d", 1678636800 * kUs, ny), 1678597200 * kUs);
    // Midnight EST plus two exact hours is 03:00 EDT.
    EXPECT_EQ(rel("-1d@d+2h", 1678716000 * kUs, ny), (1678597200 + 7200) * kUs);
    // Fall back: noon EST minus a day is noon EDT, 25 hours earlier.
    EXPECT_EQ(rel("-1d", 1699203600 * kUs, ny), 1699113600 * kUs);
    // 01:30 EST (second pass) snaps to 01:00 EST, not to the earlier 01:00 EDT.
    EXPECT_EQ(rel("@h", (1699165800) * kUs, ny), 1699164000 * kUs);
}

void expect_rejected(const char* spec) {
    try {
        rel(spec);
        ADD_FAILURE() << "accepted '" << spec << "'";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(std::string("'") + spec + "'"), std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(is_relative_time(spec)) << spec;
}

TEST(RelativeTime, RejectsBadSpecs) {
    for (const char* s : {"", "  ", "0", "30", "12345678", "1d", "-1x", "-1dd", "@", "-", "+",
                          "@w8", "@w12", "-1d@", "now-1d", "abc", "-1.5h", "1700000000x",
                          "-1d @d", "-99999999999d"}) {
        expect_rejected(s);
    }
}

TEST(RelativeTime, RejectsResultsOutOfRange) {
    // Syntactically fine, so only resolving fails.
    EXPECT_TRUE(is_relative_time("+9000y"));
    EXPECT_THROW(rel("+9000y"), std::invalid_argument);
    EXPECT_THROW(rel("-3000y"), std::invalid_argument);
    EXPECT_THROW(rel("-999999w"), std::invalid_argument);
    EXPECT_THROW(rel("9999999999999"), std::invalid_argument);
}

TEST(RelativeTime, SyntaxCheck) {
    for (const char* s : {"now", "-1d@d+8h", "@w1", "-15m@h", "+1d@d", "-30s", "-1mon@mon",
                          "-2y@y", "@q", "1700000000", "1700000000.5", "-1hr", "+w"}) {
        EXPECT_TRUE(is_relative_time(s)) << s;
    }
}

TEST(DurationSeconds, Parses) {
    EXPECT_EQ(parse_duration_seconds("90"), 90);
    EXPECT_EQ(parse_duration_seconds("90s"), 90);
    EXPECT_EQ(parse_duration_seconds("15m"), 900);
    EXPECT_EQ(parse_duration_seconds("2h"), 7200);
    EXPECT_EQ(parse_duration_seconds("1d"), 86400);
    EXPECT_EQ(parse_duration_seconds("1w"), 604800);
    EXPECT_EQ(parse_duration_seconds("-1h"), -3600);
    EXPECT_EQ(parse_duration_seconds("+5minutes"), 300);
    EXPECT_EQ(parse_duration_seconds(" 10 "), 10);
    EXPECT_EQ(parse_duration_seconds("0"), 0);
}

TEST(DurationSeconds, Rejects) {
    for (const char* s : {"", "-", "h", "1x", "1mon", "1y", "1.5h", "--1h", "1h2m", "@d"})
        EXPECT_FALSE(parse_duration_seconds(s).has_value()) << s;
}

}  // namespace
}  // namespace eventgen
