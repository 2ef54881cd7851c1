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

    // Routes SIGTERM, SIGINT and SIGHUP to this object and ignores SIGPIPE and SIGXFSZ
    // (a closed pipe or a file size limit then shows up as a write error, which the
    // outputs report).
    void install_signal_handlers();
    int last_signal() const { return last_signal_.load(); }
    // The shell's convention for a run ended by a signal: 128 + its number; 0 when none.
    int signal_exit_status() const { return last_signal() ? 128 + last_signal() : 0; }

private:
    std::atomic<bool> stop_{false};
    std::atomic<int> last_signal_{0};
    int pipe_[2] = {-1, -1};
};

}  // namespace eventgen
