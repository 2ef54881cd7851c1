#pragma once
// A unit of generation work: a slice of one interval of one sample. Small and plain
// (no event data), so it can be handed to any worker thread or process.
//
// Event index i of the interval (or of the replay pass) has sequence number
// seq_base + i; its random stream and integerid/seqfile values come from that number
// alone, so how the work is cut into jobs, workers or shards never changes an event.
// A job makes `count` events: indices first, first + stride, ... (stride = the number
// of shards: a shard makes every N-th event).
#include <cstdint>

#include "time/time_types.h"

namespace eventgen {

struct Job {
    uint32_t sample = 0;
    uint64_t plan = 0;            // interval plan index (for logs)
    int64_t first = 0;            // index of the first event within the interval
    int64_t count = 0;            // events in this job
    int64_t stride = 1;           // step between the job's indices (the shard count)
    uint32_t shard = 0;           // this run's shard, for generators that cannot walk by index
    uint32_t shards = 1;
    int64_t interval_total = 0;   // events in the whole interval (sequential timestamps)
    uint64_t seq_base = 0;        // sequence number of index 0
    TimeUs earliest = 0, latest = 0, now = 0;
    double rated_factor = 1.0;

    int64_t index(int64_t k) const { return first + k * stride; }
    uint64_t seq(int64_t i) const { return seq_base + static_cast<uint64_t>(i); }
    bool takes_seq(uint64_t s) const { return shards <= 1 || s % shards == shard; }
};

}  // namespace eventgen
