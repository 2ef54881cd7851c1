#include "outputs/support/retry_policy.h"

#include <gtest/gtest.h>

namespace eventgen {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, GivesUpAfterMaxAttempts) {
    RetryPolicy p = RetryPolicy::for_attempts(4, milliseconds(1));
    Backoff b(p, nullptr);
    int retries = 0;
    while (b.retry()) ++retries;
    EXPECT_EQ(retries, 3);  // the 4th failure gives up
    EXPECT_EQ(b.failures(), 4);
}

TEST(RetryPolicy, ZeroBudgetMeansNoRetry) {
    Backoff b(RetryPolicy::for_duration(0), nullptr);
    EXPECT_FALSE(b.retry());
    EXPECT_LE(b.deadline(), Backoff::Clock::now());
}

TEST(RetryPolicy, NoBudgetHasNoDeadline) {
    RetryPolicy p;
    EXPECT_EQ(Backoff(p, nullptr).deadline(), Backoff::Clock::time_point::max());
}

TEST(RetryPolicy, BudgetBoundsTheWait) {
    RetryPolicy p = RetryPolicy::for_duration(0.02);
    p.first_delay = milliseconds(1);
    Backoff b(p, nullptr);
    int retries = 0;
    while (b.retry()) ++retries;
    EXPECT_GE(retries, 1);
    EXPECT_GE(Backoff::Clock::now(), b.deadline());  // stopped because the budget ran out
}

TEST(RetryPolicy, StopRequestCutsRetriesShort) {
    std::atomic<bool> stop{true};
    RetryPolicy p;  // unbounded, except for the stop grace
    p.first_delay = milliseconds(1);
    p.stop_grace = milliseconds(10);
    Backoff b(p, &stop);
    EXPECT_TRUE(b.cancelled());
    int retries = 0;
    while (b.retry()) ++retries;
    EXPECT_GE(retries, 1);  // the grace period still allows a few attempts
}

}  // namespace
}  // namespace eventgen
