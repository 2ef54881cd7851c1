#include "splunk/search_preview.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <pugixml.hpp>
#include <set>
#include <thread>

#include "common/log.h"
#include "common/rng.h"
#include "common/strings.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "engine/clock.h"
#include "engine/engine.h"
#include "splunk/app_discovery.h"

namespace eventgen::search {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxMessages = 20;

// Collects what the engine logs at WARN and above while the preview runs, so the user
// sees it in Splunk's UI and not only in search.log.
class LoggedMessages {
public:
    explicit LoggedMessages(std::vector<InspectorMessage>& out) : out_(out) {
        set_log_observer([this](LogLevel level, const std::string& text) {
            if (level < LogLevel::Warning) return;
            add(level >= LogLevel::Error ? "ERROR" : "WARN", text);
        });
    }
    ~LoggedMessages() { set_log_observer(nullptr); }
    void add(const std::string& level, const std::string& text) {
        std::lock_guard<std::mutex> lock(mu_);
        if (out_.size() >= kMaxMessages || !seen_.insert(text).second) return;
        out_.push_back(InspectorMessage{level, text});
    }

private:
    std::vector<InspectorMessage>& out_;
    std::mutex mu_;
    std::set<std::string> seen_;
};

// Reads the modular input stream the engine writes into the pipe and turns each
// <event> into a row. Stops the engine once `want` rows are in or the deadline passes;
// reads on to the end of the pipe either way so the engine never blocks on it.
class StreamCapture {
public:
    StreamCapture(int fd, size_t want, std::chrono::steady_clock::time_point deadline, StopSignal& stop)
        : fd_(fd), want_(want), deadline_(deadline), stop_(stop) {
        thread_ = std::thread([this] { run(); });
    }
    ~StreamCapture() {
        if (thread_.joinable()) thread_.join();
    }
    // Waits for the end of the stream (the write end closed).
    void finish() {
        if (thread_.joinable()) thread_.join();
    }
    std::vector<PreviewRow>& rows() { return rows_; }
    bool budget_spent() const { return budget_spent_.load(); }
    const std::string& parse_error() const { return parse_error_; }

private:
    void run() {
        char buf[65536];
        while (true) {
            int wait_ms = -1;
            if (!stopping_) {
                auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ -
                                                                                  std::chrono::steady_clock::now());
                wait_ms = static_cast<int>(std::max<int64_t>(left.count(), 0));
            }
            pollfd p{fd_, POLLIN, 0};
            int ready = ::poll(&p, 1, wait_ms);
            if (ready < 0 && errno == EINTR) continue;
            if (ready == 0) {
                budget_spent_ = true;
                stop();
                continue;
            }
            ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            if (stopping_) continue;  // enough: drain
            pending_.append(buf, static_cast<size_t>(n));
            take_events();
            if (std::chrono::steady_clock::now() >= deadline_ && !stopping_) {
                budget_spent_ = true;
                stop();
            }
        }
    }
    void stop() {
        stopping_ = true;
        stop_.request_stop();
    }
    void take_events() {
        // Event text is XML-escaped, so "</event>" only ever closes an event.
        static constexpr std::string_view kClose = "</event>";
        size_t pos = 0;
        while (rows_.size() < want_) {
            size_t open = pending_.find("<event", pos);
            if (open == std::string::npos) break;
            size_t close = pending_.find(kClose, open);
            if (close == std::string::npos) {
                pos = open;
                break;
            }
            size_t end = close + kClose.size();
            add_row(std::string_view(pending_).substr(open, end - open));
            pos = end;
        }
        pending_.erase(0, pos);
        if (rows_.size() >= want_) stop();
    }
    void add_row(std::string_view fragment) {
        pugi::xml_document doc;
        pugi::xml_parse_result r = doc.load_buffer(fragment.data(), fragment.size(), pugi::parse_default,
                                                   pugi::encoding_utf8);
        pugi::xml_node e = doc.child("event");
        if (!r || !e) {
            if (parse_error_.empty()) parse_error_ = std::string("unreadable event in the stream: ") + r.description();
            return;
        }
        rows_.push_back(PreviewRow{e.child_value("time"), e.child_value("data"), e.child_value("host"),
                                   e.child_value("source"), e.child_value("sourcetype"), e.child_value("index")});
    }

    int fd_;
    size_t want_;
    std::chrono::steady_clock::time_point deadline_;
    StopSignal& stop_;
    std::thread thread_;
    std::string pending_;
    std::vector<PreviewRow> rows_;
    bool stopping_ = false;
    std::atomic<bool> budget_spent_{false};
    std::string parse_error_;
};

// The sample's settings as the preview runs them: into the modular input stream
// (which this code reads), with the search's time range if it gave one, and past its
// `end`: a stanza with end = 1 and count = 5 still previews `count` events (those of
// its first intervals), which is what a preview is for.
void adjust_for_preview(SampleDefinition& d, const PreviewRequest& req) {
    auto set = [&](const std::string& key, const std::string& value) {
        d.settings.set(key, Setting{value, ConfLocation{"<search command>", 0, d.stanza, key}});
    };
    set("outputMode", "modinput");
    set("end", "-1");  // forever; erasing it would let replay fall back to one pass
    if (req.earliest) set("earliest", *req.earliest);
    if (req.latest) set("latest", *req.latest);
}

std::string stanza_names(const std::vector<EventgenConf>& confs) {
    std::string out;
    size_t n = 0;
    for (const auto& conf : confs)
        for (const auto& s : conf.stanzas) {
            if (n == 10) return out + ", ...";
            out += (n++ ? ", " : "") + s.name;
        }
    return out.empty() ? "none" : out;
}

}  // namespace

