#pragma once
// A stop request that can come from a signal handler (SIGTERM/SIGINT) and wakes any
// thread waiting for the next interval.
#include <atomic>
#include <cstdint>

#include "time/time_types.h"

namespace eventgen {

class StopSignal {
public:
    StopSignal();
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    // Async-signal-safe.
    void request_stop();
    bool stop_requested() const { return stop_.load(std::memory_order_acquire); }
    // The flag itself, for code that polls it (output retries).
    const std::atomic<bool>& flag() const { return stop_; }
    // Waits up to `timeout_us`; returns true when a stop was requested.
    bool wait_for(int64_t timeout_us) const;

    // Routes SIGTERM and SIGINT to this object and ignores SIGPIPE (a closed pipe
    // then shows up as EPIPE on write, which the outputs report).
    void install_signal_handlers();
    int last_signal() const { return last_signal_.load(); }

private:
    std::atomic<bool> stop_{false};
    std::atomic<int> last_signal_{0};
    int pipe_[2] = {-1, -1};
};

}  // namespace eventgen
