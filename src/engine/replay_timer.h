#pragma once
// The schedule of a replay sample. Passes over the sample follow each other, the
// next starting `interval` seconds after the last event of the previous one; within
// a pass event i leaves at pass start + its offset. `end` counts passes (-1 forever).
// A backfill plays, at once, passes laid out before the start so that the last
// one ends at the start time, from the backfill time on (both ends included);
// then replay continues in real time with the pass that starts at the start.
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <memory>
#include <vector>

#include "config/sample_config.h"
#include "engine/replay_plan.h"
#include "time/time_types.h"

namespace eventgen {

struct ReplaySlice {
    int64_t pass = 0;         // negative for backfilled passes
    TimeUs pass_start = 0;
    int64_t first = 0;        // index into the plan's events
    int64_t count = 0;
    bool backfill = false;
};

class ReplayTimer {
public:
    // Throws ConfigError when backfill or end cannot be resolved.
    ReplayTimer(const SampleConfig& config, std::shared_ptr<const ReplayPlan> plan, TimeUs start);

    // Every run of events due at `now`, in time order.
    std::vector<ReplaySlice> due(TimeUs now);
    TimeUs next_due() const { return finished_ ? std::numeric_limits<TimeUs>::max() : next_time(); }
    bool finished() const { return finished_; }
    bool backfill_pending() const { return backfill_pending_; }
    int64_t period_us() const { return period_; }
    // The backfill's [from, to] (to is the start), if there is one.
    std::optional<std::pair<TimeUs, TimeUs>> backfill_window() const {
        if (config_.backfill.empty()) return std::nullopt;
        return std::make_pair(backfill_from_, start_);
    }

private:
    TimeUs next_time() const { return pass_start(pass_) + plan_->offsets[static_cast<size_t>(index_)]; }
    TimeUs pass_start(int64_t pass) const { return start_ + pass * period_; }

    const SampleConfig& config_;
    std::shared_ptr<const ReplayPlan> plan_;
    TimeUs start_;
    int64_t period_;
    int64_t pass_ = 0;   // current real-time pass
    int64_t index_ = 0;  // next event of that pass
    bool backfill_pending_;
    TimeUs backfill_from_ = 0;
    TimeUs end_time_ = std::numeric_limits<TimeUs>::max();
    int64_t max_passes_ = -1;
    bool finished_ = false;
};

}  // namespace eventgen
