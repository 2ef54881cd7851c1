#include "engine/engine.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "common/log.h"
#include "common/strings.h"
#include "engine/batch_writer.h"
#include "engine/job_tracker.h"
#include "engine/id_state.h"
#include "engine/replay_timer.h"
#include "engine/sample_timer.h"
#include "generators/generator_component.h"
#include "outputs/output_component.h"
#include "rating/rater.h"
#include "regex/regex.h"

namespace eventgen {

namespace fs = std::filesystem;

struct Engine::Runtime {
    uint32_t id = 0;
    SampleConfig config;
    std::unique_ptr<PreparedSample> prepared;  // master copy; each worker gets its own generator
    std::unique_ptr<SampleTimer> timer;        // interval-driven generators
    std::shared_ptr<const ReplayPlan> replay;  // generators with a replay schedule
    std::unique_ptr<ReplayTimer> replay_timer;
    uint64_t next_seq = 0;
    uint64_t intervals = 0;
    double avg_event_bytes = 0;  // perDayVolume: bytes per unit of count (an event, or a CSV bundle), newlines included
    double owed_bytes = 0;       // perDayVolume: bytes still to make
    uint64_t seed = 0;
    bool persist_ids = false;    // integerid values carry over between runs
    std::vector<std::pair<std::string, int64_t>> saved_ids;  // integerid regex -> value the run started from
    uint64_t reserved_seq = 0;  // integerid state on disk already covers sequence numbers below this
};

Engine::Engine(EngineOptions options, Clock& clock, StopSignal& stop)
    : options_(std::move(options)), clock_(clock), stop_(stop), router_(options_.output, &stop.flag()) {
    options_.workers = std::max<size_t>(options_.workers, 1);
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
    // A seeded run must repeat exactly, so it neither reads nor writes integerid state.
    rt->persist_ids = options_.save_state && !config.seed && !options_.seeded;
    if (rt->persist_ids && !options_.reset_state) rt->saved_ids = load_integer_id_state(config, options_.state_dir);
    rt->prepared = config.generator_component->prepare(config, PrepareContext{clock_.now(), rt->saved_ids});
    rt->replay = rt->prepared->replay_plan();
    if (config.per_day_volume_gb) rt->avg_event_bytes = rt->prepared->average_event_bytes(clock_.now());
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

void Engine::dispatch(const Job& job, int pinned_worker) {
    // The least loaded live worker takes the job (or the pinned one, which keeps a
    // replay in order); a full ring waits (backpressure).
    while (true) {
        recover_dead_workers();
        size_t best = pool_->size();
        uint64_t best_backlog = std::numeric_limits<uint64_t>::max();
        for (size_t w = 0; w < pool_->size(); ++w) {
            if (!pool_->alive(w)) continue;
            if (pinned_worker >= 0 && static_cast<int>(w) != pinned_worker) continue;
            uint64_t b = tracker_->backlog(w);
            if (b < best_backlog) {
                best_backlog = b;
                best = w;
            }
        }
        if (best < pool_->size()) {
            JobMessage msg{tracker_->add(static_cast<uint32_t>(best), job), job};
            if (pool_->dispatch(best, msg)) return;
            tracker_->forget(msg.id);  // its ring is full: try again shortly
        }
        if (stop_.stop_requested() || writer_->output_failed()) return;
        stop_.wait_for(2000);
    }
}

void Engine::run_interval(Runtime& rt, const IntervalPlan& plan) {
    const SampleConfig& c = rt.config;
    Rng rater_rng(mix_seed(rt.seed, sample_key(c.name()), plan.index ^ 0xA5A5A5A5ULL));
    int64_t count;
    if (c.per_day_volume_gb) {
        // Refine the size estimate with what was really written so far.
        const SampleCounters& sc = router_.counters(rt.id);
        uint64_t done_events = sc.events.load();
        if (done_events > 1000)
            rt.avg_event_bytes = static_cast<double>(sc.bytes.load() + done_events) / done_events *
                                 static_cast<double>(rt.prepared->events_per_unit());
        double seconds = static_cast<double>(rt.timer->period_us()) / 1e6;
        rt.owed_bytes += bytes_for_interval(c, seconds, plan.now, rater_rng);
        count = static_cast<int64_t>(std::floor(rt.owed_bytes / rt.avg_event_bytes));
        rt.owed_bytes -= static_cast<double>(count) * rt.avg_event_bytes;
    } else {
        count = rt.prepared->events_for_interval(c, plan.now, rater_rng);
    }
    ++rt.intervals;
    if (plan.backfill) backfill_.handed_out(rt.id, plan.latest, static_cast<uint64_t>(std::max<int64_t>(count, 0)));
    if (count <= 0) return;
    Job job;
    job.sample = rt.id;
    job.plan = plan.index;
    job.interval_total = count;
    job.seq_base = rt.next_seq;
    job.earliest = plan.earliest;
    job.latest = plan.latest;
    job.now = plan.now;
    job.rated_factor = rated_token_factor(c, plan.now);
    rt.next_seq += static_cast<uint64_t>(count);
    reserve_ids(rt, rt.next_seq, count);

    // Split the interval across workers: explicitly (splitSample) or when it is large.
    const int64_t workers = static_cast<int64_t>(pool_->size());
    int64_t parts = 1;
    if (c.split_sample == 1) parts = workers;
    else if (c.split_sample > 1) parts = c.split_sample;
    else if (workers > 1 && count >= options_.auto_split_events) parts = workers;
    parts = std::clamp<int64_t>(parts, 1, count);
    if (!rt.prepared->splittable()) parts = 1;
    for (int64_t p = 0; p < parts; ++p) {
        Job part = job;
        part.first = count * p / parts;
        part.count = count * (p + 1) / parts - part.first;
        if (part.count > 0) dispatch(part);
    }
}

void Engine::run_replay_slice(Runtime& rt, const ReplaySlice& slice) {
    Job job;
    job.sample = rt.id;
    job.plan = static_cast<uint64_t>(slice.pass);
    job.first = slice.first;
    job.count = slice.count;
    job.interval_total = slice.count;
    job.seq_base = rt.next_seq;
    job.now = job.earliest = job.latest = slice.pass_start;
    job.rated_factor = rated_token_factor(rt.config, slice.pass_start);
    rt.next_seq += static_cast<uint64_t>(slice.count);
    reserve_ids(rt, rt.next_seq, slice.count);
    if (slice.first == 0 || slice.backfill) ++rt.intervals;
    if (slice.backfill)
        backfill_.handed_out(rt.id, slice.pass_start + rt.replay->offsets[static_cast<size_t>(slice.first + slice.count - 1)],
                             static_cast<uint64_t>(slice.count));
    // One worker per replay sample keeps its events in order.
    dispatch(job, static_cast<int>(rt.id % pool_->size()));
}

void Engine::recover_dead_workers() {
    for (size_t index : pool_->reap_dead()) {
        ++restarts_;
        // Let the writer take every batch the dead worker finished, so the progress
        // counts are final before the rest is handed out again.
        while (!pool_->drained(index) && !writer_->output_failed()) stop_.wait_for(1000);
        uint64_t in_flight_job = account_last_batch(index, false);
        std::vector<Job> rest = tracker_->take_unfinished(static_cast<uint32_t>(index), [&](uint64_t job_id) {
            return finished_by_worker(index, job_id, in_flight_job);
        });
        pool_->replace(index, *writer_);
        for (const Job& j : rest) dispatch(j);
    }
}

uint64_t Engine::finished_by_worker(size_t index, uint64_t job_id, uint64_t in_flight_job) const {
    uint64_t n = 0;
    for (auto& [key, share] : direct_shares_) n = std::max(n, share->progress(static_cast<uint32_t>(index), job_id));
    if (job_id == in_flight_job) {
        const DeliveryProgress& p = pool_->channel(index).direct;
        n = std::max(n, p.before.load() + p.done.load());
    }
    return n;
}

uint64_t Engine::account_last_batch(size_t index, bool stopping) {
    // The batch a dead worker was writing itself never reached the writer: count what
    // its output confirmed, and what goes out again (resent) or, when the run is
    // ending, what never will (failed).
    const DeliveryProgress& p = pool_->channel(index).direct;
    uint64_t job = p.job.load();
    uint32_t sample = 0;
    uint64_t counted = 0;
    if (job == 0 || !tracker_->counted(job, sample, counted)) return 0;
    std::string name;
    for (auto& rt : samples_)
        if (rt->id == sample) name = rt->config.name();
    uint64_t finished = finished_by_worker(index, job, job);
    uint64_t batch_end = p.before.load() + p.events.load();
    if (counted >= batch_end) return job;  // the writer already took that batch
    uint64_t extra = finished > counted ? finished - counted : 0;
    uint64_t failed = std::min<uint64_t>(p.failed.load(), extra);
    uint64_t open = batch_end > std::max(finished, counted) ? batch_end - std::max(finished, counted) : 0;
    uint64_t in_flight = std::min<uint64_t>(p.in_flight.load(), open);
    if (stopping) {
        router_.count_recovered(sample, extra - failed, failed + open, 0);
        if (open) LOG_ERROR("worker " << index << " was killed with " << open << " event(s) of sample "
                                      << name << " unsent or unconfirmed; counted failed");
    } else {
        router_.count_recovered(sample, extra - failed, failed, in_flight);
        if (in_flight) LOG_WARN("worker " << index << " died while sending " << in_flight << " event(s) of sample "
                                          << name
                                          << "; the output may have them already: sending them again (resent)");
    }
    return job;
}

void Engine::log_metrics(bool final_line, double seconds) {
    RunFigures f;
    f.final_report = final_line;
    f.seconds = seconds;
    f.workers = options_.workers;
    f.processes = options_.mode == WorkerMode::Process;
    f.worker_restarts = restarts_;
    if (writer_) f.ring_depths = writer_->ring_depths();
    for (auto& rt : samples_) {
        const SampleCounters& c = router_.counters(rt->id);
        f.samples.push_back(SampleFigures{rt->config.name(), rt->config.def.app, c.events, c.bytes, c.failed, c.resent});
    }
    // Output totals are read once the writer has stopped, so only in the final report.
    if (final_line)
        for (const auto& o : router_.output_totals())
            f.outputs.push_back(OutputFigures{o.name, o.events, o.written_bytes, o.failed});
    for (const std::string& line : metrics_.lines(f)) log_metrics_line(line);
}

void Engine::report_if_due() {
    const TimeUs now = clock_.now();
    const double seconds = static_cast<double>(now - run_start_) / 1e6;
    if (now >= next_metrics_) {
        log_metrics(false, seconds);
        next_metrics_ += static_cast<TimeUs>(options_.metrics_interval * 1e6);
    }
    if (!backfill_.any() || now < next_progress_) return;
    report_backfill(seconds);
}

void Engine::report_backfill(double seconds) {
    const TimeUs now = clock_.now();
    const bool was_active = backfill_.active();
    for (auto& rt : samples_) {
        const SampleCounters& c = router_.counters(rt->id);
        backfill_.set_delivered(rt->id, c.events + c.failed);
    }
    if (backfill_.active()) {
        LOG_INFO(backfill_.line(seconds) << (restarts_ ? ", " + std::to_string(restarts_) + " worker restart(s)" : ""));
        next_progress_ = now + progress_period_;
    } else if (was_active) {
        LOG_INFO(backfill_.done_line(seconds));
        next_progress_ = std::numeric_limits<TimeUs>::max();
    }
}

RunResult Engine::run() {
    RunResult result;
    const TimeUs start = clock_.now();
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
    for (size_t index : killed) account_last_batch(index, true);
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
        if (rt->persist_ids) save_integer_id_state(rt->config, rt->saved_ids, rt->next_seq, options_.state_dir);
}

void Engine::reserve_ids(Runtime& rt, uint64_t upto, int64_t count) {
    // Written before the events exist: after kill -9 or a crash the next run starts
    // past every id this one may have used (ids skip ahead, never repeat). A few
    // intervals are reserved at a time so the file is not rewritten for each one.
    if (!rt.persist_ids || upto <= rt.reserved_seq) return;
    rt.reserved_seq = upto + static_cast<uint64_t>(std::max<int64_t>(count, 1)) * 8;
    save_integer_id_state(rt.config, rt.saved_ids, rt.reserved_seq, options_.state_dir);
}

}  // namespace eventgen
