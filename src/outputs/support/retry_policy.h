#pragma once
// The one retry/backoff rule of the network outputs (HEC, TCP, S2S): wait, double the
// wait up to a cap, give up after a number of attempts or a time budget, and after a
// stop request keep trying only for a short grace period. Outputs decide what counts
// as a failed attempt; this decides whether and how long to wait before the next.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace eventgen {

struct RetryPolicy {
    std::chrono::milliseconds first_delay{50};
    std::chrono::milliseconds max_delay{2000};
    int max_attempts = 0;                      // failed attempts before giving up; 0 = no limit
    std::chrono::milliseconds budget{-1};      // time before giving up; negative = no limit
    std::chrono::milliseconds stop_grace{2000};  // after a stop request, keep trying this long

    // HEC: retry a payload for httpeventRetrySeconds.
    static RetryPolicy for_duration(double seconds);
    // A fixed number of attempts (TCP: 20, with a short grace when stopping).
    static RetryPolicy for_attempts(int attempts, std::chrono::milliseconds first_delay);
};

// One delivery's retries under a policy. Not shared between threads.
class Backoff {
public:
    using Clock = std::chrono::steady_clock;
    Backoff(const RetryPolicy& policy, const std::atomic<bool>* cancel);

    // Call after a failed attempt: false when the policy says give up now; otherwise
    // waits the current delay (never past the budget) and returns true.
    bool retry();
    // Failed attempts so far.
    int failures() const { return failures_; }
    // True once the run was asked to stop (retries are then cut short).
    bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
    // When the budget runs out (Clock::time_point::max() without a budget).
    Clock::time_point deadline() const { return deadline_; }

private:
    RetryPolicy policy_;
    const std::atomic<bool>* cancel_;
    Clock::time_point deadline_;
    Clock::time_point stop_deadline_{};  // set when the stop request is first seen
    std::chrono::milliseconds delay_;
    int failures_ = 0;
};

}  // namespace eventgen
