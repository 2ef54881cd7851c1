#pragma once
// Sample mode: picks which sample events make up an interval (in order, cycling, or at
// random) and renders each with its own random stream, so an event depends only on
// the run seed, the sample and its sequence number, never on which worker made it.
#include <cstdint>
#include <functional>

#include "events/event_batch.h"
#include "generators/generator.h"
#include "generators/generator_component.h"
#include "generators/job.h"
#include "samples/compiled_sample.h"

namespace eventgen {


// Loads and compiles the sample file; throws ConfigError when it has no events.
CompiledSample compile_sample_file(const SampleConfig& config, const PrepareContext& context);
// Average size of a unit of count (an event, or a whole CSV bundle), newlines
// included, measured by rendering the sample with a private random stream.
double measure_event_bytes(const CompiledSample& sample, TimeUs now);

class SampleGenerator : public Generator {
public:
    SampleGenerator(CompiledSample sample, uint32_t sample_id, uint64_t run_seed);

    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t batch_events = 4096,
                      size_t batch_bytes = 1 << 20) override;

    CompiledSample& sample() { return sample_; }

private:
    CompiledSample sample_;
    uint32_t sample_id_;
    uint64_t run_seed_;
    uint64_t key_;
    EventContext ctx_;
    EventBatch batch_;
};

}  // namespace eventgen
