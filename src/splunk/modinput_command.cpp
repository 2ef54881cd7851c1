#include "splunk/modinput_command.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <set>

#include "cli/sample_runner.h"
#include "common/log.h"
#include "common/rng.h"
#include "common/strings.h"
#include "common/text_file.h"
#include "outputs/registry.h"
#include "splunk/app_discovery.h"
#include "splunk/modinput_protocol.h"
#include "splunk/splunkd_rest.h"
#include "splunk/stdin_document.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

// splunkd writes the document and closes the pipe; stop early at </input> or
// </items> in case the pipe is kept open.
std::string read_stdin_document(const char* closing_tag) {
    // splunkd writes at once; a silent stdin is more likely a person or a script.
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&pfd, 1, 5000);
    } while (ready < 0 && errno == EINTR);
    if (ready == 0)
        LOG_INFO("waiting for splunkd's input configuration on stdin; to run from a shell use `eventgen generate "
                 "CONFIG` (see eventgen --help)");
    return read_document(STDIN_FILENO, closing_tag);
}

// Only one enabled stanza generates at a time, so two stanzas never double the data:
// the others wait for the lock (and take over if the first is disabled).
bool acquire_generator_lock(const std::string& checkpoint_dir, const std::string& stanza, StopSignal& stop) {
    std::error_code ec;
    fs::create_directories(checkpoint_dir, ec);
    std::string path = (fs::path(checkpoint_dir) / "eventgen.lock").string();
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        LOG_WARN("cannot open " << path << " (" << std::strerror(errno) << "); running without the single-input lock");
        return true;
    }
    bool warned = false;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (!warned) {
            LOG_WARN("another " << kSchemeName << " input is already generating; " << stanza
                                << " waits and takes over if that one stops (one generator avoids doubled data)");
            warned = true;
        }
        if (stop.wait_for(1000000)) return false;
    }
    std::string owner = stanza + " pid=" + std::to_string(getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
        ssize_t w = ::write(fd, owner.data(), owner.size());
        (void)w;
    }
    return true;  // fd stays open: the lock lives as long as the process
}

void apply_verbosity(const std::map<std::string, std::string>& params) {
    int verbosity = 30;  // warnings and errors: what an admin needs in splunkd.log
    if (auto it = params.find("verbosity"); it != params.end())
        if (auto v = parse_int(it->second)) verbosity = static_cast<int>(*v);
    // 30 (our default) shows warnings and errors; 20 adds the INFO start and summary lines.
    set_log_level(log_level_from_verbosity(verbosity));
}

}  // namespace

int run_scheme() {
    std::cout << scheme_xml();
    return 0;
}

int run_validate_arguments() {
    std::string error;
    auto def = parse_validation_definition(read_stdin_document("</items>"), error);
    if (!def) {
        std::cout << validation_error_xml(error);
        return 1;
    }
    std::string problem = validate_input_params(def->item.params);
    if (!problem.empty()) {
        std::cout << validation_error_xml(problem);
        return 1;
    }
    return 0;
}

std::string read_input_document() { return read_stdin_document("</input>"); }

