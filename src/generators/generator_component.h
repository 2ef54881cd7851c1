#pragma once
// A generator is a component: one folder under src/generators/ behind one descriptor
// that names its generator values, its settings schema, whether it reads a sample
// file, and prepares a sample for running. generators/registry.cpp lists them all.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/rng.h"
#include "config/setting_schema.h"
#include "generators/generator.h"
#include "time/time_types.h"

namespace eventgen {

struct SampleConfig;
struct ReplayPlan;

// A sample made ready to run: built once (sample file compiled, replay schedule
// measured), then asked for one Generator per worker.
class PreparedSample {
public:
    virtual ~PreparedSample() = default;
    // A worker's own generator (its own copy of the sample and random streams).
    virtual std::unique_ptr<Generator> make_generator(uint32_t sample_id, uint64_t run_seed) const = 0;
    // How many events the interval at `now` makes under the sample's count settings.
    virtual int64_t events_for_interval(const SampleConfig& config, TimeUs now, Rng& rater_rng) const = 0;
    // Average size of a unit of count, newlines included (perDayVolume turns bytes into a count).
    virtual double average_event_bytes(TimeUs now) const = 0;
    // Events one unit of count makes (a bundled CSV sample: all its rows).
    virtual int64_t events_per_unit() const { return 1; }
    // Generators that replay a schedule of their own instead of intervals; null otherwise.
    virtual std::shared_ptr<const ReplayPlan> replay_plan() const { return nullptr; }
    // Whether one interval may be split across workers.
    virtual bool splittable() const { return true; }
    // Sample events that apply their tokens one by one (slow path), for the log.
    virtual size_t sequential_events() const { return 0; }
};

struct PrepareContext {
    TimeUs now = 0;
    // integerid tokens: regex -> the value the run starts from (state of the last run).
    std::vector<std::pair<std::string, int64_t>> saved_ids;
    // Set when the run is asked to stop: long preparations (a large sample's compile)
    // poll it and throw PreparationStopped.
    const std::atomic<bool>* stop = nullptr;
};

struct GeneratorDescriptor {
    std::string name;                  // the main generator value
    std::vector<std::string> names;    // every generator value it answers to (lower case)
    std::string doc;
    bool needs_sample_file = true;
    std::vector<std::string> modes;    // `mode` values that choose it with generator = default
    SettingSchema settings;
    // Validates its settings and applies what it implies (replay: runs once unless
    // `end` says otherwise); throws ConfigError. May be null.
    void (*configure)(SampleConfig& config);
    // Compiles the sample and whatever else it needs; throws ConfigError naming the
    // sample's file and stanza.
    std::unique_ptr<PreparedSample> (*prepare)(const SampleConfig& config, const PrepareContext& context);
};

}  // namespace eventgen
