#pragma once
// Starts the generator workers as threads or as forked processes, each with its own
// channel, and watches them: a worker process that dies is reported so its unfinished
// work can be re-run by a replacement.
#include <sys/types.h>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "engine/batch_writer.h"
#include "engine/doorbell.h"
#include "engine/worker.h"
#include "engine/worker_channel.h"

namespace eventgen {

enum class WorkerMode { Thread, Process };

class WorkerPool {
public:
    // Builds the worker for slot `index` (called in the worker's own process for
    // process mode, so each worker owns its copy of the samples).
    using Factory = std::function<std::unique_ptr<Worker>(size_t index, WorkerChannel&, Doorbell& wakeup)>;

    WorkerPool(WorkerMode mode, size_t workers, Doorbell& writer_bell, Factory factory);
    ~WorkerPool();

    void start(BatchWriter& writer);
    size_t size() const { return slots_.size(); }
    WorkerMode mode() const { return mode_; }
    // Queues a job on worker `index`; false when its job ring is full.
    bool dispatch(size_t index, const JobMessage& msg);
    bool alive(size_t index) const { return slots_[index].alive; }
    // Reaps worker processes that exited before being asked to; returns their indices.
    std::vector<size_t> reap_dead();
    // True when the writer has taken every slot worker `index` published.
    bool drained(size_t index) const;
    // Starts a fresh worker (new channel) in place of a dead one.
    void replace(size_t index, BatchWriter& writer);
    // Unmaps the channels (and closes the bells) of dead workers that the writer no
    // longer reads, so memory and descriptors stay flat however often workers die.
    void release_retired(const BatchWriter& writer);
    // Dead workers' channels still mapped (tests and metrics).
    size_t retired_count() const { return retired_.size(); }
    // Asks every worker to stop after its current batch.
    void stop_all();
    // Waits for every worker; kills processes still running after `timeout_ms` and
    // returns their indices (their last batch needs accounting).
    std::vector<size_t> join_all(int timeout_ms);
    // The shared channel of worker `index` (still readable after the worker died).
    const WorkerChannel& channel(size_t index) const { return *slots_[index].channel; }

private:
    struct Slot {
        WorkerChannel* channel = nullptr;
        std::unique_ptr<Doorbell> bell;
        pid_t pid = -1;
        std::thread thread;
        bool alive = false;
    };
    void launch(size_t index, BatchWriter& writer);

    WorkerMode mode_;
    Doorbell& writer_bell_;
    Factory factory_;
    std::vector<Slot> slots_;
    // A dead worker's channel and bell, kept until the writer's pass that may still hold
    // them has ended (`pass`: the writer's pass count when they were detached).
    struct Retired {
        WorkerChannel* channel = nullptr;
        std::unique_ptr<Doorbell> bell;
        uint64_t pass = 0;
    };
    std::vector<Retired> retired_;
    pid_t parent_ = -1;
};

}  // namespace eventgen
