#include <gtest/gtest.h>

#include <cstdio>
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
// Saturday 2014-01-04 20:54:34.123456 UTC.
constexpr TimeUs kT = 1388868874 * kUs + 123456;

std::string fmt(const char* f, TimeUs t = kT, TimeZone tz = TimeZone::utc()) {
    return TimeFormat(f).format(t, tz);
}

TEST(TimeFormat, HandComputedUtc) {
    EXPECT_EQ(fmt("%c"), "Sat Jan  4 20:54:34 2014");
    EXPECT_EQ(fmt("%x|%X|%D|%F"), "01/04/14|20:54:34|01/04/14|2014-01-04");
    EXPECT_EQ(fmt("%r|%R|%T"), "08:54:34 PM|20:54|20:54:34");
    EXPECT_EQ(fmt("%j|%U|%W|%V|%G|%g|%u|%w"), "004|00|00|01|2014|14|6|6");
    EXPECT_EQ(fmt("%C|%y|%I|%l|%k|%p|%P|%e"), "20|14|08| 8|20|PM|pm| 4");
    EXPECT_EQ(fmt("%a|%A|%b|%B|%h"), "Sat|Saturday|Jan|January|Jan");
    EXPECT_EQ(fmt("%s|%z|%Z"), "1388868874|+0000|UTC");
    EXPECT_EQ(fmt("%f"), "123456");
    EXPECT_EQ(fmt("a%nb%tc%%d"), "a\nb\tc%d");
}

TEST(TimeFormat, FixedZones) {
    const TimeZone ist = TimeZone::fixed(19800);
    EXPECT_EQ(fmt("%Y-%m-%dT%H:%M:%S.%f%z %a %p", kT, ist),
              "2014-01-05T02:24:34.123456+0530 Sun AM");
    EXPECT_EQ(fmt("%z %Z %s", kT, TimeZone::fixed(-7 * 3600)), "-0700 -0700 1388868874");
}

TEST(TimeFormat, LiteralsAndUnknownDirectives) {
    EXPECT_EQ(fmt("plain text"), "plain text");
    EXPECT_EQ(fmt(""), "");
    EXPECT_EQ(fmt("%Q %J %E %"), "%Q %J %E %");
    EXPECT_EQ(fmt("%%f %%Y"), "%f %Y");
    EXPECT_EQ(fmt("%-f %5d"), "%-f %5d");
    EXPECT_EQ(fmt("%-d/%-m %_H %0e %Ey %Od"), "4/1 20 04 14 04");
}

TEST(TimeFormat, UsesSubseconds) {
    EXPECT_TRUE(TimeFormat("%H:%M:%S.%f").uses_subseconds());
    EXPECT_FALSE(TimeFormat("%H:%M:%S").uses_subseconds());
    EXPECT_FALSE(TimeFormat("%%f").uses_subseconds());
}

TEST(TimeFormat, AppendKeepsExistingText) {
    TimeFormat f("[%H:%M:%S.%f]");
    std::string out = "prefix ";
    f.append(kT, TimeZone::utc(), out);
    f.append(kT + 1, TimeZone::utc(), out);
    EXPECT_EQ(out, "prefix [20:54:34.123456][20:54:34.123457]");
}

TEST(TimeFormat, NegativeTimesBorrowFromTheSecond) {
    EXPECT_EQ(fmt("%Y-%m-%d %H:%M:%S.%f %s", -1), "1969-12-31 23:59:59.999999 -1");
}

// A reused instance (with its per-second cache) must print exactly what a fresh
// instance prints, whatever the order of times and zones.
TEST(TimeFormat, CacheNeverChangesOutput) {
    const char* pattern = "%f %Y-%m-%d %H:%M:%S.%f %z %Z|%f";
    TimeFormat reused(pattern);
    const TimeZone zones[] = {TimeZone::utc(), TimeZone::fixed(3600), TimeZone::fixed(-34200)};
    Rng rng(3);
    TimeUs t = kT;
    for (int i = 0; i < 20000; ++i) {
        const uint64_t step = rng.below(4);
        if (step == 0) t += static_cast<int64_t>(rng.below(1000));        // same second mostly
        if (step == 1) t += static_cast<int64_t>(rng.below(3 * kUs));
        if (step == 2) t -= static_cast<int64_t>(rng.below(100 * kUs));   // back in time
        const TimeZone& tz = zones[rng.below(3)];
        ASSERT_EQ(reused.format(t, tz), TimeFormat(pattern).format(t, tz)) << t;
    }
}

TEST(TimeFormat, CacheNoticesLocalRuleChange) {
    TimeFormat f("%H:%M %Z");
    ScopedTz ny("America/New_York");
    EXPECT_EQ(f.format(kT, TimeZone::local()), "15:54 EST");
    ScopedTz kolkata("Asia/Kolkata");
    EXPECT_EQ(f.format(kT, TimeZone::local()), "02:24 IST");
}

std::string libc_format(const std::string& pattern, time_t s) {
    struct tm tmv {};
    localtime_r(&s, &tmv);
    char buf[512];
    const size_t n = strftime(buf, sizeof buf, pattern.c_str(), &tmv);
    return std::string(buf, n);
}

// Every directive glibc shares with Python, compared over random times from
// year 1000 to 9999 in zones with and without DST.
TEST(TimeFormat, MatchesGlibcStrftime) {
    std::vector<std::string> patterns;
    for (char c : std::string("aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%"))
        patterns.push_back(std::string("%") + c);
    for (const char* p : {"%-d", "%-m", "%-H", "%-I", "%-M", "%-S", "%-j", "%-e", "%-l", "%-k",
                          "%_d", "%_H", "%_m", "%0e", "%0k", "%0l", "%Ey", "%Od", "%OH", "%EY",
                          "%-a", "%_p", "%Q", "%E", "%", "x%%y", "%-U", "%_V",
                          "%Y-%m-%dT%H:%M:%S%z %Z [%a %A %b %B] %j %U %W %V %G %g %u %w %s"})
        patterns.push_back(p);
    const int64_t lo = days_from_civil(1000, 1, 1) * 86400;
    const int64_t hi = days_from_civil(10000, 1, 1) * 86400 - 1;
    for (const char* zone : {"UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"}) {
        ScopedTz guard(zone);
        const TimeZone local = TimeZone::local();
        Rng rng(99);
        for (const std::string& p : patterns) {
            TimeFormat f(p);
            for (int i = 0; i < 1500; ++i) {
                // Half the samples near today, where DST rules are most varied.
                const int64_t s = i % 2 ? rng.between(lo, hi) : rng.between(0, 2'500'000'000LL);
                const TimeUs t = s * kUs + static_cast<int64_t>(rng.below(kUs));
                ASSERT_EQ(f.format(t, local), libc_format(p, static_cast<time_t>(s)))
                    << zone << " pattern '" << p << "' at " << s;
            }
        }
    }
}

TEST(TimeFormat, MicrosecondsMatchPrintf) {
    TimeFormat f("%S.%f|%f");
    Rng rng(5);
    for (int i = 0; i < 5000; ++i) {
        const TimeUs t = static_cast<TimeUs>(rng.below(4'000'000'000ULL * kUs));
        char expect[32];
        const int us = static_cast<int>(t % kUs);
        const int sec = static_cast<int>(t / kUs % 60);
        std::snprintf(expect, sizeof expect, "%02d.%06d|%06d", sec, us, us);
        ASSERT_EQ(f.format(t, TimeZone::utc()), expect);
    }
}

}  // namespace
}  // namespace eventgen
