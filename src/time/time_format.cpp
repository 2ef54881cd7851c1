#include "time/time_format.h"

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

TimeFormat::TimeFormat(std::string_view fmt) : pattern_(fmt) { compile(fmt, 0); }

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

void TimeFormat::append(TimeUs t, const TimeZone& tz, std::string& out) const {
    const int64_t second = floor_div(t, kUsPerSecond);
    const uint64_t generation = tz.is_local() ? TimeZone::local_rules_generation() : 0;
    if (second != cached_second_ || !(tz == cached_zone_) || generation != cached_generation_) {
        render(second * kUsPerSecond, tz);
        cached_second_ = second;
        cached_zone_ = tz;
        cached_generation_ = generation;
    }
    const size_t base = out.size();
    out.append(cached_text_);
    if (micro_positions_.empty()) return;
    int us = static_cast<int>(t - second * kUsPerSecond);
    char digits[6];
    for (int k = 5; k >= 0; --k, us /= 10) digits[k] = static_cast<char>('0' + us % 10);
    for (uint32_t pos : micro_positions_) std::memcpy(&out[base + pos], digits, 6);
}

// Formats a whole second into cached_text_, leaving zeros where %f goes.
void TimeFormat::render(TimeUs t, const TimeZone& tz) const {
    const CivilTime c = to_civil(t, tz);
    std::string& out = cached_text_;
    out.clear();
    micro_positions_.clear();
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
            case Field::Second: num(c.second, 2, '0'); break;
            case Field::Micro:
                micro_positions_.push_back(static_cast<uint32_t>(out.size()));
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
            case Field::Epoch: put_int(out, floor_div(t, kUsPerSecond)); break;
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
}

}  // namespace eventgen
