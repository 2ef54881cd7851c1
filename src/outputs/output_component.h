#pragma once
// An output is a component: one folder under src/outputs/ behind one descriptor that
// names its outputMode values, its settings schema, its traits, and parses a sample's
// settings into its own typed config, which makes the output's format and sinks.
// outputs/registry.cpp lists every component; nothing else names one.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/setting_schema.h"
#include "outputs/event_format.h"
#include "outputs/sink.h"

namespace eventgen {

struct SampleConfig;

// What the run gives every output.
struct OutputOptions {
    int stdout_fd = 1;
    std::string modinput_stanza;  // <event stanza="..."> when running under splunkd
};

// What happens to a sample's output when Eventgen runs as Splunk's modular input.
enum class UnderModinput {
    Keep,            // always kept (files, the spool folder)
    Redirect,        // always becomes the input's stream (stdout would corrupt it)
    KeepOutputMode,  // kept only when the input sets keep_output_mode = true
};

struct OutputTraits {
    bool direct = false;       // workers may write it themselves (useOutputQueue = false)
    bool per_process = false;  // one target per process, shared by every sample (stdout)
    UnderModinput under_modinput = UnderModinput::KeepOutputMode;
};

// State several direct writers of one target share (workers as threads or processes),
// made before the workers start.
class DirectShare {
public:
    virtual ~DirectShare() = default;
    // Events of job `job_id` worker `worker` has put on the target for good (crash recovery).
    virtual uint64_t progress(uint32_t worker, uint64_t job_id) const = 0;
};

// One sample's output, typed and validated.
class OutputConfig {
public:
    virtual ~OutputConfig() = default;
    // Samples with the same key share one sink (one writer per target).
    virtual std::string target_key() const = 0;
    virtual std::unique_ptr<EventFormat> make_format(const OutputOptions& options) const = 0;
    // The writer's sink. `cancel` (may be null) cuts retries short when the run stops.
    virtual std::unique_ptr<Sink> make_sink(const OutputOptions& options, const std::atomic<bool>* cancel) const = 0;
    // Shared state for direct writers of this target; nullptr when they need none.
    virtual std::unique_ptr<DirectShare> make_direct_share() const { return nullptr; }
    // A worker's own sink when it writes directly; `share` is make_direct_share()'s.
    virtual std::unique_ptr<Sink> make_direct_sink(const OutputOptions& options, const std::atomic<bool>* cancel,
                                                   DirectShare* /*share*/, uint32_t /*worker*/) const {
        return make_sink(options, cancel);
    }
};

struct OutputDescriptor {
    std::string name;                // the main outputMode value
    std::vector<std::string> modes;  // every outputMode value it answers to (lower case)
    std::string doc;
    OutputTraits traits;
    SettingSchema settings;
    // Reads the sample's settings (sample.def.settings) for `mode`; throws ConfigError
    // naming file, line, stanza and key. The core settings of `sample` are already set.
    std::shared_ptr<const OutputConfig> (*parse)(const SampleConfig& sample, const std::string& mode);
};

}  // namespace eventgen
