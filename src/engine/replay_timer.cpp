#include "engine/replay_timer.h"

#include <cmath>

namespace eventgen {

ReplayTimer::ReplayTimer(const SampleConfig& c, std::shared_ptr<const ReplayPlan> plan, TimeUs start)
    : config_(c), plan_(std::move(plan)) {
    start_ = start + static_cast<int64_t>(std::llround(c.delay * 1e6));
    int64_t gap = c.interval > 0 ? static_cast<int64_t>(std::llround(c.interval * 1e6)) : 0;
    period_ = plan_->duration + gap;
    if (period_ <= 0) period_ = 1000000;  // one event and no interval: once a second, like the timer tick
    backfill_pending_ = !c.backfill.empty();
    if (backfill_pending_) backfill_from_ = resolve_time(c, "backfill", c.backfill, start_);
    if (c.end.kind == EndCondition::Kind::Executions) max_passes_ = c.end.executions;
    if (c.end.kind == EndCondition::Kind::AtTime) end_time_ = resolve_time(c, "end", c.end.time_spec, start);
    finished_ = plan_->events.empty() || max_passes_ == 0 || start_ >= end_time_;
}

std::vector<ReplaySlice> ReplayTimer::due(TimeUs now) {
    std::vector<ReplaySlice> out;
    if (finished_) return out;
    const auto& offsets = plan_->offsets;
    const int64_t n = static_cast<int64_t>(offsets.size());
    if (backfill_pending_ && now >= start_) {
        backfill_pending_ = false;
        // The passes before the start, laid out so that the last one ends exactly at
        // the start (its last event lands at the start time; the window includes its
        // end), each earlier one a period before; from the first that reaches the
        // backfill time on.
        auto backfill_start = [&](int64_t p) { return start_ - plan_->duration + (p + 1) * period_; };
        int64_t first_pass = 0;
        while (first_pass > -1000000 && backfill_start(first_pass - 1) + plan_->duration >= backfill_from_) --first_pass;
        for (int64_t p = first_pass; p < 0; ++p) {
            ReplaySlice s{p, backfill_start(p), -1, 0, true};
            for (int64_t i = 0; i < n; ++i) {
                TimeUs t = backfill_start(p) + offsets[static_cast<size_t>(i)];
                if (t < backfill_from_ || t > start_) continue;
                if (s.first < 0) s.first = i;
                ++s.count;
            }
            if (s.count > 0) out.push_back(s);
        }
    }
    while (!finished_ && next_time() <= now) {
        ReplaySlice s{pass_, pass_start(pass_), index_, 0, false};
        while (index_ < n && pass_start(pass_) + offsets[static_cast<size_t>(index_)] <= now &&
               pass_start(pass_) + offsets[static_cast<size_t>(index_)] < end_time_) {
            ++index_;
            ++s.count;
        }
        if (s.count > 0) out.push_back(s);
        if (index_ < n && pass_start(pass_) + offsets[static_cast<size_t>(index_)] >= end_time_) {
            finished_ = true;
            break;
        }
        if (index_ == n) {
            ++pass_;
            index_ = 0;
            if ((max_passes_ >= 0 && pass_ >= max_passes_) || pass_start(pass_) >= end_time_) finished_ = true;
        }
    }
    return out;
}

}  // namespace eventgen
