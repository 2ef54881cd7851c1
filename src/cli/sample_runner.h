#pragma once
// What `eventgen generate` and the modular input share: load configuration sets
// (one per app), validate every sample, and run the engine over all of them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_definition.h"
#include "engine/engine.h"

namespace eventgen {

struct RunPlan {
    std::vector<EventgenConf> confs;  // one per app (the CLI has one)
    std::string only_sample;          // -s/--sample
    // Applied to each sample's settings before validation (command-line overrides,
    // the modular input's output mode rule).
    std::function<void(SampleDefinition&)> adjust;
    bool command_line_seed = false;   // a --seed overrides the samples' own
    EngineOptions engine;
    // Settings of the whole run (generatorWorkers, threading, metricsInterval); the
    // first configuration's [global] when not given.
    std::optional<SettingsMap> globals;
    // Worker count / threading / metrics from [global] unless these are set.
    std::optional<long long> workers;
    bool force_processes = false;
    std::optional<double> metrics_interval;
};

// Reports every configuration problem, runs what is valid, returns the exit code:
// 0 when every sample ran to its end, 1 when a sample could not run or an output failed.
int run_plan(RunPlan& plan, StopSignal& stop);

}  // namespace eventgen
