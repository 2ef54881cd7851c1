#pragma once
// The writer thread: drains every worker's full slots in turn, hands the bytes to the
// outputs, returns the slots and reports job progress.
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/doorbell.h"
#include "engine/job_tracker.h"
#include "engine/worker_channel.h"
#include "outputs/output_router.h"

namespace eventgen {

class BatchWriter {
public:
    BatchWriter(OutputRouter& router, JobTracker& tracker, Doorbell& bell, size_t workers);
    ~BatchWriter();

    // (Re)attaches worker `index`'s channel and wake-up bell (used when a worker is replaced).
    void attach(size_t index, WorkerChannel* channel, Doorbell* worker_bell);
    void start();
    // Drains what the workers have published, then stops the thread.
    void finish();

    // True once an output has failed (the run should stop).
    bool output_failed() const { return output_failed_.load(); }
    // Slots waiting for the writer, per worker (metrics).
    std::vector<uint64_t> ring_depths() const;
    // Passes the writer has started. A pass reads the channels attached when it starts,
    // so a channel detached before pass N began is unused once pass N+1 has started.
    uint64_t passes_started() const;

private:
    void loop();
    bool drain_once();

    OutputRouter& router_;
    JobTracker& tracker_;
    Doorbell& bell_;
    mutable std::mutex mu_;
    std::vector<WorkerChannel*> channels_;
    std::vector<Doorbell*> worker_bells_;
    uint64_t passes_ = 0;  // guarded by mu_
    std::atomic<bool> finishing_{false};
    std::atomic<bool> output_failed_{false};
    std::thread thread_;
};

}  // namespace eventgen
