// A dead worker is replaced and only the unfinished part of its jobs runs again.
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

void Engine::recover_dead_workers() {
    pool_->release_retired(*writer_);
    for (size_t index : pool_->reap_dead()) {
        ++restarts_;
        // Let the writer take every batch the dead worker finished, so the progress
        // counts are final before the rest is handed out again.
        while (!pool_->drained(index) && !writer_->output_failed()) stop_.wait_for(1000);
        uint64_t in_flight_job = account_last_batch(index, false);
        std::vector<Job> rest = tracker_->take_unfinished(static_cast<uint32_t>(index), [&](uint64_t job_id) {
            return finished_by_worker(index, job_id, in_flight_job);
        });
        pool_->replace(index, *writer_);
        for (const Job& j : rest) dispatch(j);
    }
}

uint64_t Engine::finished_by_worker(size_t index, uint64_t job_id, uint64_t in_flight_job) const {
    uint64_t n = 0;
    for (auto& [key, share] : direct_shares_) n = std::max(n, share->progress(static_cast<uint32_t>(index), job_id));
    if (job_id == in_flight_job) {
        const DeliveryProgress& p = pool_->channel(index).direct;
        n = std::max(n, p.before.load() + p.done.load());
    }
    return n;
}

std::string Engine::sample_name(uint32_t id) const {
    for (const auto& rt : samples_)
        if (rt->id == id) return rt->config.name();
    return {};
}

uint64_t Engine::account_last_batch(size_t index, bool stopping) {
    // The batch a dead worker was writing itself never reached the writer: count what
    // its output confirmed, and what goes out again (resent) or, when the run is
    // ending, what never will (failed).
    const DeliveryProgress& p = pool_->channel(index).direct;
    uint64_t job = p.job.load();
    uint32_t sample = 0;
    uint64_t counted = 0;
    if (job == 0 || !tracker_->counted(job, sample, counted)) return 0;
    const std::string name = sample_name(sample);
    uint64_t finished = finished_by_worker(index, job, job);
    uint64_t batch_end = p.before.load() + p.events.load();
    if (counted >= batch_end) return job;  // the writer already took that batch
    uint64_t extra = finished > counted ? finished - counted : 0;
    uint64_t failed = std::min<uint64_t>(p.failed.load(), extra);
    uint64_t open = batch_end > std::max(finished, counted) ? batch_end - std::max(finished, counted) : 0;
    uint64_t in_flight = std::min<uint64_t>(p.in_flight.load(), open);
    // The delivered events are the `extra` just before `finished` in the batch: their
    // bytes from the slot, which stays mapped until the worker is replaced.
    uint64_t bytes = 0, written = 0;
    if (extra > 0 && p.events.load() > 0 && p.slot.load() < kSlotsPerWorker) {
        const Slot& slot = pool_->channel(index).slots[p.slot.load()];
        uint64_t events = std::min<uint64_t>(p.events.load(), kSlotMaxEvents);
        uint64_t before = p.before.load();
        uint64_t hi = std::min(finished > before ? finished - before : 0, events);
        uint64_t lo = hi - std::min(extra, hi);
        auto raw_to = [&](uint64_t k) { return k == 0 ? 0u : slot.raw_ends[k - 1]; };
        auto data_to = [&](uint64_t k) { return k == 0 ? 0u : slot.event_ends[k - 1]; };
        bytes = static_cast<uint32_t>(raw_to(hi) - raw_to(lo));  // modulo 2^32, as stored
        written = data_to(hi) - data_to(lo);
        if (failed > 0) {  // which of them failed is not known: their share, as for a failed batch
            bytes = bytes * (extra - failed) / extra;
            written = written * (extra - failed) / extra;
        }
    }
    if (stopping) {
        router_.count_recovered(sample, extra - failed, failed + open, 0, bytes, written);
        if (open) LOG_ERROR("worker " << index << " was killed with " << open << " event(s) of sample "
                                      << name << " unsent or unconfirmed; counted failed");
    } else {
        router_.count_recovered(sample, extra - failed, failed, in_flight, bytes, written);
        if (in_flight) LOG_WARN("worker " << index << " died while sending " << in_flight << " event(s) of sample "
                                          << name
                                          << "; the output may have them already: sending them again (resent)");
    }
    return job;
}

void Engine::account_unsent_slots(size_t index) {
    // A worker killed while stopping may have left filled slots with its sender, not yet
    // written: nobody makes them again now, so their events are counted failed.
    const WorkerChannel& ch = pool_->channel(index);
    const DeliveryProgress& p = ch.direct;
    for (uint32_t i = 0; i < kSlotsPerWorker; ++i) {
        const SlotHeader& h = ch.slots[i].header;
        if (!(h.flags & kSlotHandedOver)) continue;
        // The batch being written is account_last_batch's.
        if (i == p.slot.load() && h.job_id == p.job.load() && h.job_before == p.before.load()) continue;
        router_.count_recovered(h.sample, 0, h.events, 0, 0, 0);
        router_.count_rejected(h.sample, h.failed);
        LOG_ERROR("worker " << index << " was killed with " << h.events << " event(s) of sample " << sample_name(h.sample)
                            << " made but not yet written; counted failed");
    }
}

}  // namespace eventgen
