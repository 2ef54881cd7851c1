#pragma once
// Wall-clock time, replaceable in tests so schedules can be checked without waiting.
#include <algorithm>
#include <cstdint>

#include "engine/stop_signal.h"
#include "time/time_types.h"

namespace eventgen {

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimeUs now() = 0;
    // Waits until `t` or a stop request; returns false when stopped.
    virtual bool sleep_until(TimeUs t, const StopSignal& stop) = 0;
    // Waits until `t`, but no longer than `max_wait_us` of real time (to watch workers
    // meanwhile). A manual clock has no real waiting: it goes straight to `t`.
    virtual bool sleep_until_at_most(TimeUs t, int64_t max_wait_us, const StopSignal& stop) {
        return sleep_until(std::min(t, now() + max_wait_us), stop);
    }
};

class RealClock : public Clock {
public:
    TimeUs now() override;
    bool sleep_until(TimeUs t, const StopSignal& stop) override;
};

// Another clock moved to start at `start` (--now): it then runs at the base clock's pace.
class ShiftedClock : public Clock {
public:
    ShiftedClock(Clock& base, TimeUs start) : base_(base), offset_(start - base.now()) {}
    TimeUs now() override { return base_.now() + offset_; }
    bool sleep_until(TimeUs t, const StopSignal& stop) override { return base_.sleep_until(t - offset_, stop); }

private:
    Clock& base_;
    int64_t offset_;
};

// Time moves only when someone sleeps: a sleep jumps straight to its deadline.
class ManualClock : public Clock {
public:
    explicit ManualClock(TimeUs start) : now_(start) {}
    TimeUs now() override { return now_; }
    bool sleep_until(TimeUs t, const StopSignal& stop) override {
        if (stop.stop_requested()) return false;
        if (t > now_) now_ = t;
        return true;
    }
    bool sleep_until_at_most(TimeUs t, int64_t, const StopSignal& stop) override { return sleep_until(t, stop); }
    void advance(int64_t us) { now_ += us; }

private:
    TimeUs now_;
};

}  // namespace eventgen
