#pragma once
// Basic time representations and calendar arithmetic. Everything here is plain
// integer math so it can run per event without touching libc's time functions.
#include <cstdint>

namespace eventgen {

// Epoch microseconds, UTC.
using TimeUs = int64_t;

inline constexpr int64_t kUsPerSecond = 1'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;

// A broken-down wall-clock time in some zone.
struct CivilTime {
    int year = 1970;
    int month = 1;  // 1-12
    int day = 1;    // 1-31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int microsecond = 0;
    int weekday = 4;  // 0 = Sunday
    int yearday = 1;  // 1-366
    int offset_seconds = 0;  // east of UTC
};

// Division rounding toward negative infinity; times before 1970 must still land in
// the right day/second.
constexpr int64_t floor_div(int64_t a, int64_t b) {
    const int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

constexpr bool is_leap_year(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int days_in_month(int64_t y, int m) {
    constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap_year(y)) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date. Counting years from March
// puts the leap day last, so each 400-year era has a fixed day layout (after
// H. Hinnant's chrono date algorithms).
constexpr int64_t days_from_civil(int64_t y, int m, int d) {
    if (m <= 2) --y;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;                     // 0..399
    const int64_t mp = m > 2 ? m - 3 : m + 9;              // March = 0
    const int64_t doy = (153 * mp + 2) / 5 + d - 1;        // 0..365
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

struct CivilDate {
    int64_t year;
    int month;
    int day;
    int yearday;  // 1-366
};

// Inverse of days_from_civil.
constexpr CivilDate civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;                                   // 0..146096
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // 0..399
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // 0..365
    const int64_t mp = (5 * doy + 2) / 153;                                 // March = 0
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    // March 1 is doy 0; January 1 is doy 306 of the previous March-based year.
    const int yd = static_cast<int>(m <= 2 ? doy - 305 : doy + 60 + (is_leap_year(y) ? 1 : 0));
    return {y, m, d, yd};
}

// 0 = Sunday. 1970-01-01 was a Thursday.
constexpr int weekday_from_days(int64_t z) { return static_cast<int>(floor_mod(z + 4, 7)); }

// 1-based day of the year.
constexpr int yearday_of(int64_t y, int m, int d) {
    return static_cast<int>(days_from_civil(y, m, d) - days_from_civil(y, 1, 1)) + 1;
}

}  // namespace eventgen
