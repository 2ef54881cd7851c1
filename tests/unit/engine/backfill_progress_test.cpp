// The share done, rate and time left a long backfill reports.
#include <gtest/gtest.h>

#include "engine/backfill_progress.h"

namespace eventgen {
namespace {

constexpr TimeUs kS = 1000000;

TEST(BackfillProgress, ShareIsHandedOutTimesDelivered) {
    BackfillProgress p;
    EXPECT_FALSE(p.any());
    p.add_window(0, 0, 100 * kS, "-100s");
    EXPECT_TRUE(p.active());
    p.handed_out(0, 50 * kS, 1000);  // half the window handed out ...
    p.set_delivered(0, 500);         // ... half of that delivered
    EXPECT_NEAR(p.share_done(), 0.25, 1e-9);
    EXPECT_EQ(p.events(), 500u);
    EXPECT_EQ(p.line(10), "backfill 25.0% done (-100s): 500 events, 50 events/s, about 30s left");
    p.handed_out(0, 100 * kS, 1000);
    p.set_delivered(0, 5000);  // real-time events of the sample do not count
    EXPECT_EQ(p.events(), 2000u);
    EXPECT_FALSE(p.active());
    EXPECT_EQ(p.done_line(2.5), "backfill done: 2000 events in 2.5s");
}

TEST(BackfillProgress, OneHugeIntervalIsNotDoneUntilDelivered) {
    BackfillProgress p;
    p.add_window(3, 0, 7 * 86400 * kS, "-7d");
    p.handed_out(3, 7 * 86400 * kS, 30000000);  // everything handed out at once
    p.set_delivered(3, 3000000);
    EXPECT_NEAR(p.share_done(), 0.1, 1e-9);
    EXPECT_TRUE(p.active());
    EXPECT_EQ(p.line(30), "backfill 10.0% done (-7d): 3000000 events, 100000 events/s, about 4m30s left");
}

TEST(BackfillProgress, WindowsWeighByLengthAndEmptyOnesAreIgnored) {
    BackfillProgress p;
    p.add_window(0, 0, 30 * kS, "-30s");
    p.add_window(1, 0, 90 * kS, "-90s");
    p.add_window(2, 10 * kS, 10 * kS, "-0s");  // nothing to fill
    p.handed_out(0, 30 * kS, 10);
    p.set_delivered(0, 10);
    EXPECT_NEAR(p.share_done(), 0.25, 1e-9);
    EXPECT_NE(p.line(1).find("(2 samples)"), std::string::npos) << p.line(1);
    p.all_handed_out(1);  // a replay hands out its whole backfill at once, maybe no events
    EXPECT_FALSE(p.active());
}

}  // namespace
}  // namespace eventgen
