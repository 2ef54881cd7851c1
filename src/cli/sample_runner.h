#pragma once
// What `eventgen generate` and the modular input share: load configuration sets
// (one per app), validate every sample, and run the engine over all of them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_definition.h"
#include "config/shard.h"
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
    // The shard: --shard decides; else the modular input's stanza (`input`, its
    // settings located as inputs.conf [stanza] key); else [global]. `host` is the
    // name shard_hosts is matched against.
    std::optional<Shard> shard;
    std::optional<SettingsMap> input;
    std::string host;
};

// The run's shard by the rule above; throws ConfigError naming where a bad value is.
Shard resolve_shard(const RunPlan& plan, const SettingsMap& globals);

// Reports every configuration problem, runs what is valid, returns the exit code:
// 0 when every sample ran to its end, 1 when a sample could not run or an output failed.
int run_plan(RunPlan& plan, StopSignal& stop);

}  // namespace eventgen
