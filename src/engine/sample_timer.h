#pragma once
// The schedule of one sample: the first run after `delay`, then one run per
// `interval`; a backfill first generates the past in interval-sized slices; `end`
// stops after a number of runs or at a time.
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "config/sample_config.h"
#include "time/time_types.h"

namespace eventgen {

struct IntervalPlan {
    uint64_t index = 0;      // unique per plan of this sample (seeds its random choices)
    TimeUs now = 0;          // the moment the interval stands for (rates, relative windows)
    TimeUs earliest = 0;     // event times are drawn from [earliest, latest]
    TimeUs latest = 0;
    bool backfill = false;
};

class SampleTimer {
public:
    // Resolves backfill and end against `start`. Throws ConfigError when earliest is
    // after latest or a time cannot be resolved.
    SampleTimer(const SampleConfig& config, TimeUs start);

    // Every plan due at `now`, in order (a backfill yields many at once).
    std::vector<IntervalPlan> due(TimeUs now);
    // When the next plan is due; max() when the sample is finished.
    TimeUs next_due() const { return finished_ ? std::numeric_limits<TimeUs>::max() : next_; }
    bool finished() const { return finished_; }
    uint64_t executions() const { return executions_; }
    int64_t period_us() const { return period_; }
    // The backfill's [from, to] (to is the first real-time run), if there is one.
    std::optional<std::pair<TimeUs, TimeUs>> backfill_window() const { return backfill_window_; }

private:
    IntervalPlan window_plan(TimeUs at);
    void check_finished(TimeUs at);

    const SampleConfig& config_;
    int64_t period_;
    TimeUs next_;
    bool backfill_pending_;
    TimeUs backfill_from_ = 0;
    std::optional<std::pair<TimeUs, TimeUs>> backfill_window_;
    TimeUs end_time_ = std::numeric_limits<TimeUs>::max();
    uint64_t executions_ = 0;
    uint64_t plans_ = 0;
    bool finished_ = false;
};

}  // namespace eventgen
