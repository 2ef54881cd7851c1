#pragma once
// The single reducing writer: routes each batch to the output of its sample. Samples
// that name the same target share one Output, so each file or stream has one writer.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "events/event_batch.h"
#include "outputs/output.h"

namespace eventgen {

struct OutputOptions {
    int stdout_fd = 1;
    std::string modinput_stanza;  // <event stanza="..."> when running under splunkd
};

struct SampleCounters {
    uint64_t events = 0;
    uint64_t bytes = 0;   // raw event bytes
    uint64_t failed = 0;
};

class OutputWriter {
public:
    explicit OutputWriter(OutputOptions options) : options_(std::move(options)) {}

    // Registers a sample and creates (or shares) its output. Does not open files yet.
    void add_sample(uint32_t sample_id, const SampleConfig& config);
    // Writes a batch to its sample's output. Throws OutputError when the target fails.
    void write(const EventBatch& batch);
    // Counts a batch as lost (e.g. after the output failed).
    void count_failed(const EventBatch& batch);
    void flush_all();
    // Flushes and closes every output; returns the first error message, if any.
    std::string close_all();

    const SampleCounters& sample_counters(uint32_t sample_id) const { return counters_.at(sample_id); }
    std::vector<const Output*> outputs() const;

private:
    OutputOptions options_;
    std::map<std::string, std::unique_ptr<Output>> by_target_;
    std::map<uint32_t, Output*> by_sample_;
    std::map<uint32_t, SampleCounters> counters_;
};

// The key that decides which samples share an output.
std::string output_target_key(const SampleConfig& config);

}  // namespace eventgen
