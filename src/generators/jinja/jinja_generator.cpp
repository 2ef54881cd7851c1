#include "generators/jinja/jinja_generator.h"

#include <cmath>
#include <set>

#include "common/log.h"
#include "common/rng.h"
#include "generators/jinja/jinja_events.h"
#include "generators/jinja/jinja_sample.h"
#include "generators/generator_component.h"
#include "generators/support/synthetic.h"
#include "rating/rater.h"
#include "jinja/interp.h"
#include "jinja/template_error.h"
#include "time/time_format.h"

namespace eventgen {

namespace {

using jinja::Value;

// SA-Eventgen's variables, in a fixed order so each cycle updates them in place.
enum Var {
    kCount, kMaxCount, kEarliest, kEarliestEpoch, kLatest, kLatestEpoch,
    kTargetEarliest, kTargetLatest, kTargetSliceSize, kTargetEpoch, kVarCount
};
const char* const kVarNames[kVarCount] = {
    "eventgen_count", "eventgen_maxcount", "eventgen_earliest", "eventgen_earliest_epoch", "eventgen_latest",
    "eventgen_latest_epoch", "eventgen_target_time_earliest", "eventgen_target_time_latest",
    "eventgen_target_time_slice_size", "eventgen_target_time_epoch",
};

// Python's str() of a naive datetime: "2023-11-14 22:13:17" or with ".123456".
std::string py_datetime(TimeUs t, const TimeZone& tz) {
    // Per thread: a TimeFormat caches text, and thread workers render at once.
    thread_local const TimeFormat whole("%Y-%m-%d %H:%M:%S");
    thread_local const TimeFormat micro("%Y-%m-%d %H:%M:%S.%f");
    return (t % 1000000 == 0 ? whole : micro).format(t, tz);
}

class JinjaGenerator : public Generator {
public:
    JinjaGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), sample_(jinja_sample(c)), seed_(seed), key_(sample_key(c.name())) {
        batch_.set_sample_id(id);
        vars_ = sample_->variables;
        first_var_ = vars_.size();
        for (const char* n : kVarNames) vars_.emplace_back(jinja::intern(n), Value());
    }

    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t batch_events,
                      size_t batch_bytes) override {
        if (job.count <= 0) return 0;
        set(kEarliest, Value::str(py_datetime(job.earliest, c_.timezone)));
        set(kLatest, Value::str(py_datetime(job.latest, c_.timezone)));
        earliest_ = static_cast<double>(job.earliest) / 1e6;
        latest_ = static_cast<double>(job.latest) / 1e6;
        set(kEarliestEpoch, Value::real(earliest_));
        set(kLatestEpoch, Value::real(latest_));
        now_ = static_cast<double>(job.now) / 1e6;
        job_ = &job;
        emit_ = &emit;
        batch_events_ = batch_events;
        batch_bytes_ = batch_bytes;
        made_ = 0;
        stopped_ = false;
        batch_.clear();

        switch (sample_->count_type) {
            case JinjaCountType::Cycles: {
                // One render per unit of count; a split job renders its share of them.
                set(kMaxCount, Value::integer(job.interval_total));
                keep_ = true;
                for (int64_t k = 0; k < job.count && !stopped_; ++k) {
                    const int64_t i = job.index(k);
                    rng_.reseed(mix_seed(seed_, key_, job.seq(i)));
                    cycle(i, job.interval_total, i);
                }
                break;
            }
            case JinjaCountType::LineCount:
            case JinjaCountType::PerDayVolume: {
                bool bytes = sample_->count_type == JinjaCountType::PerDayVolume;
                double interval = c_.interval > 0 ? c_.interval : 60;
                int64_t target = bytes ? static_cast<int64_t>(sample_->per_day_volume_gb * 1024.0 * 1024.0 * 1024.0 *
                                                              interval / 86400.0)
                                       : job.interval_total;
                set(kMaxCount, Value::integer(target));
                int64_t done = 0;
                const uint64_t base = mix_seed(seed_, key_, job.seq_base);
                for (uint64_t r = 0; done < target && !stopped_; ++r) {
                    rng_.reseed(mix_seed(base, r, 0x6A696E6A61ULL));
                    // How many events a cycle writes decides when the interval is done,
                    // so a shard renders every cycle and keeps the cycles that fall to
                    // it (all events of a cycle go to one shard).
                    keep_ = job.takes_seq(job.seq_base + r);
                    uint64_t events_before = events_, bytes_before = made_;
                    cycle(static_cast<int64_t>(r), target, done);
                    uint64_t grew = bytes ? made_ - bytes_before : events_ - events_before;
                    if (grew == 0) {
                        warn_once(-1, "a cycle rendered no events; stopping this interval (its count is reached "
                                      "by events the template writes)");
                        break;
                    }
                    done += static_cast<int64_t>(grew);
                }
                break;
            }
        }
        if (!batch_.empty() && !stopped_) (*emit_)(batch_);
        batch_.clear();
        return made_;
    }

