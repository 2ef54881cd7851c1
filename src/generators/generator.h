#pragma once
// What a worker runs for a job: renders the job's events and hands them out in batches.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include "events/event_batch.h"
#include "generators/job.h"

namespace eventgen {

// A stable 64-bit key for a sample name (seeds its events and its count's randomness).
inline uint64_t sample_key(const std::string& name) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : name) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

class Generator {
public:
    virtual ~Generator() = default;
    // Renders the job's events into batches of up to `batch_events` events or
    // `batch_bytes` bytes and gives each to `emit`, which returns false to stop early
    // (shutdown). Returns the raw bytes made.
    virtual uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit,
                              size_t batch_events = 4096, size_t batch_bytes = 1 << 20) = 0;
    // Events the last generate() could not make (e.g. template output that is not an
    // event); they count as failed.
    virtual uint64_t take_failed() { return 0; }
};

// The batching every generator shares: calls render(i) for each index i of the job
// (first, first + stride, ... `count` of them), each call appending one event to
// `batch`; hands the batch to `emit` whenever it holds `batch_events` events or
// `batch_bytes` bytes, and once more at the end. Stops early when `emit` returns false
// or at `end` (an index bound, for generators with a fixed number of events). Returns
// the raw bytes rendered. A template so the render step inlines into the hot loop.
template <typename Render>
uint64_t emit_in_batches(const Job& job, EventBatch& batch, const std::function<bool(EventBatch&)>& emit,
                         size_t batch_events, size_t batch_bytes, Render&& render,
                         int64_t end = std::numeric_limits<int64_t>::max()) {
    uint64_t made = 0;
    batch.clear();
    for (int64_t k = 0; k < job.count; ++k) {
        const int64_t i = job.index(k);
        if (i >= end) break;
        size_t before = batch.raw_bytes();
        render(i);
        made += batch.raw_bytes() - before;
        if (batch.size() >= batch_events || batch.bytes() >= batch_bytes) {
            bool more = emit(batch);
            batch.clear();
            if (!more) return made;
        }
    }
    if (!batch.empty()) emit(batch);
    batch.clear();
    return made;
}

}  // namespace eventgen
