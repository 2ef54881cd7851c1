#include "engine/sample_timer.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "common/error.h"

namespace eventgen {
namespace {

constexpr TimeUs kStart = 1'700'000'000 * kUsPerSecond;  // 2023-11-14 22:13:20 UTC
constexpr TimeUs kSec = kUsPerSecond;
constexpr TimeUs kNever = std::numeric_limits<TimeUs>::max();

SampleConfig timed(double interval, double delay = 0) {
    SampleConfig c;
    c.timezone = TimeZone::utc();
    c.interval = interval;
    c.delay = delay;
    return c;
}

TEST(SampleTimer, FirstRunAfterDelayThenEveryInterval) {
    SampleConfig c = timed(10, 5);
    SampleTimer t(c, kStart);
    EXPECT_EQ(t.next_due(), kStart + 5 * kSec);
    EXPECT_TRUE(t.due(kStart).empty());
    EXPECT_TRUE(t.due(kStart + 5 * kSec - 1).empty());

    auto p = t.due(kStart + 5 * kSec);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].now, kStart + 5 * kSec);
    EXPECT_EQ(p[0].earliest, kStart + 5 * kSec);  // earliest = latest = now by default
    EXPECT_EQ(p[0].latest, kStart + 5 * kSec);
    EXPECT_FALSE(p[0].backfill);
    EXPECT_EQ(t.next_due(), kStart + 15 * kSec);
    EXPECT_TRUE(t.due(kStart + 15 * kSec - 1).empty());

    p = t.due(kStart + 15 * kSec);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].now, kStart + 15 * kSec);
    EXPECT_EQ(p[0].index, 1u);
    EXPECT_EQ(t.executions(), 2u);
    EXPECT_FALSE(t.finished());
}

TEST(SampleTimer, WindowFollowsEarliestAndLatest) {
    SampleConfig c = timed(60);
    c.earliest = "-10m";
    c.latest = "-1m";
    SampleTimer t(c, kStart);
    auto p = t.due(kStart);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].earliest, kStart - 600 * kSec);
    EXPECT_EQ(p[0].latest, kStart - 60 * kSec);
}

TEST(SampleTimer, IntervalZeroMeansEverySecond) {
    SampleConfig c = timed(0);
    SampleTimer t(c, kStart);
    EXPECT_EQ(t.period_us(), kSec);
    ASSERT_EQ(t.due(kStart).size(), 1u);
    EXPECT_EQ(t.next_due(), kStart + kSec);
}

TEST(SampleTimer, FractionalInterval) {
    SampleConfig c = timed(0.25);
    SampleTimer t(c, kStart);
    EXPECT_EQ(t.period_us(), 250'000);
}

TEST(SampleTimer, EndAfterExecutions) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::Executions;
    c.end.executions = 3;
    SampleTimer t(c, kStart);
    for (int i = 0; i < 3; ++i) {
        ASSERT_FALSE(t.finished()) << i;
        ASSERT_EQ(t.due(kStart + i * 10 * kSec).size(), 1u) << i;
    }
    EXPECT_TRUE(t.finished());
    EXPECT_EQ(t.next_due(), kNever);
    EXPECT_TRUE(t.due(kStart + 1000 * kSec).empty());
    EXPECT_EQ(t.executions(), 3u);
}

TEST(SampleTimer, EndZeroFinishesImmediately) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::Executions;
    c.end.executions = 0;
    SampleTimer t(c, kStart);
    EXPECT_TRUE(t.finished());
    EXPECT_EQ(t.next_due(), kNever);
    EXPECT_TRUE(t.due(kStart + 100 * kSec).empty());
}

TEST(SampleTimer, EndAtRelativeTime) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::AtTime;
    c.end.time_spec = "+25s";
    SampleTimer t(c, kStart);
    std::vector<TimeUs> runs;
    for (TimeUs now = kStart; !t.finished(); now = t.next_due())
        for (const auto& p : t.due(now)) runs.push_back(p.now);
    EXPECT_EQ(runs, (std::vector<TimeUs>{kStart, kStart + 10 * kSec, kStart + 20 * kSec}));
}

TEST(SampleTimer, EndAtAbsoluteTime) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::AtTime;
    c.end.time_spec = "2023-11-14T22:13:40";  // kStart + 20 s
    SampleTimer t(c, kStart);
    int runs = 0;
    for (TimeUs now = kStart; !t.finished(); now = t.next_due()) runs += static_cast<int>(t.due(now).size());
    EXPECT_EQ(runs, 2);
}

