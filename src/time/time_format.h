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

// Not thread-safe: append() keeps per-instance caches of formatted text. Give each
// thread its own copy.
//
// Event times spread over an interval's window, so the cache holds whole minutes: a
// small direct-mapped table, keyed by the minute, of the text formatted for its first
// second with the places of the second-dependent fields (%S, %s, %f) noted; a call
// copies the minute's text and writes those few digits. The table starts with 64
// minutes (a one-hour window) and grows to 1024 when it keeps evicting minutes it
// just filled. Minutes it
// cannot serve exactly (an offset that is not whole minutes, %-S, an epoch that
// changes its digit count or is negative) go through a one-second cache as before.
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

    // The longest text append() can give; 0 when not bounded (%Z: the zone's names).
    size_t max_size() const { return max_size_; }
    // Writes `t` at `p`, which has room for max_size() (> 0) bytes plus 16 it may
    // scribble on; returns the end. The same text as append().
    char* write(TimeUs t, const TimeZone& tz, char* p) const;

    bool uses_subseconds() const { return uses_subseconds_; }
    // What any output can look like, assuming years 1000-9999.
    ValueShape shape() const;
    const std::string& pattern() const { return pattern_; }
    // Minutes the table holds now (0 before first use); for tests.
    size_t minute_slots() const { return minutes_.size(); }

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

    // A place in formatted text that depends on more than the minute.
    struct Patch {
        uint16_t pos = 0;
        uint8_t kind = 0;   // PatchKind
        uint8_t width = 0;  // Epoch: its digit count; Second: 1 when space-padded
    };

private:
    enum PatchKind : uint8_t { kPatchSecond, kPatchEpoch, kPatchMicro };
    static constexpr size_t kMaxPatches = 6;
    struct MinuteSlot {
        int64_t minute = INT64_MIN;
        uint32_t stamp = 0;  // fills_ when filled
        uint16_t len = 0;
        uint8_t patches = 0;
        bool epoch = false;  // a %s patch: written by write_miss
        Patch patch[kMaxPatches];
    };

    void compile(std::string_view fmt, int depth);
    void add_literal(std::string_view text);
    // Formats `t` (a whole second) into cached_text_, noting patches_; returns the
    // zone offset in force.
    int render(TimeUs t, const TimeZone& tz) const;
    [[gnu::noinline]] void append_second(int64_t second, TimeUs t, const TimeZone& tz, std::string& out) const;
    [[gnu::noinline]] char* write_second(int64_t second, TimeUs t, const TimeZone& tz, char* p) const;
    // write() for what its call-free hit path does not serve.
    [[gnu::noinline]] char* write_miss(TimeUs t, const TimeZone& tz, char* p) const;
    void refresh_second(int64_t second, const TimeZone& tz) const;
    void patch_micro(char* p, int64_t second, TimeUs t) const;
    bool append_from_minute(int64_t second, TimeUs t, const TimeZone& tz, std::string& out) const;
    // The table's slot for the minute of `second` (filled when it is not there yet), or
    // -1 when the table cannot serve that minute.
    long minute_slot(int64_t second, const TimeZone& tz) const;
    // Writes the second-dependent fields into `p`, a copy of the slot's text.
    void patch_minute(const MinuteSlot& slot, char* p, int64_t second, TimeUs t) const;
    static void patch_second_or_micro(const Patch& patch, char* p, unsigned sec, unsigned us);
    // Copies slot `index`'s text to `p` (write()'s room: max_size() + 16).
    void copy_slot_text(const MinuteSlot& slot, size_t index, char* p) const;
    long fill_slot(int64_t minute, const TimeZone& tz) const;
    bool fill_minute(MinuteSlot& slot, char* text, int64_t minute, const TimeZone& tz) const;
    void reset_minutes(size_t slots, size_t stride) const;

    std::string pattern_;
    std::vector<Op> ops_;
    std::string literals_;
    bool uses_subseconds_ = false;
    bool minute_cacheable_ = true;  // no %-S, at most kMaxPatches second-dependent fields
    size_t max_size_ = 0;

    // The one-second cache: output for the second last formatted; %f digits are
    // patched in per call.
    mutable int64_t cached_second_ = INT64_MIN;
    mutable TimeZone cached_zone_ = TimeZone::utc();
    mutable uint64_t cached_generation_ = 0;
    mutable std::string cached_text_;
    mutable std::vector<Patch> patches_;  // of cached_text_

    // The minute table (allocated on first use) and the zone its entries are for.
    mutable std::vector<MinuteSlot> minutes_;
    mutable std::string minute_text_;  // stride_ bytes per slot
    mutable size_t stride_ = 0;
    mutable size_t minute_mask_ = 0;  // slots - 1 (a power of two)
    mutable TimeZone minutes_zone_ = TimeZone::utc();
    mutable uint64_t minutes_generation_ = 0;
    mutable uint32_t fills_ = 0, thrash_ = 0;  // for growing the table
};

}  // namespace eventgen
