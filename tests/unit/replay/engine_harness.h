#pragma once
// Runs the real engine in-process on a ManualClock, so schedules that span minutes
// (replay spacing, backfill, several intervals) are checked without waiting.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_config.h"
#include "config/sample_resolver.h"
#include "engine/engine.h"

namespace eventgen::test {

struct StreamedEvent {
    double time = 0;
    std::string data, host, index, source, sourcetype;
};

class EngineHarness {
public:
    EngineHarness() {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() / ("eg-engine-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
    }
    ~EngineHarness() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string dir() const { return dir_.string(); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }

    // Loads `conf` (sampleDir defaults to the harness folder) into sample configs.
    std::vector<SampleConfig> configs(const std::string& conf) const {
        write("eventgen.conf", "[global]\nsampleDir = .\n" + conf);
        EventgenConf c = load_eventgen_conf({ConfSource{(dir_ / "eventgen.conf").string(), "test", dir()}});
        ResolvedSamples r = resolve_samples(c);
        if (!r.problems.empty()) throw std::runtime_error(r.problems.front().what());
        std::vector<SampleConfig> out;
        for (auto& d : r.samples) out.push_back(make_sample_config(std::move(d)));
        return out;
    }

    // Runs the engine from `start` (epoch microseconds) until every sample ends, or
    // until `stop_after_events` events were written (then a stop is requested).
    RunResult run(const std::string& conf, TimeUs start, size_t workers = 1, size_t stop_after_events = 0) {
        std::string out = (dir_ / "stream.xml").string();
        int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        ManualClock clock(start);
        StopSignal stop;
        EngineOptions opt;
        opt.seed = 7;
        opt.seeded = true;
        opt.workers = workers;
        opt.output.stdout_fd = fd;
        Engine engine(opt, clock, stop);
        for (const auto& c : configs(conf)) engine.add_sample(c);
        std::thread watcher;
        std::atomic<bool> done{false};
        if (stop_after_events > 0) {
            watcher = std::thread([&] {
                // Stop a run that would go on forever once enough events came out.
                while (!done) {
                    if (count_in(out) >= stop_after_events) {
                        stop.request_stop();
                        return;
                    }
                    std::this_thread::yield();
                }
            });
        }
        RunResult r = engine.run();
        done = true;
        if (watcher.joinable()) watcher.join();
        ::close(fd);
        events_ = parse(out);
        return r;
    }
    const std::vector<StreamedEvent>& events() const { return events_; }

private:
    static size_t count_in(const std::string& path) {
        std::ifstream in(path);
        std::string line;
        size_t n = 0;
        while (std::getline(in, line)) n += line.find("</event>") != std::string::npos;
        return n;
    }
    static std::vector<StreamedEvent> parse(const std::string& path) {
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        pugi::xml_document doc;
        std::vector<StreamedEvent> out;
        if (!doc.load_string(text.c_str())) return out;
        for (auto e : doc.child("stream").children("event")) {
            StreamedEvent ev;
            ev.time = std::stod(e.child_value("time"));
            ev.data = e.child_value("data");
            ev.host = e.child_value("host");
            ev.index = e.child_value("index");
            ev.source = e.child_value("source");
            ev.sourcetype = e.child_value("sourcetype");
            out.push_back(std::move(ev));
        }
        return out;
    }
    std::filesystem::path dir_;
    std::vector<StreamedEvent> events_;
};

// 12 events over 21 seconds (SA-Eventgen's replay example).
inline const char* kReplaySample =
    "2014-01-04 20:00:00 WINDBAG Event 1 of 12\n2014-01-04 20:00:01 WINDBAG Event 2 of 12\n"
    "2014-01-04 20:00:02 WINDBAG Event 3 of 12\n2014-01-04 20:00:03 WINDBAG Event 4 of 12\n"
    "2014-01-04 20:00:03 WINDBAG Event 5 of 12\n2014-01-04 20:00:04 WINDBAG Event 6 of 12\n"
    "2014-01-04 20:00:05 WINDBAG Event 7 of 12\n2014-01-04 20:00:06 WINDBAG Event 8 of 12\n"
    "2014-01-04 20:00:08 WINDBAG Event 9 of 12\n2014-01-04 20:00:20 WINDBAG Event 10 of 12\n"
    "2014-01-04 20:00:21 WINDBAG Event 11 of 12\n2014-01-04 20:00:21 WINDBAG Event 12 of 12\n";
inline const std::vector<int> kReplayOffsets = {0, 1, 2, 3, 3, 4, 5, 6, 8, 20, 21, 21};

}  // namespace eventgen::test
