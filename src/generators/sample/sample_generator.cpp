#include "generators/sample/sample_generator.h"

#include <algorithm>

#include "common/log.h"
#include "rating/rater.h"

namespace eventgen {

SampleGenerator::SampleGenerator(CompiledSample sample, uint32_t sample_id, uint64_t run_seed)
    : sample_(std::move(sample)), sample_id_(sample_id), run_seed_(run_seed), key_(sample_key(sample_.config().name())) {
    ctx_.zone = &sample_.config().timezone;
    ctx_.file_rows.assign(sample_.tokens().file_count, -1);
    batch_.set_sample_id(sample_id_);
}

uint64_t SampleGenerator::generate(const Job& job, const std::function<bool(EventBatch&)>& emit,
                                   size_t batch_events, size_t batch_bytes) {
    const SampleConfig& c = sample_.config();
    const size_t n = sample_.units();  // bundlelines: one unit, the whole sample
    if (n == 0 || job.count <= 0) return 0;
    ctx_.earliest = job.earliest;
    ctx_.latest = job.latest;
    ctx_.rated_factor = job.rated_factor;
    const uint64_t span = static_cast<uint64_t>(job.latest - job.earliest);
    const SeedMixer event_seed(run_seed_, key_);
    // In order, index i takes sample event i % n: followed step by step, not divided.
    const size_t step = static_cast<size_t>(job.stride) % n;
    size_t next_line = static_cast<size_t>(job.first) % n;
    return emit_in_batches(job, batch_, emit, batch_events, batch_bytes, [&](int64_t i) {
        const uint64_t seq = job.seq(i);
        ctx_.rng.reseed(event_seed(seq));
        ctx_.sequence = seq;
        const size_t in_order = next_line;
        next_line += step;
        if (next_line >= n) next_line -= n;
        size_t line = c.randomize_events ? static_cast<size_t>(ctx_.rng.below(n)) : in_order;
        if (c.sequential_timestamp && job.interval_total > 0) {
            ctx_.time = job.earliest + static_cast<TimeUs>(static_cast<double>(span) * static_cast<double>(i) /
                                                           static_cast<double>(job.interval_total));
        } else {
            ctx_.time = job.earliest + static_cast<TimeUs>(ctx_.rng.below(span + 1));
        }
        sample_.render_unit(line, ctx_, batch_);
    });
}

CompiledSample compile_sample_file(const SampleConfig& config, const PrepareContext& ctx) {
    CompiledSample compiled = CompiledSample::compile(config, ctx.saved_ids, ctx.now, ctx.stop);
    if (compiled.size() == 0)
        throw ConfigError(ConfLocation{config.def.file_path, 0, config.def.stanza, ""}, "the sample file has no events");
    if (compiled.sequential_events() > 0)
        LOG_DEBUG("sample " << config.name() << ": " << compiled.sequential_events() << " of " << compiled.size()
                            << " events apply tokens one by one (" << compiled.sequential_token_passes() << " of their "
                            << compiled.sequential_events() * compiled.tokens().tokens.size()
                            << " token passes; a template renders the rest)");
    return compiled;
}

double measure_event_bytes(const CompiledSample& sample, TimeUs now) {
    CompiledSample probe = sample.clone();
    EventContext ctx;
    ctx.zone = &probe.config().timezone;
    ctx.file_rows.assign(probe.tokens().file_count, -1);
    ctx.time = ctx.earliest = ctx.latest = now;
    EventBatch batch;
    size_t renders = std::max<size_t>(probe.units(), 1000);
    for (size_t i = 0; i < renders; ++i) {
        ctx.rng.reseed(mix_seed(0x5EED, i, 7));
        ctx.sequence = i;
        probe.render_unit(i % probe.units(), ctx, batch);
    }
    // Per unit of count (a whole CSV bundle is one unit of several events).
    return batch.size() ? static_cast<double>(batch.raw_bytes() + batch.size()) / renders : 1.0;
}

namespace {

class PreparedFileSample : public PreparedSample {
public:
    explicit PreparedFileSample(CompiledSample sample) : sample_(std::move(sample)) {}
    std::unique_ptr<Generator> make_generator(uint32_t sample_id, uint64_t run_seed) const override {
        return std::make_unique<SampleGenerator>(sample_.clone(), sample_id, run_seed);
    }
    int64_t events_for_interval(const SampleConfig& c, TimeUs now, Rng& rng) const override {
        return eventgen::events_for_interval(c, sample_.units(), now, rng);
    }
    int64_t events_per_unit() const override { return static_cast<int64_t>(sample_.events_per_unit()); }
    double average_event_bytes(TimeUs now) const override { return measure_event_bytes(sample_, now); }
    size_t sequential_events() const override { return sample_.sequential_events(); }

private:
    CompiledSample sample_;
};

}  // namespace

const GeneratorDescriptor& sample_generator() {
    static const GeneratorDescriptor d{
        "default",
        {"default", "perdayvolumegenerator"},
        "the sample file's events with their tokens replaced, count per interval (perdayvolumegenerator: the same, "
        "sized by perDayVolume)",
        true,
        {"sample"},
        {},
        nullptr,
        [](const SampleConfig& c, const PrepareContext& ctx) -> std::unique_ptr<PreparedSample> {
            return std::make_unique<PreparedFileSample>(compile_sample_file(c, ctx));
        }};
    return d;
}

}  // namespace eventgen
