#include "generators/replay/replay_generator.h"

#include <algorithm>
#include <cmath>

#include "common/log.h"
#include "common/strings.h"
#include "generators/sample/sample_generator.h"

namespace eventgen {

ReplayPlan make_replay_plan(const CompiledSample& sample, double time_multiple, bool keep_unreadable) {
    ReplayPlan plan;
    // Splunk exports list the newest event first: replay those oldest first.
    std::vector<uint32_t> order;
    int64_t ascending = 0, descending = 0;
    std::optional<TimeUs> last;
    for (uint32_t i = 0; i < sample.size(); ++i) {
        order.push_back(i);
        if (auto t = sample.event(i).original_time) {
            if (last && *t > *last) ++ascending;
            if (last && *t < *last) ++descending;
            last = t;
        }
    }
    if (descending > ascending) {
        std::reverse(order.begin(), order.end());
        plan.reversed = true;
    }
    std::optional<TimeUs> previous;
    int64_t offset = 0;
    for (uint32_t i : order) {
        std::optional<TimeUs> t = sample.event(static_cast<size_t>(i)).original_time;
        if (!t) {
            ++plan.unreadable;
            if (!keep_unreadable) continue;
            t = previous;  // no time of its own: replayed right after the event before
        }
        if (previous && t) {
            int64_t gap = *t - *previous;
            if (gap < 0) {
                ++plan.out_of_order;
                gap = 0;
            }
            offset += static_cast<int64_t>(std::llround(static_cast<double>(gap) * time_multiple));
        }
        if (t) previous = t;
        plan.events.push_back(i);
        plan.offsets.push_back(offset);
    }
    plan.duration = plan.offsets.empty() ? 0 : plan.offsets.back();
    return plan;
}

ReplayGenerator::ReplayGenerator(CompiledSample sample, std::shared_ptr<const ReplayPlan> plan, uint32_t sample_id,
                                 uint64_t run_seed)
    : sample_(std::move(sample)), plan_(std::move(plan)), run_seed_(run_seed), key_(sample_key(sample_.config().name())) {
    ctx_.zone = &sample_.config().timezone;
    ctx_.file_rows.assign(sample_.tokens().file_count, -1);
    batch_.set_sample_id(sample_id);
}

uint64_t ReplayGenerator::generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t batch_events,
                                   size_t batch_bytes) {
    ctx_.rated_factor = job.rated_factor;
    const int64_t end = static_cast<int64_t>(plan_->events.size());
    return emit_in_batches(job, batch_, emit, batch_events, batch_bytes, [&](int64_t i) {
        const uint64_t seq = job.seq(i);
        ctx_.rng.reseed(mix_seed(run_seed_, key_, seq));
        ctx_.sequence = seq;
        // The event's own time drives every timestamp token, replaytimestamp included.
        ctx_.time = ctx_.earliest = ctx_.latest = job.now + plan_->offsets[static_cast<size_t>(i)];
        sample_.render(plan_->events[static_cast<size_t>(i)], ctx_, batch_);
    }, end);
}

namespace {

class PreparedReplay : public PreparedSample {
public:
    PreparedReplay(CompiledSample sample, std::shared_ptr<const ReplayPlan> plan)
        : sample_(std::move(sample)), plan_(std::move(plan)) {}
    std::unique_ptr<Generator> make_generator(uint32_t sample_id, uint64_t run_seed) const override {
        return std::make_unique<ReplayGenerator>(sample_.clone(), plan_, sample_id, run_seed);
    }
    int64_t events_for_interval(const SampleConfig&, TimeUs, Rng&) const override {
        return static_cast<int64_t>(plan_->events.size());
    }
    double average_event_bytes(TimeUs now) const override { return measure_event_bytes(sample_, now); }
    std::shared_ptr<const ReplayPlan> replay_plan() const override { return plan_; }
    size_t sequential_events() const override { return sample_.sequential_events(); }

private:
    CompiledSample sample_;
    std::shared_ptr<const ReplayPlan> plan_;
};

// Replay runs the sample once unless `end` says otherwise.
void configure(SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    if (!s.has("end") || trim(s.str("end")).empty()) {
        c.end.kind = EndCondition::Kind::Executions;
        c.end.executions = 1;
    }
}

std::unique_ptr<PreparedSample> prepare(const SampleConfig& config, const PrepareContext& ctx) {
    CompiledSample compiled = compile_sample_file(config, ctx);
    bool keep = config.replay_bad_timestamps == "keep";
    ReplayPlan plan = make_replay_plan(compiled, config.time_multiple, keep);
    ConfLocation where{config.def.file_path, 0, config.def.stanza, ""};
    if (plan.events.empty())
        throw ConfigError(where, "replay needs event times, but no timestamp or replaytimestamp token "
                                 "reads a time in any event of the sample");
    if (plan.unreadable > 0)
        LOG_WARN(where.describe() << ": " << plan.unreadable << " of " << compiled.size()
                                  << " events have no time the tokens can read; "
                                  << (keep ? "replayed right after the event before"
                                           : "skipped (replayBadTimestamps = keep replays them)"));
    if (plan.reversed) LOG_INFO(where.describe() << ": the sample lists its newest event first; replaying it oldest first");
    if (plan.out_of_order > 0)
        LOG_WARN(where.describe() << ": " << plan.out_of_order
                                  << " events are older than the event before them; replayed without a pause");
    return std::make_unique<PreparedReplay>(std::move(compiled), std::make_shared<const ReplayPlan>(std::move(plan)));
}

}  // namespace

const GeneratorDescriptor& replay_generator() {
    static const GeneratorDescriptor d{
        "replay",
        {"replay"},
        "the sample file's events again in order, keeping their original spacing (times timeMultiple)",
        true,
        {"replay"},
        {},
        configure,
        prepare};
    return d;
}

}  // namespace eventgen
