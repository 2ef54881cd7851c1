#include "engine/run_metrics.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "common/rng.h"

namespace eventgen {

MetricsIdentity MetricsIdentity::from_environment() {
    MetricsIdentity id;
    if (const char* h = std::getenv("EVENTGEN_METRICS_HOST"); h && *h) {
        id.host = h;
    } else {
        char buf[256] = {};
        if (gethostname(buf, sizeof buf - 1) == 0) id.host = buf;
    }
    if (id.host.empty()) id.host = "localhost";
    // One id per run; the shards of a fleet share one when it is given to them all.
    if (const char* r = std::getenv("EVENTGEN_RUN_ID"); r && *r) {
        id.run_id = r;
    } else {
        char buf[32];
        unsigned long long bits = os_random_seed() & 0xFFFFFFFFFFFFULL;
        std::snprintf(buf, sizeof buf, "%012llx", bits);
        id.run_id = buf;
    }
    return id;
}

std::string metrics_value(const std::string& value) {
    bool plain = !value.empty();
    for (char c : value)
        if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == ':' || c == '/'))
            plain = false;
    if (plain) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out + "\"";
}

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

double per_second(uint64_t n, double seconds) { return seconds > 0 ? static_cast<double>(n) / seconds : 0.0; }

}  // namespace

std::string MetricsReporter::identity_fields() const {
    std::string s = " host=" + metrics_value(identity_.host);
    if (!identity_.run_id.empty()) s += " run_id=" + metrics_value(identity_.run_id);
    if (!identity_.shard.empty()) s += " shard=" + metrics_value(identity_.shard);
    return s;
}

std::vector<std::string> MetricsReporter::lines(const RunFigures& f) {
    const char* report = f.final_report ? "summary" : "metrics";
    const double delta_seconds = f.seconds - previous_seconds_;
    std::vector<std::string> out;

    Previous run;
    for (const auto& s : f.samples) {
        run.events += s.events;
        run.bytes += s.bytes;
        run.failed += s.failed;
        run.resent += s.resent;
    }
    // The counters a line carries, totals then deltas; rates are over the last
    // interval while running, over the whole run in the summary.
    auto counters = [&](const Previous& now, const Previous& before) {
        uint64_t de = now.events - before.events, db = now.bytes - before.bytes;
        double rate_seconds = f.final_report ? f.seconds : delta_seconds;
        uint64_t re = f.final_report ? now.events : de, rb = f.final_report ? now.bytes : db;
        std::ostringstream l;
        l << " events=" << now.events << " bytes=" << now.bytes << " failed=" << now.failed
          << " resent=" << now.resent << " events_per_second=" << fixed(per_second(re, rate_seconds), 1)
          << " bytes_per_second=" << fixed(per_second(rb, rate_seconds), 0) << " delta_events=" << de
          << " delta_bytes=" << db << " delta_failed=" << (now.failed - before.failed)
          << " delta_resent=" << (now.resent - before.resent) << " delta_seconds=" << fixed(delta_seconds, 3);
        return l.str();
    };

    std::ostringstream head;
    head << report << counters(run, previous_run_) << " seconds=" << fixed(f.seconds, 3)
         << " scope=run" << identity_fields() << " samples=" << f.samples.size() << " workers=" << f.workers
         << " worker_mode=" << (f.processes ? "process" : "thread") << " worker_restarts=" << f.worker_restarts;
    if (!f.ring_depths.empty()) {
        head << " ring_depth=";
        for (size_t i = 0; i < f.ring_depths.size(); ++i) head << (i ? "," : "") << f.ring_depths[i];
    }
    out.push_back(head.str());
    previous_run_ = run;

    for (const auto& s : f.samples) {
        Previous now{s.events, s.bytes, s.failed, s.resent};
        // Two samples may share a name in different apps.
        Previous& before = previous_samples_[s.app + "\n" + s.name];
        out.push_back(std::string(report) + counters(now, before) + " scope=sample sample=" + metrics_value(s.name) +
                      " app=" + metrics_value(s.app.empty() ? "-" : s.app) + identity_fields());
        before = now;
    }
    if (f.final_report)
        for (const auto& o : f.outputs)
            out.push_back(std::string(report) + " scope=output output=" + metrics_value(o.name) +
                          " events=" + std::to_string(o.events) + " written_bytes=" + std::to_string(o.written_bytes) +
                          " failed=" + std::to_string(o.failed) + identity_fields());
    previous_seconds_ = f.seconds;
    return out;
}

}  // namespace eventgen