const std::vector<std::string>& preview_fields() {
    static const std::vector<std::string> fields = {"_time", "_raw", "host", "source", "sourcetype", "index"};
    return fields;
}

std::vector<EventgenConf> load_app_confs(const std::string& app, std::vector<InspectorMessage>& messages) {
    std::vector<EventgenConf> confs;
    std::string home = find_splunk_home();
    if (home.empty()) {
        messages.push_back({"ERROR", "cannot find the Splunk installation: SPLUNK_HOME is not set and the command "
                                     "does not run from $SPLUNK_HOME/etc/apps/<app>/"});
        return confs;
    }
    std::string own_dir = own_app_dir();
    std::string own_app = own_dir.empty() ? "SA-Eventgen" : fs::path(own_dir).filename().string();
    std::vector<std::string> notes;
    std::vector<std::string> names;
    for (const AppConf& a : discover_app_confs(home, own_app, notes)) {
        names.push_back(a.app);
        if (app.empty() || a.app == app) confs.push_back(load_eventgen_conf(a.sources));
    }
    if (!app.empty() && confs.empty()) {
        fs::path dir = fs::path(home) / "etc" / "apps" / app;
        std::error_code ec;
        std::string why = !fs::is_directory(dir, ec) ? "there is no app '" + app + "' in " + (fs::path(home) / "etc/apps").string()
                          : !app_enabled(dir.string()) ? "app '" + app + "' is disabled"
                                                       : "app '" + app + "' has no default/ or local/eventgen.conf";
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        messages.push_back({"ERROR", why + " (apps with eventgen.conf: " + (list.empty() ? "none" : list) + ")"});
    }
    return confs;
}

PreviewResult run_preview(const std::vector<EventgenConf>& confs, const PreviewRequest& request,
                          const CommandLimits& limits) {
    PreviewResult result;
    LoggedMessages logged(result.messages);
    auto started = std::chrono::steady_clock::now();

    // The stanza's samples in every app that has it, as `generate -s` picks them.
    std::vector<SampleDefinition> defs;
    std::vector<std::string> problems;
    for (const EventgenConf& conf : confs) {
        ResolvedSamples resolved = resolve_samples(conf, ResolveOptions{request.stanza});
        for (const auto& w : resolved.warnings) logged.add("WARN", w);
        for (const auto& p : resolved.problems) problems.push_back(p.what());
        if (resolved.samples.empty() && resolved.problems.empty()) continue;
        for (const auto& p : conf.problems) logged.add("WARN", p.what());
        for (auto& d : resolved.samples) defs.push_back(std::move(d));
    }

    uint64_t seed = request.seed ? *request.seed : os_random_seed();
    EngineOptions options;
    options.seed = seed;
    options.seeded = request.seed.has_value();
    options.save_state = false;  // a preview never moves integerid counters
    options.workers = 1;         // one worker keeps the events in the stream's order
    options.mode = WorkerMode::Thread;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        result.messages.push_back({"ERROR", std::string("cannot create a pipe: ") + std::strerror(errno)});
        return result;
    }
    options.output.stdout_fd = fds[1];

    RealClock real;
    ManualClock clock(real.now());  // intervals come one after another, without waiting
    StopSignal stop;
    Engine engine(options, clock, stop);
    for (auto& def : defs) {
        adjust_for_preview(def, request);
        std::string name = def.name;
        try {
            SampleConfig config = make_sample_config(std::move(def));
            if (request.seed) config.seed.reset();
            for (const auto& [key, s] : config.def.settings.all())
                if (!is_known_setting(key)) logged.add("WARN", s.where.describe() + ": unknown setting, ignored");
            engine.add_sample(config);
        } catch (const ConfigError& e) {
            problems.push_back(std::string(e.what()) + " (sample '" + name + "')");
        }
    }
    if (engine.sample_count() == 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        std::string text = !problems.empty() ? problems.front()
                           : confs.empty()   ? "no app has an eventgen.conf"
                                             : "no sample matches stanza=" + request.stanza +
                                                 (request.app.empty() ? "" : " in app " + request.app) +
                                                 " (stanzas: " + stanza_names(confs) + ")";
        result.messages.insert(result.messages.begin(), InspectorMessage{"ERROR", text});
        return result;
    }
    for (const auto& p : problems) logged.add("WARN", p);

    auto budget = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(limits.time_budget));
    StreamCapture capture(fds[0], static_cast<size_t>(request.count), started + budget, stop);
    RunResult run = engine.run();
    ::close(fds[1]);
    capture.finish();
    ::close(fds[0]);

    result.rows = std::move(capture.rows());
    if (!capture.parse_error().empty()) logged.add("ERROR", capture.parse_error());
    if (capture.budget_spent() && result.rows.size() < static_cast<size_t>(request.count)) {
        char secs[32];
        snprintf(secs, sizeof secs, "%g", limits.time_budget);
        logged.add("WARN", "stopped after " + std::string(secs) + " s (the preview's time budget, --time-budget in "
                           "commands.conf) with " + std::to_string(result.rows.size()) + " of " +
                           std::to_string(request.count) + " events");
    } else if (!stop.stop_requested() && result.rows.size() < static_cast<size_t>(request.count)) {
        logged.add("INFO", "the sample ended (its end/count settings) after " + std::to_string(result.rows.size()) +
                               " events");
    }
    if (!run.error.empty()) logged.add("ERROR", run.error);
    return result;
}

}  // namespace eventgen::search
