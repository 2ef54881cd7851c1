#include "time/time_format.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "time/iso_week.h"
#include "time/time_names.h"

namespace eventgen {
namespace {

using Field = TimeFormat::Field;

// Composite directives expand to these (C locale definitions).
std::string_view expansion(char c) {
    switch (c) {
        case 'c': return "%a %b %e %H:%M:%S %Y";
        case 'D': case 'x': return "%m/%d/%y";
        case 'F': return "%Y-%m-%d";
        case 'r': return "%I:%M:%S %p";
        case 'R': return "%H:%M";
        case 'T': case 'X': return "%H:%M:%S";
        default: return {};
    }
}

// Directives whose value is a number and so take padding flags.
bool numeric_field(char c, Field& f) {
    switch (c) {
        case 'Y': f = Field::Year; return true;
        case 'C': f = Field::Century; return true;
        case 'y': f = Field::Year2; return true;
        case 'G': f = Field::IsoYear; return true;
        case 'g': f = Field::IsoYear2; return true;
        case 'm': f = Field::Month; return true;
        case 'd': f = Field::Day; return true;
        case 'e': f = Field::DaySpace; return true;
        case 'H': f = Field::Hour; return true;
        case 'k': f = Field::HourSpace; return true;
        case 'I': f = Field::Hour12; return true;
        case 'l': f = Field::Hour12Space; return true;
        case 'M': f = Field::Minute; return true;
        case 'S': f = Field::Second; return true;
        case 'j': f = Field::YearDay; return true;
        case 'w': f = Field::WeekdaySun0; return true;
        case 'u': f = Field::WeekdayMon1; return true;
        case 'U': f = Field::WeekSun; return true;
        case 'W': f = Field::WeekMon; return true;
        case 'V': f = Field::WeekIso; return true;
        default: return false;
    }
}

bool other_field(char c, Field& f) {
    switch (c) {
        case 'a': f = Field::WeekdayAbbr; return true;
        case 'A': f = Field::WeekdayFull; return true;
        case 'b': case 'h': f = Field::MonthAbbr; return true;
        case 'B': f = Field::MonthFull; return true;
        case 'p': f = Field::AmPm; return true;
        case 'P': f = Field::AmPmLower; return true;
        case 's': f = Field::Epoch; return true;
        case 'z': f = Field::Offset; return true;
        case 'Z': f = Field::ZoneName; return true;
        default: return false;
    }
}

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

void put2(std::string& out, int v) { out.append(kDigitPairs + 2 * v, 2); }

void put_int(std::string& out, int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// `v` >= 0 written in at least `width` characters, padded with `pad` (0 = none).
void put_padded(std::string& out, int v, int width, char pad) {
    if (width == 2 && pad == '0' && v < 100) return put2(out, v);
    char buf[12];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    const int len = static_cast<int>(r.ptr - buf);
    if (pad != 0 && len < width) out.append(static_cast<size_t>(width - len), pad);
    out.append(buf, r.ptr);
}

char effective_pad(char flag, char fallback) {
    switch (flag) {
        case '-': return 0;
        case '_': return ' ';
        case '0': return '0';
        default: return fallback;
    }
}

}  // namespace

TimeFormat::TimeFormat(std::string_view fmt) : pattern_(fmt) {
    compile(fmt, 0);
    // The minute table needs every second-dependent field at a fixed width.
    size_t patches = 0;
    for (const Op& op : ops_) {
        if (op.field == Field::Second && effective_pad(op.pad, '0') == 0) minute_cacheable_ = false;
        if (op.field == Field::Second || op.field == Field::Epoch || op.field == Field::Micro) ++patches;
    }
    if (patches > kMaxPatches) minute_cacheable_ = false;
    // Bounds each field's text: a field below 100 (month, day, hour, minute, second,
    // week) takes 2 characters, the day of the year 3, a weekday number 1, any other
    // number at most an int64's 20 (padding is narrower); a name its table's longest.
    const auto longest = [](const auto& names) {
        size_t n = 0;
        for (std::string_view name : names) n = std::max(n, name.size());
        return n;
    };
    size_t most = 0;
    for (const Op& op : ops_) {
        switch (op.field) {
            case Field::Literal: most += op.lit_len; break;
            case Field::ZoneName: return;  // the zone's own names: max_size_ stays 0
            case Field::WeekdayAbbr: case Field::MonthAbbr: most += 3; break;
            case Field::WeekdayFull: most += longest(kWeekdayNames); break;
            case Field::MonthFull: most += longest(kMonthNames); break;
            case Field::AmPm: case Field::AmPmLower: most += 2; break;
            case Field::Micro: most += 6; break;
            case Field::Year2: case Field::IsoYear2: case Field::Month: case Field::Day: case Field::DaySpace:
            case Field::Hour: case Field::HourSpace: case Field::Hour12: case Field::Hour12Space:
            case Field::Minute: case Field::Second: case Field::WeekSun: case Field::WeekMon:
            case Field::WeekIso: most += 2; break;
            case Field::YearDay: most += 3; break;
            case Field::WeekdaySun0: case Field::WeekdayMon1: most += 1; break;
            case Field::Offset: most += 1 + 11 + 2; break;  // sign, hours (an int), minutes
            default: most += 20; break;
        }
    }
    max_size_ = most;
}

void TimeFormat::add_literal(std::string_view text) {
    if (text.empty()) return;
    // Adjacent literals become one op, so "%%" or composites don't fragment output.
    if (!ops_.empty() && ops_.back().field == Field::Literal &&
        ops_.back().lit_pos + ops_.back().lit_len == literals_.size()) {
        ops_.back().lit_len += static_cast<uint32_t>(text.size());
    } else {
        Op op;
        op.lit_pos = static_cast<uint32_t>(literals_.size());
        op.lit_len = static_cast<uint32_t>(text.size());
        ops_.push_back(op);
    }
    literals_.append(text);
}

void TimeFormat::compile(std::string_view fmt, int depth) {
    size_t i = 0;
    while (i < fmt.size()) {
        const size_t pct = fmt.find('%', i);
        add_literal(fmt.substr(i, pct == std::string_view::npos ? pct : pct - i));
        if (pct == std::string_view::npos) break;
        size_t j = pct + 1;
        char flag = 0;
        bool modifier = false;
        if (j < fmt.size() && (fmt[j] == '-' || fmt[j] == '_' || fmt[j] == '0')) flag = fmt[j++];
        if (j < fmt.size() && (fmt[j] == 'E' || fmt[j] == 'O')) {
            modifier = true;
            ++j;
        }
        if (j >= fmt.size()) {  // dangling '%...' is printed as is
            add_literal(fmt.substr(pct));
            break;
        }
        const char c = fmt[j];
        const std::string_view whole = fmt.substr(pct, j + 1 - pct);
        i = j + 1;
        Field f;
        if (numeric_field(c, f) || other_field(c, f)) {
            Op op;
            op.field = f;
            op.pad = flag;
            ops_.push_back(op);
        } else if (!expansion(c).empty() && depth == 0) {
            compile(expansion(c), depth + 1);
        } else if (c == 'f' && flag == 0 && !modifier) {
            Op op;
            op.field = Field::Micro;
            ops_.push_back(op);
            uses_subseconds_ = true;
        } else if (c == '%' && !modifier) {
            add_literal("%");
        } else if ((c == 'n' || c == 't') && !modifier) {
            add_literal(c == 'n' ? "\n" : "\t");
        } else {
            add_literal(whole);  // unknown: glibc copies it
        }
    }
}

namespace {

constexpr uint16_t kUncacheable = UINT16_MAX;  // a minute the table cannot serve exactly
constexpr size_t kFirstSlots = 64, kMaxSlots = 1024, kMaxStride = 512;

// Out of line: kept out of the minute table's hit path, which the compiler would
// otherwise fill with these digit loops for every call, needed or not.
[[gnu::noinline]] void put_micro(char* at, int us) {
    for (int k = 5; k >= 0; --k, us /= 10) at[k] = static_cast<char>('0' + us % 10);
}

[[gnu::noinline]] void put_epoch(char* at, int64_t second, size_t width) {
    char buf[24];
    std::to_chars(buf, buf + sizeof buf, second);
    std::memcpy(at, buf, width);
}

// floor_div for a constant divisor, cheaper for the times after 1970 nearly every
// event has: an unsigned division by a constant is a multiply and a shift.
inline int64_t floor_div_after_1970(int64_t a, int64_t b) {
    if (a >= 0) return static_cast<int64_t>(static_cast<uint64_t>(a) / static_cast<uint64_t>(b));
    return floor_div(a, b);
}

int digit_count(int64_t v) {
    int n = 1;
    for (; v >= 10; v /= 10) ++n;
    return n;
}

}  // namespace

void TimeFormat::append(TimeUs t, const TimeZone& tz, std::string& out) const {
    const int64_t second = floor_div(t, kUsPerSecond);
    if (minute_cacheable_ && append_from_minute(second, t, tz, out)) return;
    append_second(second, t, tz, out);
}

// Inline, as patch_minute: both run for every timestamp.
inline long TimeFormat::minute_slot(int64_t second, const TimeZone& tz) const {
    const int64_t minute = floor_div_after_1970(second, 60);
    const size_t index = static_cast<uint64_t>(minute) & minute_mask_;
    const bool hit = !minutes_.empty() && minutes_[index].minute == minute && tz == minutes_zone_ &&
                     (!tz.is_local() || TimeZone::local_rules_generation() == minutes_generation_);
    if (!hit) return fill_slot(minute, tz);
    if (minutes_[index].len == kUncacheable) return -1;  // a hit on a minute the table cannot serve
    return static_cast<long>(index);
}

// A %S or %f patch of a minute's text, with no call: `sec` is the second in the
// minute, `us` the microseconds in the second (six digits, as put_micro writes them).
inline void TimeFormat::patch_second_or_micro(const Patch& patch, char* p, unsigned sec, unsigned us) {
    char* at = p + patch.pos;
    if (patch.kind == kPatchSecond) {
        if (patch.width == 1 && sec < 10) {
            at[0] = ' ';
            at[1] = static_cast<char>('0' + sec);
        } else {
            std::memcpy(at, kDigitPairs + 2 * sec, 2);
        }
        return;
    }
    std::memcpy(at, kDigitPairs + 2 * (us / 10000), 2);
    std::memcpy(at + 2, kDigitPairs + 2 * (us / 100 % 100), 2);
    std::memcpy(at + 4, kDigitPairs + 2 * (us % 100), 2);
}

// Inline: it runs for every timestamp the minute table serves.
inline void TimeFormat::patch_minute(const MinuteSlot& slot, char* p, int64_t second, TimeUs t) const {
    const auto sec = static_cast<unsigned>(second - slot.minute * 60);
    const auto us = static_cast<unsigned>(t - second * kUsPerSecond);
    for (uint8_t k = 0; k < slot.patches; ++k) {
        const Patch& patch = slot.patch[k];
        if (patch.kind == kPatchEpoch)
            put_epoch(p + patch.pos, second, patch.width);
        else
            patch_second_or_micro(patch, p, sec, us);
    }
}

// Slots are at least 32 bytes wide and `p` has 16 bytes of slack: short text goes as
// whole 16-byte blocks.
inline void TimeFormat::copy_slot_text(const MinuteSlot& slot, size_t index, char* p) const {
    const char* text = &minute_text_[index * stride_];
    if (slot.len <= 16) {
        std::memcpy(p, text, 16);
    } else if (slot.len <= 32) {
        std::memcpy(p, text, 32);
    } else {
        std::memcpy(p, text, slot.len);
    }
}

// The path of nearly every timestamp: a time after 1970 in a minute the table holds,
// with no %s. It makes no call, so it saves no registers; anything else is write_miss.
char* TimeFormat::write(TimeUs t, const TimeZone& tz, char* p) const {
    if (t >= 0 && !minutes_.empty()) {
        const uint64_t second = static_cast<uint64_t>(t) / kUsPerSecond;
        const uint64_t minute = second / 60;
        const size_t index = minute & minute_mask_;
        const MinuteSlot& slot = minutes_[index];
        if (slot.minute == static_cast<int64_t>(minute) && slot.len != kUncacheable && !slot.epoch &&
            tz == minutes_zone_ && (!tz.is_local() || TimeZone::local_rules_generation() == minutes_generation_)) {
            copy_slot_text(slot, index, p);
            const auto sec = static_cast<unsigned>(second - minute * 60);
            const auto us = static_cast<unsigned>(static_cast<uint64_t>(t) - second * kUsPerSecond);
            for (uint8_t k = 0; k < slot.patches; ++k) patch_second_or_micro(slot.patch[k], p, sec, us);
            return p + slot.len;
        }
    }
    return write_miss(t, tz, p);
}

char* TimeFormat::write_miss(TimeUs t, const TimeZone& tz, char* p) const {
    const int64_t second = floor_div_after_1970(t, kUsPerSecond);
    if (minute_cacheable_) {
        const long index = minute_slot(second, tz);
        if (index >= 0) {
            const MinuteSlot& slot = minutes_[static_cast<size_t>(index)];
            copy_slot_text(slot, static_cast<size_t>(index), p);
            patch_minute(slot, p, second, t);
            return p + slot.len;
        }
    }
    return write_second(second, t, tz, p);
}

// The one-second cache, for formats and minutes the minute table does not serve.
void TimeFormat::refresh_second(int64_t second, const TimeZone& tz) const {
    const uint64_t generation = tz.is_local() ? TimeZone::local_rules_generation() : 0;
    if (second != cached_second_ || !(tz == cached_zone_) || generation != cached_generation_) {
        render(second * kUsPerSecond, tz);
        cached_second_ = second;
        cached_zone_ = tz;
        cached_generation_ = generation;
    }
}

void TimeFormat::append_second(int64_t second, TimeUs t, const TimeZone& tz, std::string& out) const {
    refresh_second(second, tz);
    const size_t base = out.size();
    out.append(cached_text_);
    patch_micro(out.data() + base, second, t);
}

char* TimeFormat::write_second(int64_t second, TimeUs t, const TimeZone& tz, char* p) const {
    refresh_second(second, tz);
    std::memcpy(p, cached_text_.data(), cached_text_.size());
    patch_micro(p, second, t);
    return p + cached_text_.size();
}

// %f into a copy of cached_text_.
void TimeFormat::patch_micro(char* p, int64_t second, TimeUs t) const {
    if (!uses_subseconds_) return;
    char digits[6];
    put_micro(digits, static_cast<int>(t - second * kUsPerSecond));
    for (const Patch& patch : patches_)
        if (patch.kind == kPatchMicro) std::memcpy(p + patch.pos, digits, 6);
}

void TimeFormat::reset_minutes(size_t slots, size_t stride) const {
    minutes_.assign(slots, MinuteSlot{});
    minute_text_.assign(slots * stride, '\0');
    stride_ = stride;
    minute_mask_ = slots - 1;
}

// Formats the first second of `minute` into its slot; false when the minute cannot
// be served from the table (the slot then says so).
bool TimeFormat::fill_minute(MinuteSlot& slot, char* text, int64_t minute, const TimeZone& tz) const {
    const int64_t first = minute * 60;
    const int offset = render(first * kUsPerSecond, tz);
    // cached_text_ now holds that second: the one-second cache may use it too.
    cached_second_ = first;
    cached_zone_ = tz;
    cached_generation_ = minutes_generation_;
    slot.minute = minute;
    slot.stamp = fills_;
    slot.len = kUncacheable;
    // A zone offset of whole minutes keeps the wall minute for the whole UTC minute
    // (local offsets are looked up per minute, so they hold for all of it).
    if (offset % 60 != 0 || cached_text_.size() > stride_) return false;
    for (const Patch& p : patches_)
        if (p.kind == kPatchEpoch && (first < 0 || digit_count(first + 59) != p.width)) return false;
    std::memcpy(text, cached_text_.data(), cached_text_.size());
    slot.len = static_cast<uint16_t>(cached_text_.size());
    slot.patches = static_cast<uint8_t>(patches_.size());
    slot.epoch = std::any_of(patches_.begin(), patches_.end(), [](const Patch& p) { return p.kind == kPatchEpoch; });
    std::copy(patches_.begin(), patches_.end(), slot.patch);
    return true;
}

// A lookup that missed: fills the minute's slot (growing or widening the table when
// needed); its index, or -1 when the minute is not served from the table.
long TimeFormat::fill_slot(int64_t minute, const TimeZone& tz) const {
    const uint64_t generation = tz.is_local() ? TimeZone::local_rules_generation() : 0;
    if (minutes_.empty() || !(tz == minutes_zone_) || generation != minutes_generation_) {
        reset_minutes(minutes_.empty() ? kFirstSlots : minutes_.size(), stride_ ? stride_ : 32);
        minutes_zone_ = tz;
        minutes_generation_ = generation;
    }
    size_t index = static_cast<uint64_t>(minute) & (minutes_.size() - 1);
    if (minutes_[index].minute == minute) return minutes_[index].len == kUncacheable ? -1 : static_cast<long>(index);
    // Evicting a minute filled only a few fills ago means the window spans more
    // minutes than the table holds (a window moving on evicts old minutes only):
    // when that is common, grow the table.
    const size_t slots = minutes_.size();
    if (minutes_[index].minute != INT64_MIN && fills_ - minutes_[index].stamp < slots / 2) ++thrash_;
    if (++fills_ % (8 * slots) == 0) {
        if (thrash_ > slots && slots < kMaxSlots) {
            reset_minutes(slots * 4, stride_);
            index = static_cast<uint64_t>(minute) & (minutes_.size() - 1);
        }
        thrash_ = 0;
    }
    if (!fill_minute(minutes_[index], &minute_text_[index * stride_], minute, tz)) {
        if (cached_text_.size() <= stride_ || cached_text_.size() > kMaxStride) return -1;
        // Longer text than the slots hold: widen them and try again.
        reset_minutes(minutes_.size(), (cached_text_.size() + 15) / 16 * 16);
        if (!fill_minute(minutes_[index], &minute_text_[index * stride_], minute, tz)) return -1;
    }
    return static_cast<long>(index);
}

bool TimeFormat::append_from_minute(int64_t second, TimeUs t, const TimeZone& tz, std::string& out) const {
    const long index = minute_slot(second, tz);
    if (index < 0) return false;
    const MinuteSlot& slot = minutes_[static_cast<size_t>(index)];
    const size_t base = out.size();
    out.append(&minute_text_[static_cast<size_t>(index) * stride_], slot.len);
    patch_minute(slot, out.data() + base, second, t);
    return true;
}

// Formats a whole second into cached_text_, leaving zeros where %f goes, and notes
// where the second-dependent fields are.
int TimeFormat::render(TimeUs t, const TimeZone& tz) const {
    const CivilTime c = to_civil(t, tz);
    std::string& out = cached_text_;
    out.clear();
    patches_.clear();
    const auto note = [&](uint8_t kind, size_t from, uint8_t width) {
        patches_.push_back(Patch{static_cast<uint16_t>(from), kind, width});
    };
    const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    for (const Op& op : ops_) {
        // Numeric fields: value, default width and default padding.
        const auto num = [&](int64_t v, int width, char pad) {
            put_padded(out, static_cast<int>(v), width, effective_pad(op.pad, pad));
        };
        switch (op.field) {
            case Field::Literal: out.append(literals_, op.lit_pos, op.lit_len); break;
            case Field::Year: put_int(out, c.year); break;
            case Field::Century: put_int(out, floor_div(c.year, 100)); break;
            case Field::Year2: num(floor_mod(c.year, 100), 2, '0'); break;
            case Field::IsoYear: put_int(out, iso_week_of(c).year); break;
            case Field::IsoYear2: num(floor_mod(iso_week_of(c).year, 100), 2, '0'); break;
            case Field::Month: num(c.month, 2, '0'); break;
            case Field::Day: num(c.day, 2, '0'); break;
            case Field::DaySpace: num(c.day, 2, ' '); break;
            case Field::Hour: num(c.hour, 2, '0'); break;
            case Field::HourSpace: num(c.hour, 2, ' '); break;
            case Field::Hour12: num(hour12, 2, '0'); break;
            case Field::Hour12Space: num(hour12, 2, ' '); break;
            case Field::Minute: num(c.minute, 2, '0'); break;
            case Field::Second: {
                const char pad = effective_pad(op.pad, '0');
                if (pad != 0) note(kPatchSecond, out.size(), pad == ' ' ? 1 : 0);
                num(c.second, 2, '0');
                break;
            }
            case Field::Micro:
                note(kPatchMicro, out.size(), 6);
                out.append(6, '0');
                break;
            case Field::YearDay: num(c.yearday, 3, '0'); break;
            case Field::WeekdaySun0: num(c.weekday, 1, '0'); break;
            case Field::WeekdayMon1: num(c.weekday == 0 ? 7 : c.weekday, 1, '0'); break;
            case Field::WeekSun: num((c.yearday + 6 - c.weekday) / 7, 2, '0'); break;
            case Field::WeekMon: num((c.yearday + 6 - (c.weekday + 6) % 7) / 7, 2, '0'); break;
            case Field::WeekIso: num(iso_week_of(c).week, 2, '0'); break;
            case Field::AmPm: out.append(c.hour < 12 ? "AM" : "PM", 2); break;
            case Field::AmPmLower: out.append(c.hour < 12 ? "am" : "pm", 2); break;
            case Field::WeekdayAbbr: out.append(abbreviation(kWeekdayNames[c.weekday])); break;
            case Field::WeekdayFull: out.append(kWeekdayNames[c.weekday]); break;
            case Field::MonthAbbr: out.append(abbreviation(kMonthNames[c.month - 1])); break;
            case Field::MonthFull: out.append(kMonthNames[c.month - 1]); break;
            case Field::Epoch: {
                const size_t from = out.size();
                put_int(out, floor_div(t, kUsPerSecond));
                note(kPatchEpoch, from, static_cast<uint8_t>(out.size() - from));
                break;
            }
            case Field::Offset: {
                const int a = c.offset_seconds < 0 ? -c.offset_seconds : c.offset_seconds;
                out.push_back(c.offset_seconds < 0 ? '-' : '+');
                put_padded(out, a / 3600, 2, '0');
                put2(out, a / 60 % 60);
                break;
            }
            case Field::ZoneName: out.append(tz.abbreviation_at(floor_div(t, kUsPerSecond))); break;
        }
    }
    return c.offset_seconds;
}

}  // namespace eventgen
