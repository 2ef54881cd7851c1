#pragma once
// Which jobs are out, with which worker, and how far each got. The writer reports
// progress from slot headers; when a worker process dies, the remaining part of its
// jobs can be handed out again. Events depend only on their sequence number, so a
// re-run produces exactly the events that are missing.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "generators/job.h"

namespace eventgen {

class JobTracker {
public:
    uint64_t add(uint32_t worker, const Job& job);
    // Drops a job that could not be queued after all.
    void forget(uint64_t id);
    // Writer side: `events` more events of job `id` were delivered (or counted failed).
    void progress(uint64_t id, uint64_t events, bool done);
    // The unfinished remainder of every job given to `worker`; those entries are dropped.
    // `written_elsewhere(job id)` tells how many events the worker wrote itself (direct
    // outputs record that in shared memory); the larger count wins.
    std::vector<Job> take_unfinished(uint32_t worker,
                                     const std::function<uint64_t(uint64_t)>& written_elsewhere = nullptr);
    // The sample of job `id` and how many of its events the writer has counted;
    // false when the job is not outstanding.
    bool counted(uint64_t id, uint32_t& sample, uint64_t& events) const;
    // Events given to a worker and not yet delivered (for load balancing).
    uint64_t backlog(uint32_t worker) const;
    // Waits until no job is outstanding or `timeout_ms` passes; true when none is left.
    bool wait_idle(int timeout_ms);

private:
    struct Entry {
        uint32_t worker;
        Job job;
        uint64_t received = 0;
    };
    mutable std::mutex mu_;
    std::condition_variable idle_;
    std::map<uint64_t, Entry> jobs_;
    uint64_t next_id_ = 1;
};

}  // namespace eventgen
