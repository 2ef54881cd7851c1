#include "engine/engine.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "common/log.h"
#include "common/strings.h"
#include "engine/sample_timer.h"
#include "rating/rater.h"

namespace eventgen {

namespace fs = std::filesystem;

struct Engine::Runtime {
    uint32_t id = 0;
    SampleConfig config;
    std::unique_ptr<SampleGenerator> generator;
    std::unique_ptr<SampleTimer> timer;
    uint64_t next_seq = 0;
    uint64_t intervals = 0;
    double avg_event_bytes = 0;  // perDayVolume: bytes per event, newline included
    double owed_bytes = 0;       // perDayVolume: bytes still to make
    size_t sequential_events = 0;
    uint64_t seed = 0;
};

namespace {

// Where Eventgen keeps an integerid token's last value.
std::string integer_id_state_path(const SampleConfig& c, const std::string& token_regex) {
    std::string name = "state.";
    const char* hex = "0123456789ABCDEF";
    for (unsigned char ch : token_regex) {
        if (std::isalnum(ch) || ch == '_' || ch == '.' || ch == '-' || ch == '~') {
            name += static_cast<char>(ch);
        } else {
            name += '%';
            name += hex[ch >> 4];
            name += hex[ch & 15];
        }
    }
    return (fs::path(c.def.sample_dir) / name).string();
}

std::vector<std::pair<std::string, int64_t>> load_integer_id_state(const SampleConfig& c) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& t : c.def.tokens) {
        if (t.type != "integerid") continue;
        if (auto text = read_file(integer_id_state_path(c, t.regex)))
            if (auto v = parse_int(*text)) out.emplace_back(t.regex, *v);
    }
    return out;
}

// Average size of a rendered event, measured by rendering the sample with a private
// random stream (the run's own streams are untouched).
double measure_event_bytes(const CompiledSample& sample, TimeUs now) {
    CompiledSample probe = sample.clone();
    EventContext ctx;
    ctx.zone = &probe.config().timezone;
    ctx.file_rows.assign(probe.tokens().file_count, -1);
    ctx.time = ctx.earliest = ctx.latest = now;
    EventBatch batch;
    size_t renders = std::max<size_t>(probe.size(), 1000);
    for (size_t i = 0; i < renders; ++i) {
        ctx.rng.reseed(mix_seed(0x5EED, i, 7));
        ctx.sequence = i;
        probe.render(i % probe.size(), ctx, batch);
    }
    return batch.size() ? static_cast<double>(batch.raw_bytes() + batch.size()) / batch.size() : 1.0;
}

}  // namespace

Engine::Engine(EngineOptions options, Clock& clock, StopSignal& stop)
    : options_(std::move(options)), clock_(clock), stop_(stop), writer_(options_.output) {}

Engine::~Engine() = default;

size_t Engine::sample_count() const { return samples_.size(); }

void Engine::add_sample(const SampleConfig& config) {
    auto rt = std::make_unique<Runtime>();
    rt->id = static_cast<uint32_t>(samples_.size());
    rt->config = config;
    rt->seed = config.seed ? *config.seed : options_.seed;
    CompiledSample compiled = CompiledSample::compile(config, load_integer_id_state(config));
    if (compiled.size() == 0)
        throw ConfigError(ConfLocation{config.def.file_path, 0, config.def.stanza, ""}, "the sample file has no events");
    rt->sequential_events = compiled.sequential_events();
    if (rt->sequential_events > 0)
        LOG_DEBUG("sample " << config.name() << ": " << rt->sequential_events << " of " << compiled.size()
                            << " events apply tokens one by one");
    if (config.per_day_volume_gb) rt->avg_event_bytes = measure_event_bytes(compiled, clock_.now());
    rt->generator = std::make_unique<SampleGenerator>(std::move(compiled), rt->id, rt->seed);
    writer_.add_sample(rt->id, rt->config);
    samples_.push_back(std::move(rt));
}

