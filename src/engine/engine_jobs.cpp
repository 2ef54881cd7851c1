// Turning each due interval or replay slice into job descriptors for the workers.
#include "engine/engine.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "common/log.h"
#include "engine/batch_writer.h"
#include "engine/engine_runtime.h"
#include "engine/id_state.h"
#include "engine/job_tracker.h"
#include "outputs/output_component.h"
#include "rating/rater.h"

namespace eventgen {

void Engine::dispatch(const Job& job, int pinned_worker) {
    // The least loaded live worker takes the job (or the pinned one, which keeps a
    // replay in order); a full ring waits (backpressure).
    while (true) {
        recover_dead_workers();
        size_t best = pool_->size();
        uint64_t best_backlog = std::numeric_limits<uint64_t>::max();
        for (size_t w = 0; w < pool_->size(); ++w) {
            if (!pool_->alive(w)) continue;
            if (pinned_worker >= 0 && static_cast<int>(w) != pinned_worker) continue;
            uint64_t b = tracker_->backlog(w);
            if (b < best_backlog) {
                best_backlog = b;
                best = w;
            }
        }
        if (best < pool_->size()) {
            JobMessage msg{tracker_->add(static_cast<uint32_t>(best), job), job};
            if (pool_->dispatch(best, msg)) return;
            tracker_->forget(msg.id);  // its ring is full: try again shortly
        }
        if (stop_.stop_requested() || writer_->output_failed()) return;
        stop_.wait_for(2000);
    }
}

void Engine::run_interval(Runtime& rt, const IntervalPlan& plan) {
    // Every decision here (the count, its randomness, the perDayVolume estimate) is the
    // same on every shard of a seeded run: only which events get made differs.
    const SampleConfig& c = rt.config;
    Rng rater_rng(mix_seed(rt.seed, sample_key(c.name()), plan.index ^ 0xA5A5A5A5ULL));
    int64_t count;
    if (c.per_day_volume_gb) {
        // Refine the size estimate with what was really written so far, unless the run
        // must repeat exactly (seeded): what was written when depends on the workers'
        // timing, which would make the count, and so the events, differ between runs
        // and between the shards of one. A shard measures its own events, which stand
        // for the fleet's; perDayVolume is the fleet's total and this shard makes its
        // share of each interval's count.
        const SampleCounters& sc = router_.counters(rt.id);
        uint64_t done_events = sc.events.load();
        if (!rt.repeatable && done_events > 1000)
            rt.avg_event_bytes = static_cast<double>(sc.bytes.load() + done_events) / done_events *
                                 static_cast<double>(rt.prepared->events_per_unit());
        double seconds = static_cast<double>(rt.timer->period_us()) / 1e6;
        rt.owed_bytes += bytes_for_interval(c, seconds, plan.now, rater_rng);
        count = static_cast<int64_t>(std::floor(rt.owed_bytes / rt.avg_event_bytes));
        rt.owed_bytes -= static_cast<double>(count) * rt.avg_event_bytes;
    } else {
        count = rt.prepared->events_for_interval(c, plan.now, rater_rng);
    }
    ++rt.intervals;
    const Shard& shard = options_.shard;
    const uint64_t seq_base = rt.next_seq;
    const int64_t mine = count > 0 ? static_cast<int64_t>(shard.share(seq_base, static_cast<uint64_t>(count))) : 0;
    if (plan.backfill) backfill_.handed_out(rt.id, plan.latest, static_cast<uint64_t>(mine));
    if (count <= 0) return;
    Job job;
    job.sample = rt.id;
    job.plan = plan.index;
    job.interval_total = count;
    job.seq_base = seq_base;
    job.stride = shard.count;
    job.shard = shard.index;
    job.shards = shard.count;
    job.earliest = plan.earliest;
    job.latest = plan.latest;
    job.now = plan.now;
    job.rated_factor = rated_token_factor(c, plan.now);
    rt.next_seq += static_cast<uint64_t>(count);
    reserve_ids(rt, rt.next_seq, count);
    if (mine <= 0) return;
    const int64_t first = static_cast<int64_t>(shard.first_offset(seq_base));

    // Split this shard's events of the interval across workers: explicitly
    // (splitSample) or when they are many.
    const int64_t workers = static_cast<int64_t>(pool_->size());
    int64_t parts = 1;
    if (c.split_sample == 1) parts = workers;
    else if (c.split_sample > 1) parts = c.split_sample;
    else if (workers > 1 && mine >= options_.auto_split_events) parts = workers;
    parts = std::clamp<int64_t>(parts, 1, mine);
    if (!rt.prepared->splittable()) parts = 1;
    for (int64_t p = 0; p < parts; ++p) {
        Job part = job;
        const int64_t k0 = mine * p / parts;
        part.first = first + k0 * job.stride;
        part.count = mine * (p + 1) / parts - k0;
        if (part.count > 0) dispatch(part);
    }
}

void Engine::run_replay_slice(Runtime& rt, const ReplaySlice& slice) {
    // Index i of the pass has sequence number seq_base + i: the slices a pass is cut
    // into (which depend on timing) never change an event's number.
    const Shard& shard = options_.shard;
    Job job;
    job.sample = rt.id;
    job.plan = static_cast<uint64_t>(slice.pass);
    job.interval_total = slice.count;
    job.seq_base = rt.next_seq - static_cast<uint64_t>(slice.first);
    const uint64_t first_seq = rt.next_seq;
    const int64_t offset = static_cast<int64_t>(shard.first_offset(first_seq));
    job.first = slice.first + offset;
    job.count = static_cast<int64_t>(shard.share(first_seq, static_cast<uint64_t>(slice.count)));
    job.stride = shard.count;
    job.shard = shard.index;
    job.shards = shard.count;
    job.now = job.earliest = job.latest = slice.pass_start;
    job.rated_factor = rated_token_factor(rt.config, slice.pass_start);
    rt.next_seq += static_cast<uint64_t>(slice.count);
    reserve_ids(rt, rt.next_seq, slice.count);
    if (slice.first == 0 || slice.backfill) ++rt.intervals;
    if (slice.backfill)
        backfill_.handed_out(rt.id, slice.pass_start + rt.replay->offsets[static_cast<size_t>(slice.first + slice.count - 1)],
                             static_cast<uint64_t>(job.count));
    // One worker per replay sample keeps its events in order.
    if (job.count > 0) dispatch(job, static_cast<int>(rt.id % pool_->size()));
}

void Engine::reserve_ids(Runtime& rt, uint64_t upto, int64_t count) {
    // Written before the events exist: after kill -9 or a crash the next run starts
    // past every id this one may have used (ids skip ahead, never repeat). A few
    // intervals are reserved at a time so the file is not rewritten for each one.
    if (!rt.persist_ids || upto <= rt.reserved_seq) return;
    rt.reserved_seq = upto + static_cast<uint64_t>(std::max<int64_t>(count, 1)) * 8;
    save_integer_id_state(rt.config, rt.saved_ids, rt.reserved_seq, options_.state_dir, options_.shard);
}

}  // namespace eventgen
