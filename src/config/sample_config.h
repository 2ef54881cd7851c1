#pragma once
// The typed, validated settings of one sample. Built from a SampleDefinition; every
// malformed value raises a ConfigError naming its file, line, stanza and key.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <memory>
#include "config/sample_definition.h"
#include "time/time_zone.h"

namespace eventgen {

struct OutputDescriptor;
class OutputConfig;
struct GeneratorDescriptor;

// A rate table such as hourOfDayRate: the factor for each hour/day/minute/month key.
struct RateTable {
    std::map<int, double> factors;  // missing keys mean factor 1.0
    bool empty() const { return factors.empty(); }
    double at(int key) const {
        auto it = factors.find(key);
        return it == factors.end() ? 1.0 : it->second;
    }
};

// `end`: run forever, stop after a number of intervals, or stop at a time.
struct EndCondition {
    enum class Kind { Forever, Executions, AtTime } kind = Kind::Forever;
    int64_t executions = 0;
    std::string time_spec;  // resolved against the start time of the run
};

struct SampleConfig {
    SampleDefinition def;  // name, files, raw settings and token specs

    // Sample file
    std::string sampletype = "raw";  // raw | csv
    std::string breaker;             // regex; the default means "one event per line"
    bool line_mode = true;           // breaker left at its default
    bool bundlelines = false;

    // Scheduling and volume
    std::string mode = "sample";         // sample | replay (chooses a generator)
    std::string generator = "default";   // as written, lower case
    const GeneratorDescriptor* generator_component = nullptr;
    std::string rater = "config";
    double interval = 60;                // seconds between runs
    double delay = 0;                    // seconds before the first run
    int64_t count = -1;                  // events per interval; -1/0 = whole sample
    bool randomize_events = false;
    double randomize_count = 0;          // 0.2 = +/-10%
    std::string earliest = "now";
    std::string latest = "now";
    std::string backfill;                // relative time, empty = none
    EndCondition end;
    double time_multiple = 1;
    std::optional<double> per_day_volume_gb;
    bool sequential_timestamp = false;
    RateTable hour_of_day, day_of_week, minute_of_hour, day_of_month, month_of_year;
    TimeZone timezone = TimeZone::local();
    std::optional<uint64_t> seed;
    std::vector<std::string> extend_indexes;

    // Metadata
    std::string index = "main", host = "127.0.0.1", source, sourcetype = "eventgen";
    std::string time_field = "_raw";
    bool autotimestamp = false;                 // find timestamps in the sample automatically
    std::string replay_bad_timestamps = "skip";  // replay: events without a readable time: skip | keep

    // Output
    std::string output_mode = "modinput";          // as written, lower case
    const OutputDescriptor* output_component = nullptr;
    std::shared_ptr<const OutputConfig> output;    // the output's own typed settings

    // Engine
    int64_t generator_workers = 1;
    std::string threading = "thread";
    bool use_output_queue = false;
    int64_t split_sample = 0;

    const std::string& name() const { return def.name; }
};

// Validates and types every setting. Throws ConfigError on the first bad value.
SampleConfig make_sample_config(SampleDefinition def);

// Resolves the time setting `key` (earliest, latest, backfill, end) at `now` in the
// sample's zone; throws ConfigError naming the key when it cannot.
TimeUs resolve_time(const SampleConfig& config, const std::string& key, const std::string& spec, TimeUs now);

// The sample settings (keys of a sample or [global] stanza) this build accepts, each
// documented in README/eventgen.conf.spec. Token keys (token.<n>.*, host.*) are
// parsed apart and not listed.
const std::vector<std::string>& accepted_settings();

// The sample settings (keys of a sample or [global] stanza) this build accepts, each
// documented in README/eventgen.conf.spec: the core's and every component's schema.
// Token keys (token.<n>.*, host.*) are parsed apart and not listed.
const std::vector<std::string>& accepted_settings();

// Settings Eventgen knows; anything else draws a warning (often a typo).
bool is_known_setting(const std::string& key);

}  // namespace eventgen
