#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "engine/clock.h"
#include "engine/stop_signal.h"

namespace eventgen {
namespace {

using std::chrono::steady_clock;

TEST(ManualClock, SleepJumpsToTheDeadline) {
    ManualClock clock(1000);
    StopSignal stop;
    EXPECT_EQ(clock.now(), 1000);
    EXPECT_TRUE(clock.sleep_until(5000, stop));
    EXPECT_EQ(clock.now(), 5000);
    EXPECT_TRUE(clock.sleep_until(10, stop));  // a deadline in the past never moves time back
    EXPECT_EQ(clock.now(), 5000);
    clock.advance(250);
    EXPECT_EQ(clock.now(), 5250);
}

TEST(ManualClock, StopEndsSleeps) {
    ManualClock clock(0);
    StopSignal stop;
    stop.request_stop();
    EXPECT_FALSE(clock.sleep_until(100, stop));
    EXPECT_EQ(clock.now(), 0);
}

TEST(StopSignal, StartsUnstoppedAndShortWaitTimesOut) {
    StopSignal stop;
    EXPECT_FALSE(stop.stop_requested());
    EXPECT_FALSE(stop.wait_for(0));
    EXPECT_FALSE(stop.wait_for(-5));
    EXPECT_FALSE(stop.wait_for(2000));  // 2 ms, nobody stops it
}

TEST(StopSignal, StopIsStickyAndIdempotent) {
    StopSignal stop;
    stop.request_stop();
    stop.request_stop();
    EXPECT_TRUE(stop.stop_requested());
    EXPECT_TRUE(stop.wait_for(0));
    EXPECT_TRUE(stop.wait_for(60 * kUsPerSecond));  // returns at once
    EXPECT_TRUE(stop.wait_for(60 * kUsPerSecond));  // and again: the wake-up is not consumed
}

TEST(StopSignal, RequestFromAnotherThreadWakesAWaiter) {
    StopSignal stop;
    std::promise<void> waiting;
    auto started = steady_clock::now();
    auto waiter = std::async(std::launch::async, [&] {
        waiting.set_value();
        return stop.wait_for(120 * kUsPerSecond);
    });
    waiting.get_future().wait();
    stop.request_stop();
    ASSERT_EQ(waiter.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_TRUE(waiter.get());
    EXPECT_LT(steady_clock::now() - started, std::chrono::seconds(30));
}

TEST(RealClock, NowMatchesTheSystemClock) {
    RealClock clock;
    auto sys = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    EXPECT_NEAR(static_cast<double>(clock.now()), static_cast<double>(sys), 5e6);
}

TEST(RealClock, PastDeadlineReturnsAtOnce) {
    RealClock clock;
    StopSignal stop;
    EXPECT_TRUE(clock.sleep_until(clock.now() - kUsPerSecond, stop));
    TimeUs target = clock.now() + 3000;  // 3 ms ahead
    EXPECT_TRUE(clock.sleep_until(target, stop));
    EXPECT_GE(clock.now(), target);  // it really waited for the deadline
}

TEST(RealClock, StopInterruptsALongSleep) {
    RealClock clock;
    StopSignal stop;
    auto sleeper = std::async(std::launch::async, [&] { return clock.sleep_until(clock.now() + 3600 * kUsPerSecond, stop); });
    stop.request_stop();
    ASSERT_EQ(sleeper.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_FALSE(sleeper.get());
}

}  // namespace
}  // namespace eventgen
