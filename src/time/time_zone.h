#pragma once
// Time zones as Eventgen needs them: the process's local zone (with its DST rules)
// or a fixed offset from UTC.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "time/time_types.h"

namespace eventgen {

class TimeZone {
public:
    static TimeZone local() { return TimeZone(Kind::Local, 0); }
    static TimeZone utc() { return TimeZone(Kind::Fixed, 0); }
    // |offset_seconds| must be below one day (std::invalid_argument otherwise).
    static TimeZone fixed(int offset_seconds);
    // "local", "utc"/"gmt"/"z" (any case), "+hhmm", "-hhmm", "+hh:mm", "+hh", and the
    // same without a sign (meaning +). Throws std::invalid_argument otherwise.
    static TimeZone parse(std::string_view text);

    // Seconds east of UTC in force at the given instant.
    int offset_at(int64_t epoch_seconds) const {
        return kind_ == Kind::Local ? local_offset_at(epoch_seconds) : offset_;
    }
    // "EST"/"EDT"-style name for local, "UTC" for offset 0, else "+hhmm".
    std::string abbreviation_at(int64_t epoch_seconds) const;
    bool is_local() const { return kind_ == Kind::Local; }
    // The fixed offset; meaningless for the local zone.
    int fixed_offset() const { return offset_; }

    bool operator==(const TimeZone& o) const { return kind_ == o.kind_ && offset_ == o.offset_; }

    // Re-reads the TZ environment variable (tzset) and drops cached local offsets in
    // every thread. Call after changing TZ; offsets are cached per minute otherwise.
    static void reload_local_rules();
    // Bumped by reload_local_rules(); lets other caches notice a rule change. Inline:
    // formatting checks it for every local time it serves from a cache.
    static uint64_t local_rules_generation() { return local_generation_.load(std::memory_order_relaxed); }

private:
    enum class Kind : uint8_t { Local, Fixed };
    TimeZone(Kind k, int offset) : kind_(k), offset_(offset) {}
    static int local_offset_at(int64_t epoch_seconds);
    // Starts at 1 so a zero-initialised cache entry never looks current.
    static inline std::atomic<uint64_t> local_generation_{1};

    Kind kind_;
    int offset_;
};

// Breaks an instant down into wall-clock fields in the zone.
CivilTime to_civil(TimeUs t, const TimeZone& tz);

// The instant shown as the given wall-clock time in the zone (weekday, yearday and
// offset_seconds of `c` are ignored; month may be out of range and is carried into
// the year; day/hour/minute/second may overflow and carry naturally). For the local
// zone a time in a DST gap is read with the offset in force before the gap (so it
// lands after the gap, as mktime with tm_isdst = -1 does) and a repeated time picks
// the earlier instant (Python's fold=0; glibc's choice there depends on history).
TimeUs from_civil(const CivilTime& c, const TimeZone& tz);

}  // namespace eventgen