    uint64_t take_failed() override {
        uint64_t f = failed_;
        failed_ = 0;
        return f;
    }

private:
    void set(Var v, Value x) { vars_[first_var_ + v].second = std::move(x); }

    // One render: eventgen_count = `count`, the random target slice of this cycle.
    void cycle(int64_t index, int64_t slices, int64_t count) {
        (void)index;
        set(kCount, Value::integer(count));
        // SA-Eventgen's _get_time_slice(earliest, latest, maxcount, count, "random").
        double span = latest_ - earliest_;
        double size = span / static_cast<double>(std::max<int64_t>(slices, 1));
        double start = size * static_cast<double>(count) + earliest_;
        double end = start + size;
        int64_t a = static_cast<int64_t>(start * 100), b = static_cast<int64_t>(end * 100);
        double target = a == b ? static_cast<double>(b) * 0.01
                               : static_cast<double>(a + static_cast<int64_t>(rng_.below(static_cast<uint64_t>(b - a)))) * 0.01;
        set(kTargetEarliest, Value::real(start));
        set(kTargetLatest, Value::real(end));
        set(kTargetSliceSize, Value::real(size));
        set(kTargetEpoch, Value::real(target));

        out_.clear();
        Rng saved = rng_;
        try {
            sample_->env->render(*sample_->target, vars_, rng_, now_, out_);
        } catch (const jinja::TemplateError& e) {
            if (keep_) ++failed_;
            report_render_error(e);
            return;
        }
        read_events(saved);
    }

    void read_events(const Rng& cycle_rng) {
        JinjaEventReader reader(out_);
        JinjaEvent ev;
        std::string error;
        size_t offset = 0;
        std::vector<jinja::OutputMark> marks;
        bool traced = false;
        // For a warning's template line: render the cycle again (same random stream)
        // with output marks, once per cycle.
        auto trace_once = [&] {
            if (traced) return;
            std::string again;
            Rng rng = cycle_rng;
            try {
                sample_->env->render(*sample_->target, vars_, rng, now_, again, &marks);
            } catch (const jinja::TemplateError&) {
            }
            traced = true;
        };
        while (!stopped_) {
            auto r = reader.next(ev, error, offset);
            if (r == JinjaEventReader::Result::End) break;
            if (r == JinjaEventReader::Result::Event && (!ev.has_raw || !ev.has_time))
                r = JinjaEventReader::Result::Bad, error = ev.has_raw ? "no _time field" : "no _raw field";
            if (r == JinjaEventReader::Result::Bad) {
                if (keep_) ++failed_;
                trace_once();
                auto [file, line] = locate(marks, offset);
                warn_once_at(file, line, "line is not a JSON event (" + error + "); counted as failed: " +
                                             snippet(offset));
                continue;
            }
            TimeUs t = job_->now;
            if (ev.time && std::isfinite(*ev.time)) {
                t = static_cast<TimeUs>(std::llround(*ev.time * 1e6));
            } else {
                trace_once();
                auto [file, line] = locate(marks, offset);
                warn_once_at(file, line, "_time is not an epoch number; the event gets the interval's time");
            }
            made_ += ev.raw.size();
            ++events_;
            if (!keep_) continue;
            batch_.begin(t);
            batch_.append(ev.raw);
            batch_.finish(EventMeta{ev.has_host ? std::string_view(ev.host) : std::string_view(c_.host),
                                    ev.has_source ? std::string_view(ev.source) : std::string_view(c_.source),
                                    ev.has_sourcetype ? std::string_view(ev.sourcetype) : std::string_view(c_.sourcetype),
                                    ev.has_index ? std::string_view(ev.index) : std::string_view(c_.index)});
            if (batch_.size() >= batch_events_ || batch_.bytes() >= batch_bytes_) {
                if (!(*emit_)(batch_)) stopped_ = true;
                batch_.clear();
            }
        }
    }

