#include "rating/rater.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "time/time_types.h"

namespace eventgen {
namespace {

TimeUs utc_time(int y, int mo, int d, int h, int mi) {
    return (days_from_civil(y, mo, d) * kSecondsPerDay + h * 3600 + mi * 60) * kUsPerSecond;
}

// 2024-03-10 is a Sunday. The sample's zone is UTC+02:00.
SampleConfig zoned() {
    SampleConfig c;
    c.timezone = TimeZone::fixed(2 * 3600);
    return c;
}

TEST(RateTableFactor, NoTablesMeansOne) {
    SampleConfig c = zoned();
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 14, 25)), 1.0);
}

TEST(RateTableFactor, HourIsReadInTheSampleZone) {
    SampleConfig c = zoned();
    c.hour_of_day.factors = {{14, 100.0}, {16, 2.0}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 14, 25)), 2.0);  // 16:25 local
}

TEST(RateTableFactor, WeekdayCountsFromSunday) {
    SampleConfig c = zoned();
    c.day_of_week.factors = {{0, 3.0}, {1, 5.0}, {6, 7.0}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 12, 0)), 3.0);  // Sunday
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 11, 12, 0)), 5.0);  // Monday
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 9, 12, 0)), 7.0);   // Saturday
    // Saturday 23:30 UTC is already Sunday 01:30 in the sample's zone.
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 9, 23, 30)), 3.0);
}

TEST(RateTableFactor, MinuteDayAndMonth) {
    SampleConfig c = zoned();
    c.minute_of_hour.factors = {{25, 0.5}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 14, 25)), 0.5);
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 14, 26)), 1.0);
    c.minute_of_hour.factors.clear();

    c.day_of_month.factors = {{1, 4.0}, {31, 9.0}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 1, 31, 23, 0)), 4.0);  // Feb 1 locally
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 1, 31, 12, 0)), 9.0);
    c.day_of_month.factors.clear();

    c.month_of_year.factors = {{1, 0.25}, {12, 8.0}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2023, 12, 31, 22, 30)), 0.25);  // new year locally
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2023, 12, 31, 21, 30)), 8.0);
}

TEST(RateTableFactor, TablesMultiply) {
    SampleConfig c = zoned();
    c.hour_of_day.factors = {{16, 2.0}};
    c.day_of_week.factors = {{0, 3.0}};
    c.minute_of_hour.factors = {{25, 0.5}};
    c.day_of_month.factors = {{10, 5.0}};
    c.month_of_year.factors = {{3, 7.0}};
    EXPECT_DOUBLE_EQ(rate_table_factor(c, utc_time(2024, 3, 10, 14, 25)), 105.0);
    // rated tokens use only the hour and weekday tables
    EXPECT_DOUBLE_EQ(rated_token_factor(c, utc_time(2024, 3, 10, 14, 25)), 6.0);
}

TEST(RandomizeFactor, ZeroMeansExactlyOne) {
    Rng rng(1);
    EXPECT_EQ(randomize_factor(0, rng), 1.0);
    EXPECT_EQ(randomize_factor(-0.5, rng), 1.0);
}

TEST(RandomizeFactor, TwentyPercentStaysWithinTenPercentAndAveragesOne) {
    Rng rng(2024);
    const int n = 200000;
    double sum = 0, lo = 2, hi = 0;
    std::set<long> steps;
    for (int i = 0; i < n; ++i) {
        double f = randomize_factor(0.2, rng);
        ASSERT_GE(f, 0.9 - 1e-12);
        ASSERT_LE(f, 1.1 + 1e-12);
        long milli = std::lround(f * 1000);
        ASSERT_NEAR(f * 1000, static_cast<double>(milli), 1e-6);  // whole thousandths, like Eventgen
        steps.insert(milli);
        sum += f;
        lo = std::min(lo, f);
        hi = std::max(hi, f);
    }
    EXPECT_NEAR(sum / n, 1.0, 0.002);
    EXPECT_DOUBLE_EQ(lo, 0.9);  // both ends are reachable (randint is inclusive)
    EXPECT_DOUBLE_EQ(hi, 1.1);
    EXPECT_EQ(steps.size(), 201u);
}

TEST(EventsForInterval, WholeSampleForMinusOneAndZero) {
    SampleConfig c = zoned();
    Rng rng(5);
    TimeUs t = utc_time(2024, 3, 10, 14, 25);
    c.count = -1;
    EXPECT_EQ(events_for_interval(c, 7, t, rng), 7);
    c.count = 0;
    EXPECT_EQ(events_for_interval(c, 7, t, rng), 7);
    c.count = 12;
    EXPECT_EQ(events_for_interval(c, 7, t, rng), 12);
    c.hour_of_day.factors = {{16, 3.0}};
    c.count = -1;
    EXPECT_EQ(events_for_interval(c, 7, t, rng), 21);  // the whole sample is rated too
}

TEST(EventsForInterval, RoundsHalfToEvenLikePython) {
    SampleConfig c = zoned();
    Rng rng(5);
    TimeUs t = utc_time(2024, 3, 10, 14, 25);
    c.hour_of_day.factors = {{16, 0.5}};
    struct Case {
        int64_t count, expect;
    };
    for (Case k : {Case{1, 0}, Case{3, 2}, Case{5, 2}, Case{7, 4}, Case{9, 4}, Case{4, 2}}) {
        c.count = k.count;
        EXPECT_EQ(events_for_interval(c, 100, t, rng), k.expect) << "count " << k.count;
    }
    c.hour_of_day.factors = {{16, 0.26}};
    c.count = 10;
    EXPECT_EQ(events_for_interval(c, 100, t, rng), 3);  // 2.6 -> 3
}

TEST(EventsForInterval, RandomizedCountsStayInBounds) {
    SampleConfig c = zoned();
    c.count = 1000;
    c.randomize_count = 0.2;
    TimeUs t = utc_time(2024, 3, 10, 14, 25);
    Rng rng(9);
    std::set<int64_t> seen;
    for (int i = 0; i < 5000; ++i) {
        int64_t n = events_for_interval(c, 1, t, rng);
        ASSERT_GE(n, 900);
        ASSERT_LE(n, 1100);
        seen.insert(n);
    }
    EXPECT_GT(seen.size(), 150u);
}

TEST(BytesForInterval, PerDayVolumeScaledToTheInterval) {
    SampleConfig c = zoned();
    Rng rng(1);
    TimeUs t = utc_time(2024, 3, 10, 14, 25);
    EXPECT_EQ(bytes_for_interval(c, 600, t, rng), 0.0);  // no perDayVolume
    c.per_day_volume_gb = 2.0;
    const double gib = 1073741824.0;
    EXPECT_DOUBLE_EQ(bytes_for_interval(c, 600, t, rng), 2 * gib * 600 / 86400);
    EXPECT_DOUBLE_EQ(bytes_for_interval(c, 86400, t, rng), 2 * gib);
    c.hour_of_day.factors = {{16, 1.5}};
    c.day_of_week.factors = {{0, 0.5}};
    EXPECT_DOUBLE_EQ(bytes_for_interval(c, 60, t, rng), 2 * gib * 60 / 86400 * 0.75);
    c.randomize_count = 0.2;
    for (int i = 0; i < 1000; ++i) {
        double b = bytes_for_interval(c, 60, t, rng);
        ASSERT_GE(b, 2 * gib * 60 / 86400 * 0.75 * 0.9 * (1 - 1e-12));
        ASSERT_LE(b, 2 * gib * 60 / 86400 * 0.75 * 1.1 * (1 + 1e-12));
    }
}

}  // namespace
}  // namespace eventgen