TEST(SampleTimer, EndInThePastFinishesImmediately) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::AtTime;
    c.end.time_spec = "-1h";
    SampleTimer t(c, kStart);
    EXPECT_TRUE(t.finished());
}

TEST(SampleTimer, BadEndTimeIsAConfigError) {
    SampleConfig c = timed(10);
    c.end.kind = EndCondition::Kind::AtTime;
    c.end.time_spec = "whenever";
    EXPECT_THROW(SampleTimer(c, kStart), ConfigError);
}

TEST(SampleTimer, BackfillSlicesThePastThenRunsRegularly) {
    SampleConfig c = timed(600);
    c.backfill = "-1h";
    SampleTimer t(c, kStart);
    auto p = t.due(kStart);
    ASSERT_EQ(p.size(), 6u);
    for (size_t i = 0; i < p.size(); ++i) {
        TimeUs from = kStart - 3600 * kSec + static_cast<TimeUs>(i) * 600 * kSec;
        EXPECT_TRUE(p[i].backfill);
        EXPECT_EQ(p[i].now, from);
        EXPECT_EQ(p[i].earliest, from);
        EXPECT_EQ(p[i].latest, from + 600 * kSec);
        EXPECT_EQ(p[i].index, i);
    }
    EXPECT_EQ(p.back().latest, kStart);
    EXPECT_EQ(t.executions(), 1u);  // the whole backfill is one execution
    EXPECT_EQ(t.next_due(), kStart + 600 * kSec);

    auto r = t.due(kStart + 600 * kSec);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_FALSE(r[0].backfill);
    EXPECT_EQ(r[0].now, kStart + 600 * kSec);
    EXPECT_EQ(r[0].index, 6u);
}

TEST(SampleTimer, BackfillLastSliceClampedToStart) {
    SampleConfig c = timed(600);
    c.backfill = "-25m";
    SampleTimer t(c, kStart);
    auto p = t.due(kStart);
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0].earliest, kStart - 1500 * kSec);
    EXPECT_EQ(p[2].earliest, kStart - 300 * kSec);
    EXPECT_EQ(p[2].latest, kStart);
}

TEST(SampleTimer, BackfillCountsTowardsEnd) {
    SampleConfig c = timed(600);
    c.backfill = "-1h";
    c.end.kind = EndCondition::Kind::Executions;
    c.end.executions = 2;
    SampleTimer t(c, kStart);
    EXPECT_EQ(t.due(kStart).size(), 6u);
    EXPECT_EQ(t.due(kStart + 600 * kSec).size(), 1u);
    EXPECT_TRUE(t.finished());
}

TEST(SampleTimer, BackfillStartsAfterDelay) {
    SampleConfig c = timed(600, 30);
    c.backfill = "-10m";
    SampleTimer t(c, kStart);
    EXPECT_TRUE(t.due(kStart).empty());
    auto p = t.due(kStart + 30 * kSec);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].earliest, kStart - 570 * kSec);
    EXPECT_EQ(p[0].latest, kStart + 30 * kSec);
}

TEST(SampleTimer, EarliestAfterLatestIsAConfigError) {
    SampleConfig c = timed(60);
    c.earliest = "-1h";
    c.latest = "-2h";
    EXPECT_THROW(SampleTimer(c, kStart), ConfigError);
    c.earliest = "+1m";
    c.latest = "now";
    EXPECT_THROW(SampleTimer(c, kStart), ConfigError);
}

TEST(SampleTimer, CatchesUpWhenBehind) {
    SampleConfig c = timed(10);
    SampleTimer t(c, kStart);
    const TimeUs late = kStart + 35 * kSec;  // the process stalled for 35 s
    std::vector<TimeUs> runs;
    for (auto p = t.due(late); !p.empty(); p = t.due(late))
        for (const auto& plan : p) runs.push_back(plan.now);
    // Every missed interval is run, each for its own moment, then the timer waits again.
    EXPECT_EQ(runs, (std::vector<TimeUs>{kStart, kStart + 10 * kSec, kStart + 20 * kSec, kStart + 30 * kSec}));
    EXPECT_EQ(t.next_due(), kStart + 40 * kSec);
    EXPECT_EQ(t.executions(), 4u);
}

}  // namespace
}  // namespace eventgen
