// The minute table of TimeFormat::append must print exactly what formatting each
// second afresh prints: checked against glibc's strftime (local zones, with DST
// changes, half-hour DST and offsets that are not whole minutes) and against the
// one-second path (a format with %-S never uses the table), with times in random
// order over windows from a minute to days, so slots are reused, collide and grow.
#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "common/rng.h"
#include "scoped_tz.h"
#include "time/time_format.h"

namespace eventgen {
namespace {

using testing::ScopedTz;

constexpr int64_t kUs = kUsPerSecond;

std::string libc_format(const std::string& pattern, time_t s) {
    struct tm tmv {};
    localtime_r(&s, &tmv);
    char buf[512];
    const size_t n = strftime(buf, sizeof buf, pattern.c_str(), &tmv);
    return std::string(buf, n);
}

// What the one-second path prints for `pattern`: the same format with a trailing
// "%-S" (variable width, so never served from the minute table), cut off again.
std::string per_second(const std::string& pattern, TimeUs t, const TimeZone& tz) {
    TimeFormat ref(pattern + "\x01%-S");
    std::string s = ref.format(t, tz);
    return s.substr(0, s.rfind('\x01'));
}

const std::vector<std::string>& patterns() {
    static const std::vector<std::string> p = {
        "%Y-%m-%d %H:%M:%S",
        "%H:%M:%S",
        "%d/%b/%Y:%H:%M:%S %z",
        "%s",
        "%s.%S %s",
        "%_S|%0S|%OS|%-M",
        "%c|%r|%T|%X",
        "%a %A %b %B %e %j %U %W %V %G %g %u %w %p %P %I %l %k %C %y %D %F %R",
        "%Y-%m-%dT%H:%M:%S%z %Z [%a %A %b %B] %j %U %W %V %G %g %u %w %s -- a format longer than 64 bytes",
        "%Z %z %S",
        "%S%S%S%S%S%S%S",  // more second fields than the table patches
        "no directive at all",
        "%",
    };
    return p;
}

// Times in [center - half, center + half] in random order, each a few times.
std::vector<TimeUs> window(Rng& rng, int64_t center, int64_t half, size_t n) {
    std::vector<TimeUs> ts;
    for (size_t i = 0; i < n; ++i)
        ts.push_back((center - half + static_cast<int64_t>(rng.below(static_cast<uint64_t>(2 * half + 1)))) * kUs +
                     static_cast<int64_t>(rng.below(kUs)));
    return ts;
}

TEST(TimeFormatCache, LocalZonesMatchGlibcAcrossDstChanges) {
    struct Case {
        const char* zone;
        int64_t center;  // epoch seconds of an offset change (or a plain time)
    };
    const Case cases[] = {
        {"UTC", 1767268800},
        {"America/New_York", 1710054000},   // 2024-03-10 07:00 UTC, clocks go forward
        {"America/New_York", 1730613600},   // 2024-11-03 06:00 UTC, clocks go back
        {"Australia/Lord_Howe", 1712415600}, // 2024-04-06 15:00 UTC, half-hour DST ends
        {"Europe/Dublin", 1711846800},      // 2024-03-31 01:00 UTC (negative DST in the rules)
        {"Asia/Kolkata", 1388868874},
        {"America/New_York", -2717650800},  // 1883-11-18, LMT (-4:56:02) to EST
        {"Europe/Amsterdam", -1026609572},  // 1937-06-21, +0:19:32 (not whole minutes)
    };
    for (const Case& c : cases) {
        ScopedTz guard(c.zone);
        const TimeZone local = TimeZone::local();
        Rng rng(static_cast<uint64_t>(c.center) ^ 77);
        for (const std::string& p : patterns()) {
            // Before 1900 glibc names LMT by version, and its %s goes through mktime,
            // which reads LMT wall times back differently; the true epoch is checked below.
            if (c.center < 0 && (p.find("%Z") != std::string::npos || p.find("%s") != std::string::npos)) continue;
            TimeFormat reused(p);
            for (int64_t half : {30, 3 * 3600, 4 * 86400}) {
                for (TimeUs t : window(rng, c.center, half, 3000)) {
                    const time_t s = static_cast<time_t>(floor_div(t, kUs));
                    ASSERT_EQ(reused.format(t, local), libc_format(p, s))
                        << c.zone << " pattern '" << p << "' at " << s << " (window +-" << half << " s)";
                }
            }
        }
    }
}

TEST(TimeFormatCache, FixedZonesAndSubsecondsMatchThePerSecondPath) {
    const TimeZone zones[] = {TimeZone::utc(), TimeZone::fixed(19800), TimeZone::fixed(-34200),
                              TimeZone::fixed(3601), TimeZone::fixed(-86399)};
    std::vector<std::string> ps = patterns();
    for (const char* extra : {"%f", "%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S,%f %s", "%f%f|%S.%f|%s.%f", "[%f]"})
        ps.push_back(extra);
    Rng rng(11);
    for (const std::string& p : ps) {
        TimeFormat reused(p);
        for (int64_t center : {int64_t{1767268800}, int64_t{9999999990}, int64_t{0}, int64_t{-90}, int64_t{59}}) {
            for (int64_t half : {20, 3600, 2 * 86400}) {
                for (TimeUs t : window(rng, center, half, 2000)) {
                    const TimeZone& tz = zones[rng.below(5)];
                    ASSERT_EQ(reused.format(t, tz), per_second(p, t, tz))
                        << "pattern '" << p << "' at " << t << " us, offset " << tz.fixed_offset();
                }
            }
        }
    }
}

// write() (rendering straight into an event) has its own hit path for the minute
// table: it must give append()'s bytes, for every pattern with a bounded length.
TEST(TimeFormatCache, WriteGivesWhatAppendGives) {
    ScopedTz guard("America/New_York");
    const TimeZone zones[] = {TimeZone::utc(), TimeZone::fixed(19800), TimeZone::fixed(3601), TimeZone::local()};
    std::vector<std::string> ps = patterns();
    for (const char* extra : {"%f", "%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S,%f %s", "%f%f|%S.%f|%s.%f", "%e %_S.%f"})
        ps.push_back(extra);
    Rng rng(5);
    size_t checked = 0;
    for (const std::string& p : ps) {
        TimeFormat appender(p), writer(p);
        if (writer.max_size() == 0) continue;  // %Z: write() is never used
        std::vector<char> buf(writer.max_size() + 16);
        for (int64_t center : {int64_t{1730613600}, int64_t{9999999990}, int64_t{59}, int64_t{-90}}) {
            for (int64_t half : {20, 3600, 2 * 86400}) {
                for (TimeUs t : window(rng, center, half, 1500)) {
                    const TimeZone& tz = zones[rng.below(4)];
                    char* end = writer.write(t, tz, buf.data());
                    ASSERT_EQ(std::string(buf.data(), end), appender.format(t, tz)) << "pattern '" << p << "' at " << t;
                    ++checked;
                }
            }
        }
    }
    EXPECT_GT(checked, 100000u);
}

TEST(TimeFormatCache, OneZoneAtATimeOverManyMinutesGrowsAndStaysExact) {
    // A day-wide window keeps missing the first 64 slots: the table grows, output stays.
    TimeFormat reused("%Y-%m-%d %H:%M:%S.%f %s");
    Rng rng(3);
    const TimeZone tz = TimeZone::fixed(-7 * 3600);
    for (TimeUs t : window(rng, 1767268800, 86400, 60000))
        ASSERT_EQ(reused.format(t, tz), per_second("%Y-%m-%d %H:%M:%S.%f %s", t, tz)) << t;
    EXPECT_EQ(reused.minute_slots(), 1024u);
}

TEST(TimeFormatCache, AnHourWindowMovingOnKeepsTheSmallTable) {
    // Intervals of a minute, each over the last hour, for two days: old minutes are
    // evicted, never the ones just filled, so the table stays at 64 minutes.
    TimeFormat f("%Y-%m-%d %H:%M:%S");
    Rng rng(8);
    for (int64_t now = 1767268800; now < 1767268800 + 2 * 86400; now += 60)
        for (TimeUs t : window(rng, now - 1800, 1800, 200)) f.format(t, TimeZone::utc());
    EXPECT_EQ(f.minute_slots(), 64u);
}

TEST(TimeFormatCache, CopiesAreIndependent) {
    TimeFormat a("%H:%M:%S");
    EXPECT_EQ(a.format(1388868874 * kUs, TimeZone::utc()), "20:54:34");
    TimeFormat b = a;  // a clone per worker copies the filled table
    EXPECT_EQ(b.format(1388868875 * kUs, TimeZone::utc()), "20:54:35");
    EXPECT_EQ(b.format(1388868874 * kUs, TimeZone::fixed(3600)), "21:54:34");
    EXPECT_EQ(a.format(1388868839 * kUs, TimeZone::utc()), "20:53:59");
}

}  // namespace
}  // namespace eventgen