int run_modular_input(const std::string& document) {
    std::string error;
    auto input = parse_input_definition(document, error);
    if (!input) {
        LOG_ERROR(error);
        return 1;
    }
    if (input->stanzas.empty()) return 0;  // nothing configured: nothing to do
    const InputStanza& stanza = input->stanzas.front();
    apply_verbosity(stanza.params);

    std::string splunk_home = find_splunk_home();
    std::string own_dir = own_app_dir();
    std::string own_app = own_dir.empty() ? "SA-Eventgen" : fs::path(own_dir).filename().string();
    if (!splunk_home.empty()) {
        fs::path log_dir = fs::path(splunk_home) / "var" / "log" / "splunk";
        std::error_code ec;
        fs::create_directories(log_dir, ec);
        if (!open_log_file((log_dir / "eventgen.log").string()))
            LOG_WARN("cannot write " << (log_dir / "eventgen.log").string() << "; logging to splunkd.log only");
    }
    LOG_INFO("starting for input " << stanza.name << " (app " << stanza.app << "), SPLUNK_HOME="
                                   << (splunk_home.empty() ? "<unknown>" : splunk_home));

    RunPlan plan;
    StopSignal stop;
    stop.install_signal_handlers();
    std::string checkpoint = input->checkpoint_dir.empty()
                                 ? (fs::path(splunk_home) / "var/lib/splunk/modinputs" / kSchemeName).string()
                                 : input->checkpoint_dir;
    if (!acquire_generator_lock(checkpoint, stanza.name, stop)) return 0;

    // Where the configuration comes from: every app's files, or splunkd's REST view.
    // Worker settings are SA-Eventgen's own [global], not any one app's.
    // SA-Eventgen's files are read once: they also lie under every app's stanzas below.
    std::vector<std::pair<ConfSource, ConfFile>> own_globals;
    for (const ConfSource& src : app_conf_sources(own_dir, own_app, true)) {
        if (std::string unread; auto text = read_text_file(src.path, unread))
            own_globals.emplace_back(src, parse_conf(*text, src.path));
        else
            LOG_WARN(src.path << ": cannot read configuration file; its [global] settings are not applied");
    }
    plan.globals = load_eventgen_conf_parsed(own_globals).globals;
    std::string source = "files";
    if (auto it = stanza.params.find("config_source"); it != stanza.params.end() && !trim(it->second).empty())
        source = to_lower(trim(it->second));
    bool from_files = source != "rest" && !splunk_home.empty();
    if (!from_files) {
        RestConfResult rest = fetch_eventgen_conf(input->server_uri, input->session_key, own_app, splunk_home);
        if (rest.error.empty()) {
            for (auto& [src, file] : rest.apps) {
                std::vector<std::pair<ConfSource, ConfFile>> files = own_globals;
                files.emplace_back(src, file);
                plan.confs.push_back(load_eventgen_conf_parsed(files));
            }
            LOG_INFO("read eventgen.conf of " << rest.apps.size() << " app(s) from splunkd");
        } else if (!splunk_home.empty()) {
            LOG_WARN(rest.error << "; reading the apps' eventgen.conf files instead");
            from_files = true;
        } else {
            LOG_ERROR(rest.error << ", and SPLUNK_HOME is unknown: no configuration to run");
            return 1;
        }
    }
    if (from_files) {
        std::vector<std::string> notes;
        for (const AppConf& app : discover_app_confs(splunk_home, own_app, notes))
            plan.confs.push_back(load_eventgen_conf(app.sources));
        for (const auto& n : notes) LOG_INFO(n);
        LOG_INFO("found eventgen.conf in " << plan.confs.size() << " app(s) under " << splunk_home << "/etc/apps");
    }

    // As in SA-Eventgen, events go into this input's stream unless a sample writes a
    // file or the spool folder, or the input keeps configured output modes.
    bool keep_outputs = false;
    if (auto it = stanza.params.find("keep_output_mode"); it != stanza.params.end())
        keep_outputs = parse_bool(it->second).value_or(false);
    plan.adjust = [keep_outputs](SampleDefinition& d) {
        // Each output says what becomes of it here (stdout would corrupt the stream, a
        // file stays a file); unknown modes are left for validation to report.
        // An unknown mode joins the stream too, unless the input keeps output modes
        // (then validation reports it).
        const OutputDescriptor& stream = modinput_stream_output();
        const OutputDescriptor* out = find_output(to_lower(trim(d.settings.str("outputMode", stream.name))));
        UnderModinput rule = out ? out->traits.under_modinput : UnderModinput::KeepOutputMode;
        if (out == &stream || rule == UnderModinput::Keep || (rule == UnderModinput::KeepOutputMode && keep_outputs))
            return;
        d.settings.set("outputMode", Setting{stream.name, ConfLocation{"<modular input>", 0, d.stanza, "outputMode"}});
    };
    plan.engine.seed = os_random_seed();
    plan.engine.output.stdout_fd = STDOUT_FILENO;
    plan.engine.output.modinput_stanza = stanza.name;
    plan.engine.state_dir = checkpoint;
    plan.engine.watch_parent = true;
    // Metrics lines feed the app's Status page and admins' searches of _internal.
    plan.engine.metrics_interval = 60;
    if (auto it = stanza.params.find("metrics_interval"); it != stanza.params.end())
        if (auto v = parse_double(it->second)) plan.engine.metrics_interval = *v;
    // shard / shard_hosts of this stanza beat [global]; shard_hosts is matched against
    // the name splunkd knows this server by (serverName), else the system's.
    plan.input = input_settings(stanza.name, stanza.params);
    plan.host = !input->server_host.empty() ? input->server_host : local_host_name();
    if (const char* h = std::getenv("EVENTGEN_HOST"); h && *h) plan.host = h;
    int code = run_plan(plan, stop);
    LOG_INFO("stopped, exit code " << code);
    close_log_file();
    return code;
}

}  // namespace eventgen
