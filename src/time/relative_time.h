#pragma once
// Splunk relative time modifiers ("-1d@d+8h", "@w1", "now", "1700000000.5") as
// Eventgen's earliest/latest/backfill/end settings use them.
#include <cstdint>
#include <optional>
#include <string_view>

#include "time/time_types.h"
#include "time/time_zone.h"

namespace eventgen {

// Resolves `spec` against `now`. Accepted:
//   "now"; an absolute epoch: an integer of 9+ digits or a decimal like "1700000000.5";
//   a chain of terms applied left to right: "[+-]<n><unit>", "[+-]<unit>" (n = 1) and
//   snaps "@<unit>" (start of that unit in tz) or "@w0".."@w7" (latest such weekday,
//   0 and 7 = Sunday).
// Units: us, ms, s/sec/secs/second/seconds, m/min/mins/minute/minutes, h/hr/hrs/hour/
// hours, d/day/days, w/week/weeks, mon/month/months, q/qtr/qtrs/quarter/quarters,
// y/yr/yrs/year/years (any case). s/m/h offsets are exact durations; day and week
// offsets keep the wall-clock time in tz; month/quarter/year offsets keep the day of
// the month, clamped to the target month's length.
// Throws std::invalid_argument naming the spec and the problem.
TimeUs resolve_relative_time(std::string_view spec, TimeUs now, const TimeZone& tz);

// True when resolve_relative_time would accept the syntax of `spec`.
bool is_relative_time(std::string_view spec);

// A time setting as Eventgen takes it (earliest, latest, backfill, end): a relative
// time as above, or an absolute "YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]]" in `tz` (Eventgen
// hands those to dateutil). nullopt when it is neither.
std::optional<TimeUs> resolve_time_setting(std::string_view spec, TimeUs now, const TimeZone& tz);
bool is_time_setting(std::string_view spec);

// A signed duration such as "90", "90s", "15m", "2h", "1d", "1w", "-1h" (any unit
// spelling above from s to w) in seconds; nullopt when not a duration.
std::optional<int64_t> parse_duration_seconds(std::string_view text);

}  // namespace eventgen
