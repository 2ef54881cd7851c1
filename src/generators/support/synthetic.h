#pragma once
// What the generators that need no sample file (windbag, counter, weblog) share: one
// event per index of a job, each with its own random stream, and the PreparedSample
// that makes one such generator per worker.
#include <functional>
#include <memory>

#include "common/rng.h"
#include "config/sample_config.h"
#include "generators/generator.h"
#include "generators/generator_component.h"
#include "generators/sample/sample_generator.h"

namespace eventgen {

inline EventMeta meta_of(const SampleConfig& c) { return EventMeta{c.host, c.source, c.sourcetype, c.index}; }

// One event per index of the job, `render` appends its text.
template <typename Render>
uint64_t run_job(const Job& job, EventBatch& batch, const SampleConfig& c, uint64_t seed, uint64_t key,
                 const std::function<bool(EventBatch&)>& emit, size_t batch_events, size_t batch_bytes, Render render) {
    Rng rng;
    return emit_in_batches(job, batch, emit, batch_events, batch_bytes, [&](int64_t i) {
        rng.reseed(mix_seed(seed, key, job.seq(i)));
        render(i, rng, batch);
        batch.finish(meta_of(c));
    });
}

inline TimeUs spread(const Job& job, int64_t i, int64_t total) {
    // Evenly through the window, the last one at its end (as Eventgen's windbag does).
    uint64_t span = static_cast<uint64_t>(job.latest - job.earliest);
    return job.earliest + static_cast<TimeUs>(static_cast<double>(span) * static_cast<double>(i + 1) /
                                              static_cast<double>(std::max<int64_t>(total, 1)));
}

// A file-less sample: `make` builds a worker's generator, `units` turns the rated
// count into events (counter: values per counting cycle).
class PreparedSynthetic : public PreparedSample {
public:
    using Make = std::function<std::unique_ptr<Generator>(const SampleConfig&, uint32_t, uint64_t)>;
    using Count = std::function<int64_t(const SampleConfig&, TimeUs, Rng&)>;
    PreparedSynthetic(const SampleConfig& config, Make make, Count count, bool splittable = true)
        : config_(config), make_(std::move(make)), count_(std::move(count)), splittable_(splittable) {}
    std::unique_ptr<Generator> make_generator(uint32_t sample_id, uint64_t run_seed) const override {
        return make_(config_, sample_id, run_seed);
    }
    int64_t events_for_interval(const SampleConfig& c, TimeUs now, Rng& rng) const override { return count_(c, now, rng); }
    bool splittable() const override { return splittable_; }
    // Measured by rendering a probe job with a private seed.
    double average_event_bytes(TimeUs now) const override;

private:
    SampleConfig config_;
    Make make_;
    Count count_;
    bool splittable_;
};

}  // namespace eventgen
