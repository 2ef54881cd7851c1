#include "time/time_zone.h"

#include <atomic>
#include <cctype>
#include <climits>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace eventgen {
namespace {

struct LocalEntry {
    int64_t minute = INT64_MIN;
    uint64_t generation = 0;
    int offset = 0;
    char abbr[16] = {};
};

// localtime_r takes a lock and walks the zone's transitions, far too slow per
// event. Offsets only change on whole minutes in practice, so remember them per
// minute; a small direct-mapped table also serves times that jump back and forth.
const LocalEntry& local_entry(int64_t epoch_seconds) {
    constexpr int kSlots = 64;
    thread_local LocalEntry cache[kSlots];
    const int64_t minute = floor_div(epoch_seconds, 60);
    const uint64_t gen = TimeZone::local_rules_generation();
    LocalEntry& e = cache[static_cast<uint64_t>(minute) % kSlots];
    if (e.minute == minute && e.generation == gen) return e;

    const time_t tt = static_cast<time_t>(minute * 60);
    struct tm tmv {};
    e.minute = minute;
    e.generation = gen;
    if (localtime_r(&tt, &tmv) != nullptr) {
        e.offset = static_cast<int>(tmv.tm_gmtoff);
        const char* zone = tmv.tm_zone != nullptr ? tmv.tm_zone : "";
        std::strncpy(e.abbr, zone, sizeof e.abbr - 1);
        e.abbr[sizeof e.abbr - 1] = '\0';
    } else {
        e.offset = 0;  // out of libc's range: treat as UTC rather than fail per event
        std::strcpy(e.abbr, "UTC");
    }
    return e;
}

std::string offset_name(int offset) {
    const char sign = offset < 0 ? '-' : '+';
    const int a = offset < 0 ? -offset : offset;
    const int hh = a / 3600;
    const int mm = a / 60 % 60;
    std::string s(1, sign);
    s += static_cast<char>('0' + hh / 10 % 10);
    s += static_cast<char>('0' + hh % 10);
    s += static_cast<char>('0' + mm / 10);
    s += static_cast<char>('0' + mm % 10);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
    return true;
}

bool two_digits(std::string_view s, size_t at, int& out) {
    if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
        !std::isdigit(static_cast<unsigned char>(s[at + 1])))
        return false;
    out = (s[at] - '0') * 10 + (s[at + 1] - '0');
    return true;
}

// Seconds east of UTC for "[+-]hh", "[+-]hhmm" or "[+-]hh:mm"; false if malformed.
bool parse_offset(std::string_view s, int& offset) {
    int sign = 1;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        sign = s[0] == '-' ? -1 : 1;
        s.remove_prefix(1);
    }
    int hh = 0, mm = 0;
    if (!two_digits(s, 0, hh)) return false;
    if (s.size() == 4) {
        if (!two_digits(s, 2, mm)) return false;
    } else if (s.size() == 5) {
        if (s[2] != ':' || !two_digits(s, 3, mm)) return false;
    } else if (s.size() != 2) {
        return false;
    }
    if (hh > 23 || mm > 59) return false;
    offset = sign * (hh * 3600 + mm * 60);
    return true;
}

int64_t local_seconds(const CivilTime& c) {
    const int64_t y = c.year + floor_div(c.month - 1, 12);
    const int m = static_cast<int>(floor_mod(c.month - 1, 12)) + 1;
    const int64_t days = days_from_civil(y, m, 1) + c.day - 1;
    return days * kSecondsPerDay + c.hour * int64_t{3600} + c.minute * int64_t{60} + c.second;
}

// UTC seconds shown as wall time `wall` in the local zone. No zone changes its
// offset twice within two days, so the offsets a day either side are the only
// candidates.
int64_t local_wall_to_utc(int64_t wall, const TimeZone& tz) {
    const int before = tz.offset_at(wall - kSecondsPerDay);
    const int after = tz.offset_at(wall + kSecondsPerDay);
    const int64_t t_before = wall - before;
    if (before == after) return t_before;
    const int64_t t_after = wall - after;
    const bool before_ok = tz.offset_at(t_before) == before;
    const bool after_ok = tz.offset_at(t_after) == after;
    if (before_ok && after_ok) return t_before < t_after ? t_before : t_after;
    if (after_ok) return t_after;
    return t_before;  // valid, or in a gap: the pre-gap offset moves it past the gap
}

}  // namespace

TimeZone TimeZone::fixed(int offset_seconds) {
    if (offset_seconds <= -kSecondsPerDay || offset_seconds >= kSecondsPerDay)
        throw std::invalid_argument("time zone offset out of range: " +
                                    std::to_string(offset_seconds) + " seconds");
    return TimeZone(Kind::Fixed, offset_seconds);
}

TimeZone TimeZone::parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    if (iequals(s, "local")) return local();
    if (iequals(s, "utc") || iequals(s, "gmt") || iequals(s, "z")) return utc();
    int offset = 0;
    if (parse_offset(s, offset)) return fixed(offset);
    throw std::invalid_argument("invalid time zone '" + std::string(text) +
                                "': expected local, utc or an offset like +hhmm, -hh:mm");
}

std::string TimeZone::abbreviation_at(int64_t epoch_seconds) const {
    if (kind_ == Kind::Local) {
        const LocalEntry& e = local_entry(epoch_seconds);
        return e.abbr[0] != '\0' ? std::string(e.abbr) : offset_name(e.offset);
    }
    return offset_ == 0 ? std::string("UTC") : offset_name(offset_);
}

int TimeZone::local_offset_at(int64_t epoch_seconds) { return local_entry(epoch_seconds).offset; }

void TimeZone::reload_local_rules() {
    tzset();
    local_generation_.fetch_add(1, std::memory_order_relaxed);
}


CivilTime to_civil(TimeUs t, const TimeZone& tz) {
    const int64_t secs = floor_div(t, kUsPerSecond);
    CivilTime c;
    c.microsecond = static_cast<int>(t - secs * kUsPerSecond);
    c.offset_seconds = tz.offset_at(secs);
    const int64_t wall = secs + c.offset_seconds;
    const int64_t days = floor_div(wall, kSecondsPerDay);
    const int sod = static_cast<int>(wall - days * kSecondsPerDay);
    c.hour = sod / 3600;
    c.minute = sod / 60 % 60;
    c.second = sod % 60;
    // Events of one run fall on few days: remember the last day's calendar date.
    thread_local int64_t cached_days = INT64_MIN;
    thread_local CivilDate cached_date{};
    if (days != cached_days) {
        cached_date = civil_from_days(days);
        cached_days = days;
    }
    const CivilDate& d = cached_date;
    c.year = static_cast<int>(d.year);
    c.month = d.month;
    c.day = d.day;
    c.weekday = weekday_from_days(days);
    c.yearday = d.yearday;
    return c;
}

TimeUs from_civil(const CivilTime& c, const TimeZone& tz) {
    const int64_t wall = local_seconds(c);
    const int64_t secs = tz.is_local() ? local_wall_to_utc(wall, tz) : wall - tz.fixed_offset();
    return secs * kUsPerSecond + c.microsecond;
}

}  // namespace eventgen
