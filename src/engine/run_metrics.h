#pragma once
// The metrics and summary lines of a run: one stable key=value form, documented in
// README.md ("Metrics lines") and extracted by default/props.conf (sourcetype
// eventgen_metrics), so Splunk admins and the app's Status page can search them.
//
// A report is one line for the run, one per sample and (in the summary) one per
// output. Every line starts with its report word (`metrics` while running,
// `summary` at the end) followed by scope=run|sample|output. Counters are totals
// since the run started; the delta_* keys hold what happened since the previous
// report, so sum(delta_events) over any time range is exact.
//
// Bytes: a sample's `bytes` counts the text of its delivered events (what Splunk
// indexes: no line breaks, no framing); an output's `written_bytes` counts what the
// output wrote, framing included (XML stream, HEC JSON, newlines). Failed events
// are counted in `failed`, never in `bytes`.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace eventgen {

// Who reports: host (gethostname, or $EVENTGEN_METRICS_HOST), the run id
// ($EVENTGEN_RUN_ID, else 12 random hex digits per run) and the shard (I/N; 0/1 when
// not sharded). The engine fills all three; empty fields are left out of the lines.
struct MetricsIdentity {
    std::string host;
    std::string run_id;
    std::string shard;
    static MetricsIdentity from_environment();
};

struct SampleFigures {
    std::string name, app;
    uint64_t events = 0, bytes = 0, failed = 0, resent = 0;
};

struct OutputFigures {
    std::string name;
    uint64_t events = 0, written_bytes = 0, failed = 0;
};

struct RunFigures {
    bool final_report = false;
    double seconds = 0;  // since the run started
    size_t workers = 0;
    bool processes = false;
    uint64_t worker_restarts = 0;
    std::vector<size_t> ring_depths;
    std::vector<SampleFigures> samples;
    std::vector<OutputFigures> outputs;  // only read for the final report
};

// Turns successive figures into lines; remembers the previous report for deltas.
class MetricsReporter {
public:
    explicit MetricsReporter(MetricsIdentity identity) : identity_(std::move(identity)) {}
    std::vector<std::string> lines(const RunFigures& figures);

private:
    struct Previous {
        uint64_t events = 0, bytes = 0, failed = 0, resent = 0;
    };
    std::string identity_fields() const;
    MetricsIdentity identity_;
    double previous_seconds_ = 0;
    Previous previous_run_;
    std::map<std::string, Previous> previous_samples_;
};

// A value as the lines write it: bare when it is a plain token, else in double
// quotes with \" and \\ escaped (Splunk's key="value" form).
std::string metrics_value(const std::string& value);

}  // namespace eventgen
