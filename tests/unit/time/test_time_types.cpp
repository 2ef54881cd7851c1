#include <gtest/gtest.h>

#include "time/iso_week.h"
#include "time/time_types.h"

namespace eventgen {
namespace {

TEST(TimeTypes, FloorDivRoundsDown) {
    EXPECT_EQ(floor_div(7, 2), 3);
    EXPECT_EQ(floor_div(-7, 2), -4);
    EXPECT_EQ(floor_div(-8, 2), -4);
    EXPECT_EQ(floor_div(-1, 86400), -1);
    EXPECT_EQ(floor_mod(-1, 86400), 86399);
    EXPECT_EQ(floor_mod(-7, 7), 0);
}

TEST(TimeTypes, KnownEpochDays) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(days_from_civil(2024, 2, 29), 19782);
    EXPECT_EQ(days_from_civil(1, 1, 1), -719162);
    EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);
}

TEST(TimeTypes, LeapYearsAndMonthLengths) {
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_FALSE(is_leap_year(1900));
    EXPECT_FALSE(is_leap_year(2023));
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2100, 2), 28);
    EXPECT_EQ(days_in_month(2023, 4), 30);
    EXPECT_EQ(days_in_month(2023, 12), 31);
}

// Walks the calendar one day at a time from 1600 to 2400 and checks that both
// conversions agree with simple counting.
TEST(TimeTypes, MatchesDayByDayCounting) {
    int64_t days = days_from_civil(1600, 1, 1);
    int weekday = weekday_from_days(days);
    for (int y = 1600; y < 2400; ++y) {
        int yearday = 1;
        for (int m = 1; m <= 12; ++m) {
            for (int d = 1; d <= days_in_month(y, m); ++d, ++days, ++yearday) {
                ASSERT_EQ(days_from_civil(y, m, d), days) << y << "-" << m << "-" << d;
                const CivilDate c = civil_from_days(days);
                ASSERT_EQ(c.year, y);
                ASSERT_EQ(c.month, m);
                ASSERT_EQ(c.day, d);
                ASSERT_EQ(c.yearday, yearday);
                ASSERT_EQ(weekday_from_days(days), weekday);
                ASSERT_EQ(yearday_of(y, m, d), yearday);
                weekday = (weekday + 1) % 7;
            }
        }
    }
}

TEST(TimeTypes, KnownWeekdays) {
    EXPECT_EQ(weekday_from_days(0), 4);                             // 1970-01-01 Thursday
    EXPECT_EQ(weekday_from_days(days_from_civil(2014, 1, 4)), 6);   // Saturday
    EXPECT_EQ(weekday_from_days(days_from_civil(2023, 11, 15)), 3); // Wednesday
    EXPECT_EQ(weekday_from_days(days_from_civil(1969, 12, 28)), 0); // Sunday
}

CivilTime date(int y, int m, int d) {
    CivilTime c;
    c.year = y;
    c.month = m;
    c.day = d;
    const int64_t days = days_from_civil(y, m, d);
    c.weekday = weekday_from_days(days);
    c.yearday = yearday_of(y, m, d);
    return c;
}

TEST(TimeTypes, IsoWeeks) {
    // 2021-01-03 (Sunday) still belongs to 2020's week 53.
    EXPECT_EQ(iso_week_of(date(2021, 1, 3)).year, 2020);
    EXPECT_EQ(iso_week_of(date(2021, 1, 3)).week, 53);
    EXPECT_EQ(iso_week_of(date(2021, 1, 4)).week, 1);
    // 2024-12-30 (Monday) is week 1 of 2025.
    EXPECT_EQ(iso_week_of(date(2024, 12, 30)).year, 2025);
    EXPECT_EQ(iso_week_of(date(2024, 12, 30)).week, 1);
    EXPECT_EQ(iso_week_of(date(2023, 11, 15)).week, 46);
    EXPECT_EQ(iso_weeks_in_year(2020), 53);
    EXPECT_EQ(iso_weeks_in_year(2015), 53);
    EXPECT_EQ(iso_weeks_in_year(2023), 52);
}

}  // namespace
}  // namespace eventgen
