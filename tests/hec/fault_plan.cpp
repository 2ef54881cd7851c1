#include "fault_plan.h"

namespace eventgen::test {

namespace {

size_t slot(HecFault f) { return static_cast<size_t>(f); }
static_assert(static_cast<size_t>(HecFault::close_after_index) + 1 == 7, "FaultPlan::kKinds must cover HecFault");

}  // namespace

void FaultPlan::inject(HecFault fault, int count) {
    std::lock_guard lock(mu_);
    pending_[slot(fault)] += count;
}

void FaultPlan::busy_for(std::chrono::milliseconds window) {
    std::lock_guard lock(mu_);
    busy_until_ = Clock::now() + window;
}

void FaultPlan::throttle_for(std::chrono::milliseconds window) {
    std::lock_guard lock(mu_);
    throttle_until_ = Clock::now() + window;
}

void FaultPlan::status_windows(HecFault status, std::chrono::milliseconds period, std::chrono::milliseconds length) {
    std::lock_guard lock(mu_);
    if (period.count() > 0) windows_.push_back(Windows{status, Clock::now(), period, length});
}

std::optional<HecFault> FaultPlan::window_fault(Clock::time_point now) const {
    if (now < busy_until_) return HecFault::busy;
    if (now < throttle_until_) return HecFault::throttled;
    for (const auto& w : windows_) {
        auto into = std::chrono::duration_cast<std::chrono::milliseconds>(now - w.origin) % w.period;
        if (into < w.length) return w.status;
    }
    return std::nullopt;
}

void FaultPlan::set_response_delay(std::chrono::milliseconds delay, int count) {
    std::lock_guard lock(mu_);
    delay_ = delay;
    delay_count_ = count;
}

void FaultPlan::set_ack_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mu_);
    ack_delay_ = delay;
}

void FaultPlan::reset_connections_after(int requests) {
    std::lock_guard lock(mu_);
    reset_after_ = requests;
}

void FaultPlan::clear() {
    std::lock_guard lock(mu_);
    pending_.fill(0);
    busy_until_ = {};
    throttle_until_ = {};
    windows_.clear();
    delay_ = std::chrono::milliseconds(0);
    delay_count_ = 0;
    ack_delay_ = std::chrono::milliseconds(0);
    reset_after_ = 0;
}

bool FaultPlan::take(HecFault fault) {
    std::lock_guard lock(mu_);
    int& n = pending_[slot(fault)];
    if (n <= 0) return false;
    --n;
    return true;
}

std::optional<HecFault> FaultPlan::take_status_fault() {
    std::lock_guard lock(mu_);
    for (HecFault f : {HecFault::busy, HecFault::throttled, HecFault::internal_error, HecFault::shutting_down}) {
        int& n = pending_[slot(f)];
        if (n > 0) {
            --n;
            return f;
        }
    }
    return window_fault(Clock::now());
}

std::chrono::milliseconds FaultPlan::take_response_delay() {
    std::lock_guard lock(mu_);
    if (delay_count_ == 0) return std::chrono::milliseconds(0);
    if (delay_count_ > 0) --delay_count_;
    return delay_;
}

std::chrono::milliseconds FaultPlan::ack_delay() const {
    std::lock_guard lock(mu_);
    return ack_delay_;
}

int FaultPlan::reset_after() const {
    std::lock_guard lock(mu_);
    return reset_after_;
}

std::optional<HecFault> FaultPlan::health_fault() const {
    std::lock_guard lock(mu_);
    if (pending_[slot(HecFault::shutting_down)] > 0) return HecFault::shutting_down;
    if (pending_[slot(HecFault::busy)] > 0) return HecFault::busy;
    auto w = window_fault(Clock::now());
    if (w == HecFault::busy) return w;
    return std::nullopt;
}

}  // namespace eventgen::test
