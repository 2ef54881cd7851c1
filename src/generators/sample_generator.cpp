#include "generators/sample_generator.h"

namespace eventgen {

uint64_t sample_key(const std::string& name) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : name) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

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
    return emit_in_batches(job.first, job.first + job.count, batch_, emit, batch_events, batch_bytes, [&](int64_t i) {
        const uint64_t seq = job.seq_base + static_cast<uint64_t>(i);
        ctx_.rng.reseed(mix_seed(run_seed_, key_, seq));
        ctx_.sequence = seq;
        size_t line = c.randomize_events ? static_cast<size_t>(ctx_.rng.below(n)) : static_cast<size_t>(i) % n;
        if (c.sequential_timestamp && job.interval_total > 0) {
            ctx_.time = job.earliest + static_cast<TimeUs>(static_cast<double>(span) * static_cast<double>(i) /
                                                           static_cast<double>(job.interval_total));
        } else {
            ctx_.time = job.earliest + static_cast<TimeUs>(ctx_.rng.below(span + 1));
        }
        sample_.render_unit(line, ctx_, batch_);
    });
}

}  // namespace eventgen
