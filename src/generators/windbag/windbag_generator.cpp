// windbag: numbered "WINDBAG Event i of n" lines spread over the window, no sample
// file (for measuring).
#include "generators/support/synthetic.h"
#include "rating/rater.h"
#include "time/time_format.h"

namespace eventgen {

namespace {

class WindbagGenerator : public Generator {
public:
    WindbagGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), seed_(seed), key_(sample_key(c.name())), stamp_("%Y-%m-%d %H:%M:%S.%f %z") {
        batch_.set_sample_id(id);
    }
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t be, size_t bb) override {
        std::string total = std::to_string(job.interval_total);
        return run_job(job, batch_, c_, seed_, key_, emit, be, bb, [&](int64_t i, Rng&, EventBatch& b) {
            TimeUs t = spread(job, i, job.interval_total);
            b.begin(t);
            stamp_.append(t, c_.timezone, b.open_buffer());
            b.append(" WINDBAG Event ");
            b.append(std::to_string(i + 1));
            b.append(" of ");
            b.append(total);
        });
    }

private:
    SampleConfig c_;
    uint64_t seed_, key_;
    TimeFormat stamp_;
    EventBatch batch_;
};

}  // namespace

const GeneratorDescriptor& windbag_generator() {
    static const GeneratorDescriptor d{
        "windbag", {"windbag"}, "numbered WINDBAG lines, no sample file (count -1 or 0: 60 a interval)", false, {}, {},
        nullptr, [](const SampleConfig& c, const PrepareContext&) -> std::unique_ptr<PreparedSample> {
            return std::make_unique<PreparedSynthetic>(
                c,
                [](const SampleConfig& c, uint32_t id, uint64_t seed) -> std::unique_ptr<Generator> {
                    return std::make_unique<WindbagGenerator>(c, id, seed);
                },
                [](const SampleConfig& c, TimeUs now, Rng& rng) { return events_for_interval(c, 60, now, rng); });
        }};
    return d;
}

}  // namespace eventgen
