#include "engine/engine.h"

#include <unistd.h>

#include <algorithm>
#include <limits>

#include "common/log.h"
#include "engine/batch_writer.h"
#include "engine/engine_runtime.h"
#include "engine/job_tracker.h"
#include "engine/id_state.h"
#include "generators/generator_component.h"
#include "outputs/output_component.h"
#include "regex/regex.h"

namespace eventgen {

Engine::Engine(EngineOptions options, Clock& clock, StopSignal& stop)
    : options_(std::move(options)), clock_(clock), stop_(stop), router_(options_.output, &stop.flag()) {
    options_.workers = std::max<size_t>(options_.workers, 1);
    // Every line says which host, run and shard it reports, so a fleet's lines add up.
    MetricsIdentity identity = MetricsIdentity::from_environment();
    identity.shard = options_.shard.text();
    metrics_ = MetricsReporter(identity);
}

Engine::~Engine() = default;

size_t Engine::sample_count() const { return samples_.size(); }

void Engine::add_sample(const SampleConfig& config) {
    // The error boundary of sample preparation: whatever goes wrong becomes a located
    // configuration error for this sample only, and the other samples run.
    ConfLocation stanza{config.def.file_path, 0, config.def.stanza, ""};
    try {
        prepare_sample(config);
    } catch (const ConfigError&) {
        throw;
    } catch (const PreparationStopped&) {
        throw;
    } catch (const RegexMatchError& e) {
        ConfLocation where = stanza;
        for (const auto& t : config.def.tokens)
            if (t.regex == e.pattern()) where = t.where;
        throw ConfigError(where, std::string(e.what()) +
                                     " while preparing the sample; simplify the regex (nested repeats such as "
                                     "(a+)+ backtrack without end)");
    } catch (const std::exception& e) {
        throw ConfigError(stanza, std::string("cannot prepare the sample: ") + e.what());
    }
}

void Engine::prepare_sample(const SampleConfig& config) {
    auto rt = std::make_unique<Runtime>();
    rt->id = static_cast<uint32_t>(samples_.size());
    rt->config = config;
    rt->seed = config.seed ? *config.seed : options_.seed;
    rt->repeatable = config.seed.has_value() || options_.seeded;
    // A seeded run must repeat exactly, so it neither reads nor writes integerid state.
    rt->persist_ids = options_.save_state && !config.seed && !options_.seeded;
    if (rt->persist_ids && !options_.reset_state)
        rt->saved_ids = load_integer_id_state(config, options_.state_dir, options_.shard);
    const TimeUs now = options_.start_time.value_or(clock_.now());
    rt->prepared = config.generator_component->prepare(config, PrepareContext{now, rt->saved_ids, &stop_.flag()});
    rt->replay = rt->prepared->replay_plan();
    if (config.per_day_volume_gb) rt->avg_event_bytes = rt->prepared->average_event_bytes(now);
    router_.add_sample(rt->id, rt->config);
    samples_.push_back(std::move(rt));
}

std::unique_ptr<Worker> Engine::make_worker(size_t index, WorkerChannel& channel, Doorbell& wakeup) {
    std::vector<WorkerSample> ws;
    for (auto& rt : samples_) {
        WorkerSample w;
        w.generator = rt->prepared->make_generator(rt->id, rt->seed);
        w.format = rt->config.output->make_format(options_.output);
        w.direct = make_direct_sink(rt->config, index, &channel.stop);
        w.generator_name = rt->config.name();
        w.output_name = rt->config.output_mode;
        ws.push_back(std::move(w));
    }
    return std::make_unique<Worker>(std::move(ws), channel, wakeup, *writer_bell_);
}

bool Engine::writes_directly(const SampleConfig& c) {
    // Outputs several writers can share, each with its own handle or connections.
    return !c.use_output_queue && c.output_component->traits.direct;
}

std::unique_ptr<Sink> Engine::make_direct_sink(const SampleConfig& c, size_t worker, const std::atomic<bool>* cancel) {
    if (!writes_directly(c)) return nullptr;
    auto share = direct_shares_.find(c.output->target_key());  // made before the workers started
    return c.output->make_direct_sink(options_.output, cancel, share == direct_shares_.end() ? nullptr : share->second.get(),
                                      static_cast<uint32_t>(worker));
}

RunResult Engine::run() {
    RunResult result;
    const TimeUs start = options_.start_time.value_or(clock_.now());
    for (auto it = samples_.begin(); it != samples_.end();) {
        try {
            if ((*it)->replay)
                (*it)->replay_timer = std::make_unique<ReplayTimer>((*it)->config, (*it)->replay, start);
            else
                (*it)->timer = std::make_unique<SampleTimer>((*it)->config, start);
            ++it;
        } catch (const ConfigError& e) {
            LOG_ERROR(e.what());
            result.exit_code = 1;
            it = samples_.erase(it);
        }
    }

    // State direct writers of one target share (a file's lock and progress), made before any fork.
    for (auto& rt : samples_) {
        std::string key = rt->config.output->target_key();
        if (!writes_directly(rt->config) || direct_shares_.count(key)) continue;
        if (auto share = rt->config.output->make_direct_share()) direct_shares_.emplace(key, std::move(share));
    }
    writer_bell_ = std::make_unique<Doorbell>();
    tracker_ = std::make_unique<JobTracker>();
    writer_ = std::make_unique<BatchWriter>(router_, *tracker_, *writer_bell_, options_.workers);
    pool_ = std::make_unique<WorkerPool>(options_.mode, options_.workers, *writer_bell_,
                                         [this](size_t i, WorkerChannel& ch, Doorbell& bell) {
                                             return make_worker(i, ch, bell);
                                         });
    // Fork the workers before the writer thread exists: a single-threaded parent forks cleanly.
    pool_->start(*writer_);
    writer_->start();

    const pid_t parent = getppid();
    auto failed = [&] {
        if (options_.watch_parent && getppid() != parent) {
            // splunkd is gone (killed or crashed): nobody reads the stream any more.
            LOG_WARN("parent process " << parent << " went away; stopping");
            stop_.request_stop();
        }
        return writer_->output_failed();
    };
    run_start_ = start;
    next_metrics_ = options_.metrics_interval > 0 ? start + static_cast<TimeUs>(options_.metrics_interval * 1e6)
                                                  : std::numeric_limits<TimeUs>::max();
    // A long backfill reports its progress (quiet with -q, which hides info lines).
    double progress = options_.progress_interval > 0  ? options_.progress_interval
                      : options_.metrics_interval > 0 ? options_.metrics_interval
                      : isatty(STDERR_FILENO)         ? 2.0
                                                      : 5.0;
    progress_period_ = static_cast<int64_t>(progress * 1e6);
    next_progress_ = start + std::min<int64_t>(progress_period_, 2000000);  // the first line early
    for (auto& rt : samples_) {
        auto window = rt->replay_timer ? rt->replay_timer->backfill_window() : rt->timer->backfill_window();
        if (window) backfill_.add_window(rt->id, window->first, window->second, rt->config.backfill);
    }
    while (!stop_.stop_requested() && !failed()) {
        TimeUs now = clock_.now();
        for (auto& rt : samples_) {
            if (rt->replay_timer) {
                for (const auto& slice : rt->replay_timer->due(now)) {
                    if (stop_.stop_requested() || failed()) break;
                    run_replay_slice(*rt, slice);
                    report_if_due();
                }
                if (!rt->replay_timer->backfill_pending()) backfill_.all_handed_out(rt->id);
                continue;
            }
            for (auto plans = rt->timer->due(now); !plans.empty(); plans = rt->timer->due(now)) {
                for (const auto& plan : plans) {
                    if (stop_.stop_requested() || failed()) break;
                    run_interval(*rt, plan);
                    report_if_due();
                }
                if (stop_.stop_requested() || failed()) break;
            }
        }
        recover_dead_workers();
        report_if_due();
        TimeUs next = std::numeric_limits<TimeUs>::max();
        for (auto& rt : samples_)
            next = std::min(next, rt->replay_timer ? rt->replay_timer->next_due() : rt->timer->next_due());
        if (next == std::numeric_limits<TimeUs>::max()) break;  // every sample reached its end
        // Wake at least every 100 ms to watch the workers and the outputs.
        if (!clock_.sleep_until_at_most(next, 100000, stop_)) break;
    }
    // Let the workers finish what was handed out, unless we were told to stop.
    while (!stop_.stop_requested() && !failed() && !tracker_->wait_idle(100)) {
        recover_dead_workers();
        report_if_due();
    }
    if (stop_.stop_requested()) LOG_INFO("stop requested; finishing the current batches and flushing outputs");

    pool_->stop_all();
    // Long enough for an output's stop grace: a request aborted after kStopGraceMs,
    // then the retry policy's own grace, plus slack for a loaded machine.
    std::vector<size_t> killed = pool_->join_all(2 * kStopGraceMs + 3000);
    writer_->finish();
    for (size_t index : killed) {
        account_last_batch(index, true);
        account_unsent_slots(index);
    }
    std::string error = router_.close_all();
    if (!error.empty()) {
        result.exit_code = 1;
        result.error = error;
        LOG_ERROR("output failed, run stopped: " << error);
    }
    // Events an output could not take fail the run too, even when no output gave up
    // for good (an unreachable HEC server, payloads it rejected).
    uint64_t failed_events = 0, delivered_events = 0;
    for (auto& rt : samples_) {
        failed_events += router_.counters(rt->id).failed;
        delivered_events += router_.counters(rt->id).events;
    }
    if (failed_events > 0) {
        result.exit_code = 1;
        for (auto& rt : samples_)
            if (uint64_t f = router_.counters(rt->id).failed)
                LOG_ERROR(router_.label(rt->id) << ": " << f << " of " << f + router_.counters(rt->id).events
                                                << " events counted failed");
        LOG_ERROR(failed_events << " of " << failed_events + delivered_events
                                << " events could not be delivered (counted failed)");
    }
    save_state();
    result.seconds = static_cast<double>(clock_.now() - start) / 1e6;
    if (backfill_.any() && next_progress_ != std::numeric_limits<TimeUs>::max()) report_backfill(result.seconds);
    result.worker_restarts = restarts_;
    log_metrics(true, result.seconds);
    for (auto& rt : samples_) {
        const SampleCounters& sc = router_.counters(rt->id);
        result.samples.push_back(SampleSummary{rt->config.name(), sc.events, sc.bytes, sc.failed, rt->intervals,
                                               rt->prepared->sequential_events()});
    }
    result.outputs = router_.describe_outputs();
    pool_.reset();
    writer_.reset();
    direct_shares_.clear();
    return result;
}

void Engine::save_state() {
    for (auto& rt : samples_)
        if (rt->persist_ids)
            save_integer_id_state(rt->config, rt->saved_ids, rt->next_seq, options_.state_dir, options_.shard);
}

}  // namespace eventgen
