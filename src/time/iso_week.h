#pragma once
// ISO 8601 week numbering (%G, %g, %V): weeks start on Monday and week 1 is the
// one containing the year's first Thursday.
#include <cstdint>

#include "time/time_types.h"

namespace eventgen {

struct IsoWeek {
    int64_t year;
    int week;  // 1-53
};

constexpr int iso_weeks_in_year(int64_t y) {
    const int jan1 = weekday_from_days(days_from_civil(y, 1, 1));
    return (jan1 == 4 || (jan1 == 3 && is_leap_year(y))) ? 53 : 52;
}

// Uses year, yearday and weekday of `c`.
constexpr IsoWeek iso_week_of(const CivilTime& c) {
    const int iso_weekday = c.weekday == 0 ? 7 : c.weekday;  // Monday = 1
    const int week = (c.yearday - iso_weekday + 10) / 7;
    if (week < 1) return {c.year - 1, iso_weeks_in_year(c.year - 1)};
    if (week > iso_weeks_in_year(c.year)) return {c.year + 1, 1};
    return {c.year, week};
}

}  // namespace eventgen