void Engine::run_interval(Runtime& rt, const IntervalPlan& plan) {
    const SampleConfig& c = rt.config;
    Rng rater_rng(mix_seed(rt.seed, sample_key(c.name()), plan.index ^ 0xA5A5A5A5ULL));
    int64_t count;
    if (c.per_day_volume_gb) {
        double seconds = static_cast<double>(rt.timer->period_us()) / 1e6;
        rt.owed_bytes += bytes_for_interval(c, seconds, plan.now, rater_rng);
        count = static_cast<int64_t>(std::floor(rt.owed_bytes / rt.avg_event_bytes));
    } else {
        count = events_for_interval(c, rt.generator->sample().size(), plan.now, rater_rng);
    }
    ++rt.intervals;
    if (count <= 0) return;
    Job job;
    job.sample = rt.id;
    job.plan = plan.index;
    job.first = 0;
    job.count = count;
    job.interval_total = count;
    job.seq_base = rt.next_seq;
    job.earliest = plan.earliest;
    job.latest = plan.latest;
    job.now = plan.now;
    job.rated_factor = rated_token_factor(c, plan.now);
    rt.next_seq += static_cast<uint64_t>(count);
    uint64_t events_made = 0;
    uint64_t raw = rt.generator->generate(job, [&](EventBatch& batch) {
        events_made += batch.size();
        writer_.write(batch);
        return !stop_.stop_requested();
    });
    if (c.per_day_volume_gb) rt.owed_bytes -= static_cast<double>(raw + events_made);
}

RunResult Engine::run() {
    RunResult result;
    const TimeUs start = clock_.now();
    for (auto it = samples_.begin(); it != samples_.end();) {
        try {
            (*it)->timer = std::make_unique<SampleTimer>((*it)->config, start);
            ++it;
        } catch (const ConfigError& e) {
            LOG_ERROR(e.what());
            result.exit_code = 1;
            it = samples_.erase(it);
        }
    }
    try {
        while (!stop_.stop_requested()) {
            TimeUs now = clock_.now();
            for (auto& rt : samples_) {
                for (auto plans = rt->timer->due(now); !plans.empty(); plans = rt->timer->due(now)) {
                    for (const auto& plan : plans) {
                        if (stop_.stop_requested()) break;
                        run_interval(*rt, plan);
                    }
                    if (stop_.stop_requested()) break;
                }
            }
            writer_.flush_all();
            TimeUs next = std::numeric_limits<TimeUs>::max();
            for (auto& rt : samples_) next = std::min(next, rt->timer->next_due());
            if (next == std::numeric_limits<TimeUs>::max()) break;  // every sample reached its end
            if (!clock_.sleep_until(next, stop_)) break;
        }
        if (stop_.stop_requested()) LOG_INFO("stop requested; flushing outputs");
    } catch (const OutputError& e) {
        result.exit_code = 1;
        result.error = e.what();
        LOG_ERROR("output failed, stopping: " << e.what());
    }
    std::string close_error = writer_.close_all();
    if (!close_error.empty() && result.error.empty()) {
        result.exit_code = 1;
        result.error = close_error;
        LOG_ERROR("output failed while closing: " << close_error);
    }
    if (options_.save_state) save_state();
    result.seconds = static_cast<double>(clock_.now() - start) / 1e6;
    for (auto& rt : samples_) {
        const SampleCounters& sc = writer_.sample_counters(rt->id);
        result.samples.push_back(SampleSummary{rt->config.name(), sc.events, sc.bytes, sc.failed, rt->intervals,
                                               rt->sequential_events});
    }
    return result;
}

void Engine::save_state() {
    for (auto& rt : samples_) {
        for (const auto& t : rt->config.def.tokens) {
            if (t.type != "integerid") continue;
            auto start = parse_int(t.replacement);
            for (const auto& [regex, saved] : load_integer_id_state(rt->config))
                if (regex == t.regex) start = saved;
            std::string path = integer_id_state_path(rt->config, t.regex);
            std::ofstream out(path, std::ios::trunc);
            if (out) out << (start.value_or(0) + static_cast<int64_t>(rt->next_seq));
            if (!out) LOG_WARN("cannot save integerid state to " << path);
        }
    }
}

}  // namespace eventgen
