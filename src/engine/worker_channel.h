#pragma once
// The memory one generator worker shares with the scheduler and the writer: a ring of
// jobs in, a fixed set of batch slots out. Plain data, lock-free single-producer/
// single-consumer queues (Boost.Lockfree) and atomics only, so the same layout works
// between threads and between forked processes (placed in a MAP_SHARED mapping).
//
//   scheduler --jobs--> worker --full slots--> writer --free slots--> worker
#include <atomic>
#include <boost/lockfree/spsc_queue.hpp>
#include <cstdint>

#include "generators/job.h"
#include "outputs/formatted_batch.h"

namespace eventgen {

constexpr uint32_t kSlotsPerWorker = 8;
constexpr uint32_t kSlotDataBytes = 1u << 20;
constexpr uint32_t kSlotMaxEvents = 16384;
constexpr uint32_t kJobRingSize = 256;

struct JobMessage {
    uint64_t id = 0;  // scheduler's job number (progress and crash recovery)
    Job job;
};

enum SlotFlags : uint32_t {
    kSlotJobDone = 1,    // the last slot of its job
    kSlotDelivered = 2,  // the worker wrote the bytes itself (useOutputQueue = false)
    kSlotFailed = 4,     // ... and the output failed: `error` says why
    kSlotHandedOver = 8, // filled, with the worker's sender, not yet published
};

struct SlotHeader {
    uint64_t job_id;
    uint64_t job_before;  // events of the job in the worker's slots before this one
    uint32_t sample;
    uint32_t events;
    uint32_t data_bytes;
    uint32_t flags;
    uint64_t raw_bytes;
    uint64_t output_bytes;
    uint64_t replaced_chars;  // XML characters replaced so far by this worker's format
    uint32_t failed;          // events that could not be formatted or carried (not in `events`)
    uint32_t direct_failed;   // of `events`, how many a direct output could not deliver
    uint32_t direct_resent;   // of `events`, how many a direct output sent twice (resent)
    char error[512];          // with kSlotFailed: the output's error message (TLS ones name certificates)
};

struct Slot {
    SlotHeader header;
    uint32_t event_ends[kSlotMaxEvents];
    // Per event the raw text bytes of the slot so far (modulo 2^32): what the bytes of
    // part of a batch were, when a dead worker had delivered only that part.
    uint32_t raw_ends[kSlotMaxEvents];
    char data[kSlotDataBytes];
};

struct WorkerChannel {
    boost::lockfree::spsc_queue<JobMessage, boost::lockfree::capacity<kJobRingSize>> jobs;
    boost::lockfree::spsc_queue<uint32_t, boost::lockfree::capacity<kSlotsPerWorker>> full;
    boost::lockfree::spsc_queue<uint32_t, boost::lockfree::capacity<kSlotsPerWorker>> free_slots;
    std::atomic<uint64_t> published{0};  // slots the worker pushed to `full`
    std::atomic<uint64_t> consumed{0};   // slots the writer took from `full`
    std::atomic<bool> stop{false};       // finish the current batch and exit
    DeliveryProgress direct;             // the direct write in progress (crash recovery)
    Slot slots[kSlotsPerWorker];

    WorkerChannel() {
        for (uint32_t i = 0; i < kSlotsPerWorker; ++i) free_slots.push(i);
    }
};

static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared-memory counters must be lock-free");
static_assert(std::atomic<bool>::is_always_lock_free, "shared-memory flags must be lock-free");

}  // namespace eventgen
