#pragma once
// What a worker runs for a job: renders the job's events and hands them out in batches.
#include <cstdint>
#include <functional>

#include "events/event_batch.h"
#include "generators/job.h"

namespace eventgen {

class Generator {
public:
    virtual ~Generator() = default;
    // Renders the job's events into batches of up to `batch_events` events or
    // `batch_bytes` bytes and gives each to `emit`, which returns false to stop early
    // (shutdown). Returns the raw bytes made.
    virtual uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit,
                              size_t batch_events = 4096, size_t batch_bytes = 1 << 20) = 0;
};

}  // namespace eventgen
