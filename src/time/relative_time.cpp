#include "time/relative_time.h"

#include "time/time_parse.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

namespace eventgen {
namespace {

enum class Unit { Us, Ms, Second, Minute, Hour, Day, Week, Month, Quarter, Year, Weekday };

struct Term {
    bool snap = false;
    int64_t amount = 0;  // signed count for offsets
    Unit unit = Unit::Second;
    int weekday = 0;  // for Unit::Weekday, 0 = Sunday
};

// Large enough for any sensible setting, small enough that no arithmetic overflows.
constexpr int64_t kMaxAmount = 1'000'000;
constexpr TimeUs kMinTime = days_from_civil(1, 1, 1) * kSecondsPerDay * kUsPerSecond;
constexpr TimeUs kMaxTime = days_from_civil(10000, 1, 1) * kSecondsPerDay * kUsPerSecond - 1;

std::optional<Unit> unit_named(std::string_view name) {
    struct Entry {
        std::string_view name;
        Unit unit;
    };
    static constexpr Entry kUnits[] = {
        {"us", Unit::Us}, {"ms", Unit::Ms},
        {"s", Unit::Second}, {"sec", Unit::Second}, {"secs", Unit::Second},
        {"second", Unit::Second}, {"seconds", Unit::Second},
        {"m", Unit::Minute}, {"min", Unit::Minute}, {"mins", Unit::Minute},
        {"minute", Unit::Minute}, {"minutes", Unit::Minute},
        {"h", Unit::Hour}, {"hr", Unit::Hour}, {"hrs", Unit::Hour},
        {"hour", Unit::Hour}, {"hours", Unit::Hour},
        {"d", Unit::Day}, {"day", Unit::Day}, {"days", Unit::Day},
        {"w", Unit::Week}, {"week", Unit::Week}, {"weeks", Unit::Week},
        {"mon", Unit::Month}, {"month", Unit::Month}, {"months", Unit::Month},
        {"q", Unit::Quarter}, {"qtr", Unit::Quarter}, {"qtrs", Unit::Quarter},
        {"quarter", Unit::Quarter}, {"quarters", Unit::Quarter},
        {"y", Unit::Year}, {"yr", Unit::Year}, {"yrs", Unit::Year},
        {"year", Unit::Year}, {"years", Unit::Year},
    };
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& e : kUnits)
        if (e.name == lower) return e.unit;
    return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(std::string_view spec, const std::string& why) {
    throw std::invalid_argument("invalid relative time '" + std::string(spec) + "': " + why);
}

// "now", an absolute epoch, or nullopt when `s` is a chain of terms.
std::optional<TimeUs> parse_absolute(std::string_view s, std::string_view spec, TimeUs now) {
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "now") return now;
    const size_t int_len = std::find_if_not(s.begin(), s.end(), is_digit) - s.begin();
    if (int_len == 0) return std::nullopt;
    const bool decimal = int_len < s.size() && s[int_len] == '.' &&
                         std::all_of(s.begin() + int_len + 1, s.end(), is_digit);
    if (!decimal) {
        if (int_len < s.size()) return std::nullopt;  // e.g. "30s": not absolute
        if (int_len < 9) fail(spec, "a bare number must be an epoch time of 9+ digits");
    }
    if (int_len > 12) fail(spec, "epoch time out of range");
    int64_t secs = 0;
    for (size_t i = 0; i < int_len; ++i) secs = secs * 10 + (s[i] - '0');
    int64_t us = 0;
    int64_t scale = 100'000;
    for (size_t i = int_len + 1; i < s.size() && scale > 0; ++i, scale /= 10)
        us += (s[i] - '0') * scale;
    const TimeUs t = secs * kUsPerSecond + us;
    if (t > kMaxTime) fail(spec, "epoch time out of range");
    return t;
}

std::vector<Term> parse_terms(std::string_view s, std::string_view spec) {
    std::vector<Term> terms;
    size_t i = 0;
    while (i < s.size()) {
        Term term;
        const char lead = s[i];
        if (lead != '+' && lead != '-' && lead != '@')
            fail(spec, "expected '+', '-' or '@' at '" + std::string(s.substr(i)) + "'");
        term.snap = lead == '@';
        ++i;
        if (!term.snap) {
            const size_t start = i;
            int64_t n = 0;
            while (i < s.size() && is_digit(s[i])) {
                n = n * 10 + (s[i] - '0');
                if (n > kMaxAmount) fail(spec, "amount too large");
                ++i;
            }
            term.amount = (i == start ? 1 : n) * (lead == '-' ? -1 : 1);
        }
        const size_t ustart = i;
        while (i < s.size() && is_alpha(s[i])) ++i;
        const std::string_view uname = s.substr(ustart, i - ustart);
        if (uname.empty()) fail(spec, "missing time unit after '" + std::string(1, lead) + "'");
        const bool week_letter = uname == "w" || uname == "W";
        if (term.snap && week_letter && i < s.size() && is_digit(s[i])) {
            const int wd = s[i] - '0';
            ++i;
            if (wd > 7 || (i < s.size() && is_digit(s[i])))
                fail(spec, "weekday snap must be @w0 to @w7");
            term.unit = Unit::Weekday;
            term.weekday = wd % 7;
        } else {
            const auto unit = unit_named(uname);
            if (!unit) fail(spec, "unknown time unit '" + std::string(uname) + "'");
            term.unit = *unit;
        }
        terms.push_back(term);
    }
    if (terms.empty()) fail(spec, "empty time specification");
    return terms;
}

TimeUs snap(TimeUs t, const Term& term, const TimeZone& tz) {
    switch (term.unit) {
        case Unit::Us: return t;
        case Unit::Ms: return t - floor_mod(t, 1000);
        case Unit::Second: return t - floor_mod(t, kUsPerSecond);
        default: break;
    }
    CivilTime c = to_civil(t, tz);
    // Within an hour subtracting the wall-clock remainder is exact and keeps the
    // instant on the right side of a repeated (DST fall-back) hour.
    const int64_t in_minute = c.second * kUsPerSecond + c.microsecond;
    if (term.unit == Unit::Minute) return t - in_minute;
    if (term.unit == Unit::Hour) return t - in_minute - c.minute * 60 * kUsPerSecond;
    c.hour = c.minute = c.second = c.microsecond = 0;
    switch (term.unit) {
        case Unit::Week: c.day -= c.weekday; break;
        case Unit::Weekday: c.day -= (c.weekday - term.weekday + 7) % 7; break;
        case Unit::Month: c.day = 1; break;
        case Unit::Quarter:
            c.day = 1;
            c.month = (c.month - 1) / 3 * 3 + 1;
            break;
        case Unit::Year:
            c.day = 1;
            c.month = 1;
            break;
        default: break;  // Day
    }
    return from_civil(c, tz);
}

TimeUs shift(TimeUs t, const Term& term, const TimeZone& tz) {
    const int64_t n = term.amount;
    switch (term.unit) {
        case Unit::Us: return t + n;
        case Unit::Ms: return t + n * 1000;
        case Unit::Second: return t + n * kUsPerSecond;
        case Unit::Minute: return t + n * 60 * kUsPerSecond;
        case Unit::Hour: return t + n * 3600 * kUsPerSecond;
        default: break;
    }
    CivilTime c = to_civil(t, tz);
    if (term.unit == Unit::Day || term.unit == Unit::Week) {
        c.day += static_cast<int>(n * (term.unit == Unit::Week ? 7 : 1));
        return from_civil(c, tz);
    }
    const int64_t months = n * (term.unit == Unit::Year ? 12 : term.unit == Unit::Quarter ? 3 : 1);
    const int64_t total = c.year * int64_t{12} + (c.month - 1) + months;
    const int64_t year = floor_div(total, 12);
    if (year < 1 || year > 9999) return year < 1 ? kMinTime - 1 : kMaxTime + 1;
    c.year = static_cast<int>(year);
    c.month = static_cast<int>(total - year * 12) + 1;
    c.day = std::min(c.day, days_in_month(c.year, c.month));
    return from_civil(c, tz);
}

}  // namespace

