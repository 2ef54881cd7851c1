#pragma once
// The single reducing writer's routing table: each sample's batches go to the Sink of
// its target. Samples naming the same target share one Sink.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "outputs/formatted_batch.h"
#include "outputs/output_component.h"
#include "outputs/sink.h"

namespace eventgen {

struct SampleCounters {
    std::atomic<uint64_t> events{0};
    std::atomic<uint64_t> bytes{0};   // text of the delivered events (no line breaks, no framing)
    std::atomic<uint64_t> failed{0};
    std::atomic<uint64_t> resent{0};  // events sent again after an output was interrupted
};

class OutputRouter {
public:
    // `cancel` (may be null) cuts output retries short when the run stops.
    explicit OutputRouter(OutputOptions options, const std::atomic<bool>* cancel = nullptr)
        : options_(std::move(options)), cancel_(cancel) {}

    // Registers a sample and creates (or shares) the sink of its target; opens nothing yet.
    void add_sample(uint32_t sample_id, const SampleConfig& config);
    // Writes a batch. When the target fails the events are counted as failed, the
    // error is kept (first_error) and false is returned; that target takes no more.
    bool deliver(const FormattedBatch& batch);
    // Accounts for a batch a worker wrote itself; `error` is empty when it succeeded.
    // Returns false when it failed (the run should stop).
    // `failed` of the batch's events were not delivered (after retries).
    bool record_direct(const FormattedBatch& batch, uint64_t failed, const std::string& error, uint64_t resent = 0);
    // A worker process died with a batch half written: `delivered` of its events had
    // reached the output (`bytes` of event text, `written_bytes` as the output wrote
    // them), `failed` were counted failed, `resent` go out once more.
    void count_recovered(uint32_t sample_id, uint64_t delivered, uint64_t failed, uint64_t resent, uint64_t bytes = 0,
                         uint64_t written_bytes = 0);
    // Events lost before reaching an output (e.g. larger than a transfer slot).
    void count_failed(uint32_t sample_id, uint64_t events);
    // Events the sample's format could not turn into output (metric_httpevent text that
    // is not a metric): counted failed, logged once per sample.
    void count_rejected(uint32_t sample_id, uint64_t events);
    // "<file>:<line>: [<stanza>] outputMode = <mode> (<target>)": how errors name an output.
    const std::string& label(uint32_t sample_id) const;
    // Closes every sink; returns the first error of the run, if any.
    std::string close_all();

    const SampleCounters& counters(uint32_t sample_id) const { return *counters_.at(sample_id); }
    std::string first_error() const;
    // "stdout events=.. bytes=.. failed=.." for each target.
    std::vector<std::string> describe_outputs() const;
    struct OutputTotals {
        std::string name;
        uint64_t events = 0, written_bytes = 0, failed = 0;
    };
    std::vector<OutputTotals> output_totals() const;

private:
    // A batch handed to its sink: `failed` of its events were not delivered.
    void count_done(const FormattedBatch& batch, uint64_t failed);
    // Keeps the run's first output error.
    void keep_error(const std::string& error);

    struct Target {
        std::unique_ptr<Sink> sink;
        bool failed = false;
        OutputStats direct;  // batches workers wrote themselves, and events lost on the way
    };
    OutputOptions options_;
    const std::atomic<bool>* cancel_;
    std::map<std::string, Target> targets_;
    std::map<uint32_t, Target*> by_sample_;
    std::map<uint32_t, std::unique_ptr<SampleCounters>> counters_;
    std::map<uint32_t, std::string> labels_, modes_;
    std::set<uint32_t> rejected_logged_;
    mutable std::mutex error_mu_;
    std::string first_error_;
};

// How run-time errors name a sample's output: file, line, stanza, output mode and target.
std::string output_label(const SampleConfig& config, const std::string& target);
// `message` plus "($VAR is not set)" for each $VAR or ${VAR} left in it unexpanded.
std::string with_unset_variables_named(const std::string& message);

}  // namespace eventgen
