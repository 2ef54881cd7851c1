#include "cli/generate_command.h"

#include <unistd.h>

#include <filesystem>
#include <random>

#include "check/config_check.h"
#include "common/log.h"
#include "common/strings.h"
#include "common/text_file.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "cli/sample_runner.h"
#include "common/rng.h"
#include "engine/engine.h"
#include "time/relative_time.h"

namespace eventgen {

namespace fs = std::filesystem;

std::vector<ConfSource> conf_sources_for(const std::string& path, std::string& error) {
    std::error_code ec;
    std::vector<ConfSource> out;
    auto app_sources = [&](const fs::path& dir) {
        fs::path app = fs::absolute(dir, ec).lexically_normal();
        if (app.filename().empty()) app = app.parent_path();
        out = app_conf_sources(app.string(), app.filename().string());
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
    // The same warnings `eventgen check` gives about the files themselves.
    for (const ConfSource& src : sources)
        if (std::string unread; auto text = read_text_file(src.path, unread))
            for (const Finding& f : duplicate_findings(*text, src.path)) LOG_WARN(f.describe());
    RunPlan plan;
    plan.confs.push_back(load_eventgen_conf(sources));
    plan.only_sample = o.sample;
    plan.adjust = [&](SampleDefinition& d) { apply_overrides(d, o); };
    plan.command_line_seed = o.seed.has_value();
    plan.engine.seed = o.seed ? *o.seed : os_random_seed();
    plan.engine.seeded = o.seed.has_value();
    plan.engine.output.stdout_fd = STDOUT_FILENO;
    plan.engine.reset_state = o.reset_state;
    if (o.now) plan.engine.start_time = resolve_time_setting(*o.now, RealClock().now(), TimeZone::utc());
    plan.workers = o.generators;
    plan.force_processes = o.multiprocess;
    plan.metrics_interval = o.metrics_interval;
    if (o.shard) {
        std::string why;
        plan.shard = parse_shard(*o.shard, why);  // checked when the command line was read
    }

    StopSignal stop;
    stop.install_signal_handlers();
    int code = run_plan(plan, stop);
    // A run ended by SIGTERM/SIGINT/SIGHUP says so (143, 130, 129), unless it failed anyway.
    return code == 0 ? stop.signal_exit_status() : code;
}

}  // namespace eventgen
