#pragma once
// generator = jinja: renders the sample's template once per cycle and turns each
// JSON object it writes into an event (SA-Eventgen's jinja generator). The count is
// in cycles (renders), events (line_count) or bytes (perDayVolume), per
// jinja_count_type. Each cycle draws from its own seeded random stream, so a seeded
// run gives the same events whatever the number of workers.
#include <memory>

#include "config/sample_config.h"
#include "generators/generator.h"

namespace eventgen {

std::unique_ptr<Generator> make_jinja_generator(const SampleConfig& config, uint32_t sample_id, uint64_t run_seed);

// Whether the engine may split one interval of `config` across workers (cycles can be
// split; line_count and perDayVolume render until a total is reached, so cannot).
bool jinja_interval_splittable(const SampleConfig& config);

}  // namespace eventgen
