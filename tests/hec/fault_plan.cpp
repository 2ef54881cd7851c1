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
    if (Clock::now() < busy_until_) return HecFault::busy;
    return std::nullopt;
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
    if (pending_[slot(HecFault::busy)] > 0 || Clock::now() < busy_until_) return HecFault::busy;
    return std::nullopt;
}

}  // namespace eventgen::test
