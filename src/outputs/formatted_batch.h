#pragma once
// Events already formatted for their output, as a writer receives them: the bytes,
// where each event ends (outputs that rotate files split at event boundaries), and
// the counts the metrics need.
#include <cstdint>
#include <string_view>

namespace eventgen {

struct FormattedBatch {
    uint32_t sample = 0;
    uint32_t events = 0;
    std::string_view data;
    const uint32_t* event_ends = nullptr;  // events entries: end offset of each event in data
    uint64_t raw_bytes = 0;                // raw event text bytes (metrics, perDayVolume)
    uint64_t output_bytes = 0;             // bytes the output stands for (== data.size() unless devnull)
    uint64_t job_id = 0;                   // the job the events belong to (direct writes record progress)
    uint64_t job_events_before = 0;        // events of that job already written before this batch
};

}  // namespace eventgen
