#pragma once
// Generators that need no sample file: windbag (numbered lines, for measuring),
// counter (counts from start_count to end_count), weblog (Apache access lines) and
// jinja (templates, generators/jinja).
#include <memory>

#include "config/sample_config.h"
#include "generators/generator.h"

namespace eventgen {

// Whether `generator` is one of these.
bool is_synthetic_generator(const std::string& generator);

// Events one count unit stands for (counter: the values of one counting cycle).
int64_t synthetic_events_per_unit(const SampleConfig& config);
// What count = -1/0 means for them (windbag: 60 events, others: one unit).
int64_t synthetic_default_count(const SampleConfig& config);

// Whether one interval may be split across workers.
bool synthetic_splittable(const SampleConfig& config);

std::unique_ptr<Generator> make_synthetic_generator(const SampleConfig& config, uint32_t sample_id, uint64_t run_seed);

}  // namespace eventgen
