#pragma once
// Runs the samples: one timer per sample turns intervals into jobs, generators render
// the jobs into batches, and the output writer delivers them. Stops when every
// sample has reached its end, on a stop request, or when an output fails.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "engine/clock.h"
#include "engine/stop_signal.h"
#include "generators/sample_generator.h"
#include "outputs/output_writer.h"

namespace eventgen {

struct EngineOptions {
    uint64_t seed = 0;  // run seed used by samples without their own `seed`
    OutputOptions output;
    bool save_state = true;  // write integerid state files at the end of the run
};

struct SampleSummary {
    std::string name;
    uint64_t events = 0, bytes = 0, failed = 0, intervals = 0;
    size_t sequential_events = 0;  // sample events that need per-event regex work
};

struct RunResult {
    int exit_code = 0;
    std::string error;  // the fatal error, if any
    std::vector<SampleSummary> samples;
    double seconds = 0;
};

class Engine {
public:
    Engine(EngineOptions options, Clock& clock, StopSignal& stop);
    ~Engine();

    // Compiles a sample and registers it; throws ConfigError (the caller reports it and
    // carries on with the other samples).
    void add_sample(const SampleConfig& config);
    size_t sample_count() const;

    RunResult run();

private:
    struct Runtime;
    void run_interval(Runtime& rt, const struct IntervalPlan& plan);
    void save_state();

    EngineOptions options_;
    Clock& clock_;
    StopSignal& stop_;
    OutputWriter writer_;
    std::vector<std::unique_ptr<Runtime>> samples_;
};

}  // namespace eventgen