TimeUs resolve_relative_time(std::string_view spec, TimeUs now, const TimeZone& tz) {
    const std::string_view s = trim(spec);
    if (s.empty()) fail(spec, "empty time specification");
    if (auto abs = parse_absolute(s, spec, now)) return *abs;
    TimeUs t = now;
    for (const Term& term : parse_terms(s, spec)) {
        if (t < kMinTime || t > kMaxTime) break;
        t = term.snap ? snap(t, term, tz) : shift(t, term, tz);
    }
    if (t < kMinTime || t > kMaxTime) fail(spec, "result is outside years 1-9999");
    return t;
}

bool is_relative_time(std::string_view spec) {
    const std::string_view s = trim(spec);
    if (s.empty()) return false;
    try {
        if (!parse_absolute(s, spec, 0)) parse_terms(s, spec);
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

std::optional<int64_t> parse_duration_seconds(std::string_view text) {
    std::string_view s = trim(text);
    int64_t sign = 1;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        sign = s[0] == '-' ? -1 : 1;
        s.remove_prefix(1);
    }
    size_t i = 0;
    int64_t n = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
        if (i >= 12) return std::nullopt;  // beyond any meaningful duration
        n = n * 10 + (s[i] - '0');
    }
    if (i == 0) return std::nullopt;
    const std::string_view uname = trim(s.substr(i));
    if (uname.empty()) return sign * n;
    const auto unit = unit_named(uname);
    if (!unit) return std::nullopt;
    switch (*unit) {
        case Unit::Second: return sign * n;
        case Unit::Minute: return sign * n * 60;
        case Unit::Hour: return sign * n * 3600;
        case Unit::Day: return sign * n * kSecondsPerDay;
        case Unit::Week: return sign * n * 7 * kSecondsPerDay;
        default: return std::nullopt;
    }
}

}  // namespace eventgen

namespace eventgen {

namespace {
const char* const kAbsoluteFormats[] = {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f",
                                        "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d"};
}  // namespace

std::optional<TimeUs> resolve_time_setting(std::string_view spec, TimeUs now, const TimeZone& tz) {
    if (is_relative_time(spec)) {
        try {
            return resolve_relative_time(spec, now, tz);
        } catch (const std::invalid_argument&) {
            return std::nullopt;
        }
    }
    for (const char* fmt : kAbsoluteFormats)
        if (auto t = parse_time(spec, fmt, tz)) return t;
    return std::nullopt;
}

bool is_time_setting(std::string_view spec) {
    if (is_relative_time(spec)) return true;
    for (const char* fmt : kAbsoluteFormats)
        if (parse_time(spec, fmt, TimeZone::utc())) return true;
    return false;
}

}  // namespace eventgen
