#pragma once
// A unit of generation work: a slice of one interval of one sample. Small and plain
// (no event data), so it can be handed to any worker thread or process.
#include <cstdint>

#include "time/time_types.h"

namespace eventgen {

struct Job {
    uint32_t sample = 0;
    uint64_t plan = 0;            // interval plan index (for logs)
    int64_t first = 0;            // index of the first event within the interval
    int64_t count = 0;            // events in this job
    int64_t interval_total = 0;   // events in the whole interval (sequential timestamps)
    uint64_t seq_base = 0;        // sequence number of the interval's first event
    TimeUs earliest = 0, latest = 0, now = 0;
    double rated_factor = 1.0;
};

}  // namespace eventgen
