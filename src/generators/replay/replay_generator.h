#pragma once
// Replay mode: the sample's events again, in order, keeping the original spacing
// between them (times timeMultiple). The schedule lives in a ReplayPlan; a job is a
// run of consecutive events of one pass and carries the pass's start time, so each
// event's time is exact whatever worker renders it.
#include <memory>
#include <vector>

#include "engine/replay_plan.h"
#include "generators/generator.h"
#include "samples/compiled_sample.h"

namespace eventgen {

// Measures the spacing from the events' original times. `keep_unreadable` gives an
// event with no readable time the time of the event before it.
ReplayPlan make_replay_plan(const CompiledSample& sample, double time_multiple, bool keep_unreadable);

class ReplayGenerator : public Generator {
public:
    ReplayGenerator(CompiledSample sample, std::shared_ptr<const ReplayPlan> plan, uint32_t sample_id, uint64_t run_seed);
    // job.first/count index the plan's events; job.now is the pass start.
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t batch_events = 4096,
                      size_t batch_bytes = 1 << 20) override;

private:
    CompiledSample sample_;
    std::shared_ptr<const ReplayPlan> plan_;
    uint64_t run_seed_, key_;
    EventContext ctx_;
    EventBatch batch_;
};

}  // namespace eventgen
