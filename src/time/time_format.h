#pragma once
// Python/C strftime formatting, compiled once and run per event without libc.
//
// Directives (C locale, as Python on glibc prints them): %a %A %b %B %c %C %d %D %e
// %f %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x
// %X %y %Y %z %Z %%, the E/O modifiers (ignored, as in the C locale) and glibc's
// padding flags '-' (none), '_' (spaces) and '0' (zeros) on numeric directives.
// Anything else, including field widths, is copied literally like glibc does.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/value_shape.h"
#include "time/time_types.h"
#include "time/time_zone.h"

namespace eventgen {

// Not thread-safe: append() keeps a per-instance cache of the last formatted second.
// Give each thread its own copy.
class TimeFormat {
public:
    explicit TimeFormat(std::string_view fmt);

    // Appends `t` formatted in zone `tz` to `out`.
    void append(TimeUs t, const TimeZone& tz, std::string& out) const;
    std::string format(TimeUs t, const TimeZone& tz) const {
        std::string s;
        append(t, tz, s);
        return s;
    }

    bool uses_subseconds() const { return uses_subseconds_; }
    // What any output can look like, assuming years 1000-9999.
    ValueShape shape() const;
    const std::string& pattern() const { return pattern_; }

    enum class Field : uint8_t {
        Literal, Year, Century, Year2, IsoYear, IsoYear2, Month, Day, DaySpace, Hour,
        HourSpace, Hour12, Hour12Space, Minute, Second, Micro, YearDay, WeekdaySun0,
        WeekdayMon1, WeekSun, WeekMon, WeekIso, AmPm, AmPmLower, WeekdayAbbr, WeekdayFull,
        MonthAbbr, MonthFull, Epoch, Offset, ZoneName,
    };
    struct Op {
        Field field = Field::Literal;
        char pad = 0;           // 0 = directive's default, '-' none, '_' spaces, '0' zeros
        uint32_t lit_pos = 0;   // Literal: text in literals_
        uint32_t lit_len = 0;
    };

private:
    void compile(std::string_view fmt, int depth);
    void add_literal(std::string_view text);
    void render(TimeUs t, const TimeZone& tz) const;

    std::string pattern_;
    std::vector<Op> ops_;
    std::string literals_;
    bool uses_subseconds_ = false;

    // Output for the second last formatted; %f digits are patched in per call.
    mutable int64_t cached_second_ = INT64_MIN;
    mutable TimeZone cached_zone_ = TimeZone::utc();
    mutable uint64_t cached_generation_ = 0;
    mutable std::string cached_text_;
    mutable std::vector<uint32_t> micro_positions_;
};

}  // namespace eventgen