    std::pair<std::string, int> locate(const std::vector<jinja::OutputMark>& marks, size_t offset) const {
        const jinja::OutputMark* best = nullptr;
        for (auto& m : marks)
            if (m.offset <= offset) best = &m;
        if (!best || !best->tmpl) return {sample_->target->path, 0};
        int line = best->line;
        for (size_t k = best->offset; k < offset && k < out_.size(); ++k) line += out_[k] == '\n';
        return {best->tmpl->path, line};
    }

    std::string snippet(size_t offset) const {
        std::string s = out_.substr(offset, 80);
        size_t nl = s.find('\n');
        if (nl != std::string::npos) s.resize(nl);
        return s;
    }

    void warn_once_at(const std::string& file, int line, const std::string& msg) {
        if (!reported_.insert(file + ":" + std::to_string(line) + msg.substr(0, 20)).second) return;
        LOG_WARN("[" << c_.def.stanza << "] " << file << (line > 0 ? ":" + std::to_string(line) : "") << ": " << msg);
    }
    void warn_once(int, const std::string& msg) { warn_once_at(sample_->target->path, 0, msg); }

    void report_render_error(const jinja::TemplateError& e) {
        if (!reported_.insert(std::string("render:") + e.what()).second) return;
        LOG_ERROR("[" << c_.def.stanza << "] template error while rendering: " << e.what()
                      << " (the cycle's events are counted as failed)");
    }

    SampleConfig c_;
    std::shared_ptr<const JinjaSample> sample_;
    uint64_t seed_, key_;
    std::vector<std::pair<int, Value>> vars_;
    size_t first_var_ = 0;
    Rng rng_;
    std::string out_;
    EventBatch batch_;
    std::set<std::string> reported_;
    const Job* job_ = nullptr;
    const std::function<bool(EventBatch&)>* emit_ = nullptr;
    size_t batch_events_ = 4096, batch_bytes_ = 1 << 20;
    double earliest_ = 0, latest_ = 0, now_ = 0;
    uint64_t made_ = 0, events_ = 0, failed_ = 0;
    bool stopped_ = false;
    bool keep_ = true;  // this cycle's events fall to this shard
};

}  // namespace

std::unique_ptr<Generator> make_jinja_generator(const SampleConfig& config, uint32_t sample_id, uint64_t run_seed) {
    return std::make_unique<JinjaGenerator>(config, sample_id, run_seed);
}

bool jinja_interval_splittable(const SampleConfig& config) {
    return jinja_sample(config)->count_type == JinjaCountType::Cycles;
}

const GeneratorDescriptor& jinja_generator() {
    using T = SettingType;
    static const GeneratorDescriptor d{
        "jinja",
        {"jinja"},
        "SA-Eventgen's template generator: renders a Jinja2 template per cycle, each JSON object it writes an event",
        false,
        {},
        {
            {"jinja_template_dir", T::Path, std::nullopt, {}, "folder of the templates (relative: to the sample folder)",
             false},
            {"jinja_target_template", T::String, std::nullopt, {}, "the template rendered each cycle", false},
            {"jinja_variables", T::Json, std::nullopt, {}, "JSON object of variables the templates see", false},
            {"jinja_count_type", T::Choice, std::nullopt, {"cycles", "line_count", "perDayVolume"},
             "what count counts: template renders, events, or bytes (default: perDayVolume when set, else cycles)",
             false},
        },
        [](SampleConfig& c) {
            adapt_jinja_config(c);
            validate_jinja_sample(c);  // compiles the templates now: errors before any worker starts
        },
        [](const SampleConfig& c, const PrepareContext&) -> std::unique_ptr<PreparedSample> {
            return std::make_unique<PreparedSynthetic>(
                c,
                [](const SampleConfig& c, uint32_t id, uint64_t seed) { return make_jinja_generator(c, id, seed); },
                [](const SampleConfig& c, TimeUs now, Rng& rng) { return events_for_interval(c, 1, now, rng); },
                jinja_interval_splittable(c));
        }};
    return d;
}

}  // namespace eventgen
