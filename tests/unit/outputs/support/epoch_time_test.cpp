// Epoch seconds with milliseconds, as modinput and HEC write event times.
#include <gtest/gtest.h>

#include <cinttypes>
#include <cstdio>
#include <random>
#include <string>

#include "outputs/support/line_format.h"

namespace eventgen {
namespace {

// The rule written out plainly: microseconds rounded half away from zero to
// milliseconds, then floor seconds and a three-digit fraction.
std::string reference(int64_t time_us) {
    int64_t ms = time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000);
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs -= 1;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64, secs, frac);
    return buf;
}

std::string written(int64_t time_us) {
    char buf[kEpochTimeMax];
    return std::string(buf, put_epoch_time(buf, time_us));
}

TEST(EpochTime, TenDigitSecondsAndEveryOtherWidth) {
    // Around the edges of the ten-digit fast path, and far outside it.
    for (int64_t edge : {int64_t{0}, int64_t{1'000'000'000'000'000}, int64_t{10'000'000'000'000'000}}) {
        for (int64_t d = -2000; d <= 2000; ++d) {
            ASSERT_EQ(written(edge + d), reference(edge + d)) << edge + d;
            ASSERT_EQ(written(-edge + d), reference(-edge + d)) << -edge + d;
        }
    }
    std::mt19937_64 gen(17);
    for (int i = 0; i < 200000; ++i) {
        int64_t t = static_cast<int64_t>(gen() >> (gen() % 64));
        if (i % 2) t = -t;
        ASSERT_EQ(written(t), reference(t)) << t;
    }
    EXPECT_EQ(written(1'767'225'209'570'499), "1767225209.570");
    EXPECT_EQ(written(1'767'225'209'999'500), "1767225210.000");
}

}  // namespace
}  // namespace eventgen
