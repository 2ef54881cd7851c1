#include "outputs/support/retry_policy.h"

#include <poll.h>

#include <algorithm>

namespace eventgen {

RetryPolicy RetryPolicy::for_duration(double seconds) {
    RetryPolicy p;
    p.budget = std::chrono::milliseconds(static_cast<int64_t>(std::max(seconds, 0.0) * 1000));
    return p;
}

RetryPolicy RetryPolicy::for_attempts(int attempts, std::chrono::milliseconds first_delay) {
    RetryPolicy p;
    p.max_attempts = attempts;
    p.first_delay = first_delay;
    p.stop_grace = std::chrono::milliseconds(first_delay * 3);
    return p;
}

Backoff::Backoff(const RetryPolicy& policy, const std::atomic<bool>* cancel)
    : policy_(policy),
      cancel_(cancel),
      deadline_(policy.budget.count() >= 0 ? Clock::now() + policy.budget : Clock::time_point::max()),
      delay_(policy.first_delay) {}

bool Backoff::retry() {
    ++failures_;
    Clock::time_point now = Clock::now();
    if (policy_.max_attempts > 0 && failures_ >= policy_.max_attempts) return false;
    if (now >= deadline_) return false;
    Clock::time_point until = deadline_;
    if (cancelled()) {
        if (stop_deadline_ == Clock::time_point{}) stop_deadline_ = now + policy_.stop_grace;
        if (now >= stop_deadline_) return false;
        until = std::min(until, stop_deadline_);
    }
    // A busy or restarting receiver: wait before the next attempt, never past the budget.
    auto wait = std::min<Clock::duration>(delay_, until - now);
    ::poll(nullptr, 0, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count()));
    delay_ = std::min(delay_ * 2, policy_.max_delay);
    return true;
}

}  // namespace eventgen
