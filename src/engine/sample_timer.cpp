#include "engine/sample_timer.h"

#include <cmath>

namespace eventgen {

SampleTimer::SampleTimer(const SampleConfig& c, TimeUs start) : config_(c) {
    // Eventgen's timer ticks once a second, so an interval of 0 means "every second".
    period_ = c.interval > 0 ? static_cast<int64_t>(std::llround(c.interval * 1e6)) : 1000000;
    next_ = start + static_cast<int64_t>(std::llround(c.delay * 1e6));
    backfill_pending_ = !c.backfill.empty();
    if (backfill_pending_) {
        backfill_from_ = resolve_time(c, "backfill", c.backfill, next_);
        backfill_window_ = std::make_pair(backfill_from_, next_);
    }
    if (c.end.kind == EndCondition::Kind::AtTime) end_time_ = resolve_time(c, "end", c.end.time_spec, start);
    if (c.end.kind == EndCondition::Kind::Executions && c.end.executions == 0) finished_ = true;
    IntervalPlan probe = window_plan(next_);
    if (probe.earliest > probe.latest)
        c.def.settings.fail("earliest", "earliest (" + c.earliest + ") is after latest (" + c.latest + ")");
    check_finished(next_);
}

IntervalPlan SampleTimer::window_plan(TimeUs at) {
    IntervalPlan p;
    p.now = at;
    p.earliest = resolve_time(config_, "earliest", config_.earliest, at);
    p.latest = resolve_time(config_, "latest", config_.latest, at);
    return p;
}

void SampleTimer::check_finished(TimeUs at) {
    if (config_.end.kind == EndCondition::Kind::Executions && executions_ >= static_cast<uint64_t>(config_.end.executions))
        finished_ = true;
    if (at >= end_time_) finished_ = true;
}

std::vector<IntervalPlan> SampleTimer::due(TimeUs now) {
    std::vector<IntervalPlan> plans;
    if (finished_ || now < next_) return plans;
    if (backfill_pending_) {
        // The past, in interval-sized slices, as fast as they can be generated; handed
        // out a bounded number at a time so a long backfill never piles up in memory.
        constexpr size_t kSlicesPerCall = 1024;
        for (; backfill_from_ < next_ && plans.size() < kSlicesPerCall; backfill_from_ += period_) {
            IntervalPlan p;
            p.index = plans_++;
            p.now = backfill_from_;
            p.earliest = backfill_from_;
            p.latest = std::min<TimeUs>(backfill_from_ + period_, next_);
            p.backfill = true;
            plans.push_back(p);
        }
        if (backfill_from_ < next_) return plans;  // more slices on the next call
        backfill_pending_ = false;
        if (plans.empty()) return due(now);  // the backfill ended exactly at the start
    } else {
        IntervalPlan p = window_plan(next_);
        if (p.earliest > p.latest) std::swap(p.earliest, p.latest);
        p.index = plans_++;
        plans.push_back(p);
    }
    ++executions_;
    next_ += period_;
    check_finished(next_);
    return plans;
}

}  // namespace eventgen
