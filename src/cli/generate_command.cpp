#include "cli/generate_command.h"

#include <unistd.h>

#include <filesystem>
#include <random>

#include "common/log.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "engine/engine.h"

namespace eventgen {

namespace fs = std::filesystem;

std::vector<ConfSource> conf_sources_for(const std::string& path, std::string& error) {
    std::error_code ec;
    std::vector<ConfSource> out;
    auto app_sources = [&](const fs::path& dir) {
        fs::path app = fs::absolute(dir, ec).lexically_normal();
        if (app.filename().empty()) app = app.parent_path();
        for (const char* layer : {"default", "local"}) {
            fs::path conf = app / layer / "eventgen.conf";
            if (fs::is_regular_file(conf, ec)) out.push_back(ConfSource{conf.string(), app.filename().string(), app.string()});
        }
        // A bare folder holding eventgen.conf is accepted too.
        if (out.empty() && fs::is_regular_file(app / "eventgen.conf", ec))
            out.push_back(ConfSource{(app / "eventgen.conf").string(), app.filename().string(), app.string()});
        if (out.empty()) error = "no default/eventgen.conf or local/eventgen.conf in " + app.string();
    };
    fs::path p(path);
    if (fs::is_regular_file(p, ec)) {
        fs::path conf = fs::absolute(p, ec).lexically_normal();
        // app/default/eventgen.conf -> the app is two levels up (Eventgen's rule).
        fs::path app = conf.parent_path().parent_path();
        out.push_back(ConfSource{conf.string(), app.filename().string(), app.string()});
        return out;
    }
    if (fs::is_directory(p, ec)) {
        app_sources(p);
        return out;
    }
    if (const char* home = std::getenv("SPLUNK_HOME")) {
        fs::path app = fs::path(home) / "etc" / "apps" / path;
        if (!path.empty() && path.find('/') == std::string::npos && fs::is_directory(app, ec)) {
            app_sources(app);
            return out;
        }
    }
    error = "'" + path + "' is not a file, an app folder, or an app under $SPLUNK_HOME/etc/apps";
    return out;
}

namespace {

void apply_overrides(SampleDefinition& d, const GenerateOptions& o) {
    auto set = [&](const std::string& key, const std::string& value, const std::string& flag) {
        d.settings.set(key, Setting{value, ConfLocation{"<command line>", 0, "", flag}});
    };
    if (o.output_mode) set("outputMode", *o.output_mode, "--" + *o.output_mode);
    if (o.count) {
        set("count", std::to_string(*o.count), "--count");
        d.settings.erase("backfill");  // as in Eventgen: an explicit count turns backfill off
    }
    if (o.interval) set("interval", std::to_string(*o.interval), "--interval");
    if (o.backfill) set("backfill", *o.backfill, "--backfill");
    if (o.end) set("end", *o.end, "--end");
    if (o.generators) set("generatorWorkers", std::to_string(*o.generators), "--generators");
    if (o.multiprocess) set("threading", "process", "--multiprocess");
    if (o.disable_output_queue) set("useOutputQueue", "false", "--disableOutputQueue");
}

uint64_t random_seed() {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

int run_generate(const GenerateOptions& o) {
    if (o.quiet) set_log_level(LogLevel::Error);
    if (o.verbose > 0) set_log_level(LogLevel::Debug);

    std::string error;
    std::vector<ConfSource> sources = conf_sources_for(o.config_path, error);
    if (sources.empty()) {
        LOG_ERROR(error);
        return 1;
    }
    int config_errors = 0;
    EventgenConf conf = load_eventgen_conf(sources);
    for (const auto& p : conf.problems) {
        LOG_ERROR(p.what());
        ++config_errors;
    }
    ResolvedSamples resolved = resolve_samples(conf, ResolveOptions{o.sample});
    for (const auto& w : resolved.warnings) LOG_WARN(w);
    for (const auto& p : resolved.problems) {
        LOG_ERROR(p.what() << " (sample skipped)");
        ++config_errors;
    }

    StopSignal stop;
    stop.install_signal_handlers();
    RealClock clock;
    EngineOptions engine_options;
    engine_options.seed = o.seed ? *o.seed : random_seed();
    engine_options.seeded = o.seed.has_value();
    engine_options.output.stdout_fd = STDOUT_FILENO;
    try {
        // Worker settings are global in Eventgen: [global] decides, the command line overrides.
        engine_options.workers = static_cast<size_t>(o.generators ? *o.generators : conf.globals.integer("generatorWorkers", 1));
        if (engine_options.workers < 1) conf.globals.fail("generatorWorkers", "must be at least 1");
        bool process = o.multiprocess || conf.globals.choice("threading", {"thread", "process"}, "thread") == "process";
        engine_options.mode = process ? WorkerMode::Process : WorkerMode::Thread;
        engine_options.metrics_interval = o.metrics_interval ? *o.metrics_interval : conf.globals.number("metricsInterval", 0);
    } catch (const ConfigError& e) {
        LOG_ERROR(e.what());
        return 1;
    }
    Engine engine(engine_options, clock, stop);

    for (auto& def : resolved.samples) {
        apply_overrides(def, o);
        std::string name = def.name;
        try {
            SampleConfig config = make_sample_config(std::move(def));
            if (o.seed) config.seed.reset();  // the command line seed wins
            for (const auto& [key, s] : config.def.settings.all())
                if (!is_known_setting(key)) LOG_WARN(s.where.describe() << ": unknown setting, ignored");
            engine.add_sample(config);
        } catch (const ConfigError& e) {
            LOG_ERROR(e.what() << " (sample '" << name << "' skipped)");
            ++config_errors;
        }
    }
    if (engine.sample_count() == 0) {
        LOG_ERROR("no sample to run" << (o.sample.empty() ? "" : " (sample '" + o.sample + "' not found or disabled)"));
        return 1;
    }
    LOG_DEBUG("run seed " << engine_options.seed);

    RunResult result = engine.run();
    for (const auto& out : result.outputs) LOG_DEBUG(out);
    if (result.exit_code != 0) return result.exit_code;
    return config_errors > 0 ? 1 : 0;
}

}  // namespace eventgen
