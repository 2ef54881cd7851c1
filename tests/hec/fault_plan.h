#pragma once
// The faults tests script into the server, consumed by data requests in arrival order.
#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include "hec_types.h"

namespace eventgen::test {

class FaultPlan {
public:
    using Clock = std::chrono::steady_clock;

    void inject(HecFault fault, int count);
    void busy_for(std::chrono::milliseconds window);  // 503/9 until the window ends
    void throttle_for(std::chrono::milliseconds window);  // 429/26 until the window ends
    // Repeating windows: in every `period` from now, the first `length` answers
    // `status` (busy or throttled) to every data request.
    void status_windows(HecFault status, std::chrono::milliseconds period, std::chrono::milliseconds length);
    void set_response_delay(std::chrono::milliseconds delay, int count);
    void set_ack_delay(std::chrono::milliseconds delay);
    void reset_connections_after(int requests);
    void clear();

    // Takes one unit of `fault` when any is pending.
    bool take(HecFault fault);
    // The status fault for this request, if any: an injected one or the busy window.
    std::optional<HecFault> take_status_fault();
    // How long to hold this request's response (zero: no stall).
    std::chrono::milliseconds take_response_delay();
    std::chrono::milliseconds ack_delay() const;
    int reset_after() const;
    // What /health reports: busy or shutting down while such faults are pending.
    std::optional<HecFault> health_fault() const;

private:
    static constexpr size_t kKinds = 7;
    mutable std::mutex mu_;
    std::array<int, kKinds> pending_{};
    Clock::time_point busy_until_{};
    Clock::time_point throttle_until_{};
    struct Windows {
        HecFault status;
        Clock::time_point origin;
        std::chrono::milliseconds period, length;
    };
    std::vector<Windows> windows_;
    std::optional<HecFault> window_fault(Clock::time_point now) const;  // mu_ held
    std::chrono::milliseconds delay_{0};
    int delay_count_ = 0;  // <0: every request
    std::chrono::milliseconds ack_delay_{0};
    int reset_after_ = 0;
};

}  // namespace eventgen::test
