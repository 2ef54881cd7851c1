#pragma once
// Events already formatted for their output, as a writer receives them: the bytes,
// where each event ends (outputs that rotate files split at event boundaries), and
// the counts the metrics need.
#include <atomic>
#include <cstdint>
#include <string_view>

namespace eventgen {

// How far a worker's direct write of one batch got, kept where the engine can read
// it after the worker died (the worker's shared channel). A replacement then starts
// after the events the output confirmed, and the events that were on the wire,
// maybe received, maybe not, are the only ones sent twice (counted as `resent`).
struct DeliveryProgress {
    std::atomic<uint64_t> job{0};
    std::atomic<uint64_t> before{0};     // events of `job` finished before this batch
    std::atomic<uint64_t> events{0};     // events in this batch
    std::atomic<uint64_t> done{0};       // of them, finished: delivered or counted failed
    std::atomic<uint64_t> failed{0};     // of `done`, counted failed
    std::atomic<uint64_t> in_flight{0};  // being sent now, not confirmed yet
    std::atomic<uint32_t> slot{0};       // the worker's slot holding the batch (its bytes)

    // Sinks that deliver a batch in parts (HEC payloads) report each part.
    void sending(uint64_t n) { in_flight.store(n, std::memory_order_release); }
    void finished(uint64_t n, bool ok) {
        if (!ok) failed.fetch_add(n, std::memory_order_release);
        done.fetch_add(n, std::memory_order_release);
        in_flight.store(0, std::memory_order_release);
    }
};

struct FormattedBatch {
    uint32_t sample = 0;
    uint32_t events = 0;
    std::string_view data;
    const uint32_t* event_ends = nullptr;  // events entries: end offset of each event in data
    uint64_t raw_bytes = 0;                // raw event text bytes (metrics, perDayVolume)
    uint64_t output_bytes = 0;             // bytes the output stands for (== data.size() unless devnull)
    uint64_t job_id = 0;                   // the job the events belong to (direct writes record progress)
    uint64_t job_events_before = 0;        // events of that job already written before this batch
    DeliveryProgress* progress = nullptr;  // direct writes by a worker: report progress here
};

}  // namespace eventgen
