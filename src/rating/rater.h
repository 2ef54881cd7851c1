#pragma once
// How much a sample generates in one interval: its count (or perDayVolume), scaled by
// randomizeCount and the hour/day/minute/month rate tables at the interval's time.
#include <cstdint>

#include "common/rng.h"
#include "config/sample_config.h"
#include "time/time_types.h"

namespace eventgen {

// Product of the rate tables that apply at `now` (in the sample's time zone).
double rate_table_factor(const SampleConfig& config, TimeUs now);

// Eventgen's randomizeCount: 0.2 means a uniform factor within +/-10%.
double randomize_factor(double randomize_count, Rng& rng);

// hourOfDayRate x dayOfWeekRate at `now`: the factor "rated" tokens multiply by.
double rated_token_factor(const SampleConfig& config, TimeUs now);

// Events for one interval. count -1 or 0 means the whole sample once.
int64_t events_for_interval(const SampleConfig& config, size_t sample_events, TimeUs now, Rng& rng);

// Bytes for one interval of a perDayVolume sample (GB/day, 1 GB = 2^30 bytes).
double bytes_for_interval(const SampleConfig& config, double interval_seconds, TimeUs now, Rng& rng);

}  // namespace eventgen
