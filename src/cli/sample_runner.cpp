#include "cli/sample_runner.h"

#include <set>

#include "check/config_check.h"
#include "common/log.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "time/relative_time.h"

namespace eventgen {

Shard resolve_shard(const RunPlan& plan, const SettingsMap& globals) {
    if (plan.shard) return *plan.shard;
    const std::string host = plan.host.empty() ? local_host_name() : plan.host;
    if (plan.input)
        if (auto s = shard_from_settings(*plan.input, host)) return *s;
    if (auto s = shard_from_settings(globals, host)) return *s;
    return Shard{};
}

int run_plan(RunPlan& plan, StopSignal& stop) {
    int config_errors = 0;
    std::vector<SampleDefinition> defs;
    for (const EventgenConf& conf : plan.confs) {
        for (const auto& p : conf.problems) {
            LOG_ERROR(p.what());
            ++config_errors;
        }
        ResolvedSamples resolved = resolve_samples(conf, ResolveOptions{plan.only_sample});
        for (const auto& w : resolved.warnings) LOG_WARN(w);
        for (const auto& p : resolved.problems) {
            LOG_ERROR(p.what() << " (sample skipped)");
            ++config_errors;
        }
        for (auto& d : resolved.samples) defs.push_back(std::move(d));
    }

    EngineOptions options = plan.engine;
    try {
        // Worker settings are global in Eventgen: [global] decides, the command line overrides.
        SettingsMap globals = plan.globals ? *plan.globals : plan.confs.empty() ? SettingsMap() : plan.confs.front().globals;
        options.workers = static_cast<size_t>(plan.workers ? *plan.workers : globals.integer("generatorWorkers", 1));
        if (options.workers < 1 || options.workers > 256) globals.fail("generatorWorkers", "must be between 1 and 256");
        bool process = plan.force_processes || globals.choice("threading", {"thread", "process"}, "thread") == "process";
        options.mode = process ? WorkerMode::Process : WorkerMode::Thread;
        options.metrics_interval = plan.metrics_interval ? *plan.metrics_interval : globals.number("metricsInterval", 0);
        options.shard = resolve_shard(plan, globals);
    } catch (const ConfigError& e) {
        LOG_ERROR(e.what());
        return 1;
    }

    RealClock real;
    std::optional<ShiftedClock> shifted;  // --now
    if (options.start_time) shifted.emplace(real, *options.start_time);
    if (options.shard.sharded())
        LOG_INFO("shard " << options.shard.text() << ": making the events whose sequence number mod "
                          << options.shard.count << " is " << options.shard.index);
    Engine engine(options, shifted ? static_cast<Clock&>(*shifted) : real, stop);
    std::set<std::string> warned;
    bool stopped = false;  // a stop while preparing: the samples ready so far run (and stop) at once
    for (auto& def : defs) {
        if (stop.stop_requested()) {
            stopped = true;
            break;
        }
        if (plan.adjust) plan.adjust(def);
        std::string name = def.name;
        // Before validation, so they show even when the sample has an error too; once
        // per place however many samples share the stanza.
        for (const Finding& f : unknown_setting_findings(def))
            if (warned.insert(f.describe()).second) LOG_WARN(f.describe());
        std::string stanza = ConfLocation{def.file_path, 0, def.stanza, ""}.describe();
        try {
            SampleConfig config = make_sample_config(std::move(def));
            if (plan.command_line_seed) config.seed.reset();
            engine.add_sample(config);
        } catch (const PreparationStopped&) {
            stopped = true;
            break;
        } catch (const ConfigError& e) {
            LOG_ERROR(e.what() << " (sample '" << name << "' skipped)");
            ++config_errors;
        } catch (const std::exception& e) {
            // Never let one sample's surprise end the run for the others.
            LOG_ERROR(stanza << ": " << e.what() << " (sample '" << name << "' skipped)");
            ++config_errors;
        }
    }
    if (stopped) LOG_INFO("stop requested while preparing the samples; " << engine.sample_count() << " were ready");
    if (stopped && engine.sample_count() == 0) return 0;  // the caller adds the signal's exit status
    if (engine.sample_count() == 0) {
        LOG_ERROR("no sample to run"
                  << (plan.only_sample.empty() ? "" : " (sample '" + plan.only_sample + "' not found or disabled)"));
        return 1;
    }
    LOG_DEBUG("run seed " << options.seed);
    RunResult result = engine.run();
    for (const auto& out : result.outputs) LOG_DEBUG(out);
    if (result.exit_code != 0) return result.exit_code;
    return config_errors > 0 ? 1 : 0;
}

}  // namespace eventgen
