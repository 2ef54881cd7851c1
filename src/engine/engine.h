#pragma once
// Runs the samples: one timer per sample turns intervals into jobs; jobs go to
// generator workers (threads or forked processes); workers hand formatted batches
// to the single writer thread. Stops when every sample has reached its end, on a
// stop request, or when an output fails; in every case what was generated is
// flushed and every worker is reaped.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "config/shard.h"
#include "engine/backfill_progress.h"
#include "engine/clock.h"
#include "engine/run_metrics.h"
#include "engine/stop_signal.h"
#include "engine/worker_pool.h"
#include "outputs/output_router.h"

namespace eventgen {

struct EngineOptions {
    uint64_t seed = 0;           // run seed for samples without their own `seed`
    bool seeded = false;         // the seed was given (--seed): the run must repeat exactly
    // The run's start exactly (--now): intervals and relative times count from it, so
    // a seeded run repeats byte for byte. The clock given to the engine should read
    // about this time (a ShiftedClock); unset = the clock's time at the start.
    std::optional<TimeUs> start_time;
    OutputOptions output;
    bool save_state = true;      // write integerid state files at the end of the run
    bool reset_state = false;    // ignore saved integerid state: start from the configured values
    size_t workers = 1;          // generator workers
    WorkerMode mode = WorkerMode::Thread;
    double metrics_interval = 0; // seconds between metrics lines; 0 = only the summary
    // Seconds between backfill progress lines; 0 = the metrics interval if set, else
    // every 2 s when stderr is a terminal and every 5 s when it is not.
    double progress_interval = 0;
    int64_t auto_split_events = 20000;  // intervals this large are split across workers
    std::string state_dir;       // where integerid state lives; empty = each sample's folder
    bool watch_parent = false;   // stop when the parent process (splunkd) goes away
    Shard shard;                 // this run makes the events of its shard only (see config/shard.h)
};

struct SampleSummary {
    std::string name;
    uint64_t events = 0, bytes = 0, failed = 0, intervals = 0;
    size_t sequential_events = 0;  // sample events that need per-event regex work
};

struct RunResult {
    int exit_code = 0;
    std::string error;  // the fatal error, if any
    std::vector<SampleSummary> samples;
    std::vector<std::string> outputs;
    double seconds = 0;
    uint64_t worker_restarts = 0;
};

class Engine {
public:
    Engine(EngineOptions options, Clock& clock, StopSignal& stop);
    ~Engine();

    // Compiles a sample and registers it; throws ConfigError (the caller reports it and
    // carries on with the other samples).
    void add_sample(const SampleConfig& config);
    size_t sample_count() const;

    RunResult run();

private:
    struct Runtime;
    void prepare_sample(const SampleConfig& config);
    void run_interval(Runtime& rt, const struct IntervalPlan& plan);
    void dispatch(const Job& job, int pinned_worker = -1);
    void run_replay_slice(Runtime& rt, const struct ReplaySlice& slice);
    void recover_dead_workers();
    // Events of job `job_id` that worker `index` finished itself (direct outputs).
    uint64_t finished_by_worker(size_t index, uint64_t job_id, uint64_t in_flight_job) const;
    // Accounts for the batch a dead worker was writing; returns its job (0: none).
    uint64_t account_last_batch(size_t index, bool stopping);
    void account_unsent_slots(size_t index);
    // The configured name of the sample with runtime id `id` (log lines).
    std::string sample_name(uint32_t id) const;
    void log_metrics(bool final_line, double seconds);
    // Metrics and backfill progress lines when due; called between jobs so a long
    // backfill keeps reporting.
    void report_if_due();
    void report_backfill(double seconds);
    void save_state();
    void reserve_ids(Runtime& rt, uint64_t upto, int64_t count);
    std::unique_ptr<Worker> make_worker(size_t index, WorkerChannel& channel, Doorbell& wakeup);
    static bool writes_directly(const SampleConfig& c);
    std::unique_ptr<Sink> make_direct_sink(const SampleConfig& c, size_t worker, const std::atomic<bool>* cancel);

    EngineOptions options_;
    Clock& clock_;
    StopSignal& stop_;
    OutputRouter router_;
    std::vector<std::unique_ptr<Runtime>> samples_;
    // Live only during run().
    std::unique_ptr<Doorbell> writer_bell_;
    std::unique_ptr<class JobTracker> tracker_;
    std::unique_ptr<class BatchWriter> writer_;
    std::unique_ptr<WorkerPool> pool_;
    uint64_t restarts_ = 0;
    MetricsReporter metrics_{MetricsIdentity::from_environment()};
    BackfillProgress backfill_;
    TimeUs run_start_ = 0, next_metrics_ = 0, next_progress_ = 0;
    int64_t progress_period_ = 0;
    std::map<std::string, std::unique_ptr<DirectShare>> direct_shares_;  // by output target
};

}  // namespace eventgen
