#include "generators/synthetic_generators.h"

#include <cmath>
#include <filesystem>
#include <sstream>

#include "common/rng.h"
#include "common/strings.h"
#include "generators/jinja/jinja_generator.h"
#include "generators/sample_generator.h"
#include "time/time_format.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

EventMeta meta_of(const SampleConfig& c) { return EventMeta{c.host, c.source, c.sourcetype, c.index}; }

// One event per index of the job, `render` appends its text.
template <typename Render>
uint64_t run_job(const Job& job, EventBatch& batch, const SampleConfig& c, uint64_t seed, uint64_t key,
                 const std::function<bool(EventBatch&)>& emit, size_t batch_events, size_t batch_bytes, Render render) {
    Rng rng;
    return emit_in_batches(job.first, job.first + job.count, batch, emit, batch_events, batch_bytes, [&](int64_t i) {
        rng.reseed(mix_seed(seed, key, job.seq_base + static_cast<uint64_t>(i)));
        render(i, rng, batch);
        batch.finish(meta_of(c));
    });
}

TimeUs spread(const Job& job, int64_t i, int64_t total) {
    // Evenly through the window, the last one at its end (as Eventgen's windbag does).
    uint64_t span = static_cast<uint64_t>(job.latest - job.earliest);
    return job.earliest + static_cast<TimeUs>(static_cast<double>(span) * static_cast<double>(i + 1) /
                                              static_cast<double>(std::max<int64_t>(total, 1)));
}

class WindbagGenerator : public Generator {
public:
    WindbagGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), seed_(seed), key_(sample_key(c.name())), stamp_("%Y-%m-%d %H:%M:%S.%f %z") {
        batch_.set_sample_id(id);
    }
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t be, size_t bb) override {
        std::string total = std::to_string(job.interval_total);
        return run_job(job, batch_, c_, seed_, key_, emit, be, bb, [&](int64_t i, Rng&, EventBatch& b) {
            TimeUs t = spread(job, i, job.interval_total);
            b.begin(t);
            stamp_.append(t, c_.timezone, b.open_buffer());
            b.append(" WINDBAG Event ");
            b.append(std::to_string(i + 1));
            b.append(" of ");
            b.append(total);
        });
    }

private:
    SampleConfig c_;
    uint64_t seed_, key_;
    TimeFormat stamp_;
    EventBatch batch_;
};

struct CounterSpec {
    double start = 0, end = 0, by = 1;
    bool integral = true;
    int64_t steps = 1;
    std::string tmpl;
};

CounterSpec counter_spec(const SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    CounterSpec k;
    k.start = s.number("start_count", 0);
    k.by = s.number("count_by", 1);
    if (k.by == 0) k.by = 1;
    // Without end_count, count gives how far to count (Eventgen's rule).
    k.end = s.has("end_count") ? s.number("end_count", 0) : static_cast<double>(c.count > 0 ? c.count : 60);
    if (k.end < k.start && k.by > 0) k.end = k.start + k.end;
    if ((k.end - k.start) * k.by < 0) k.by = -k.by;
    k.integral = k.start == std::floor(k.start) && k.end == std::floor(k.end) && k.by == std::floor(k.by);
    k.steps = static_cast<int64_t>(std::floor(std::abs(k.end - k.start) / std::abs(k.by) + 1e-9)) + 1;
    k.tmpl = s.str("count_template",
                   "{event_ts} Counter for sample:{samplename}, Now processing event counting {loop_count} of "
                   "{max_loop} cycles. Counter Values: Start_Count: {start_count} Current_Counter:{current_count} "
                   "End_Count:{end_count} Counting_By: {count_by}");
    return k;
}

std::string number_text(double v, bool integral) {
    if (integral) return std::to_string(static_cast<int64_t>(std::llround(v)));
    std::ostringstream os;
    os.precision(5);
    os << std::fixed << std::round(v * 1e5) / 1e5;
    std::string s = os.str();
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s += '0';
    return s;
}

class CounterGenerator : public Generator {
public:
    CounterGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), k_(counter_spec(c)), seed_(seed), key_(sample_key(c.name())), stamp_("%Y-%m-%d %H:%M:%S.%f") {
        batch_.set_sample_id(id);
    }
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t be, size_t bb) override {
        int64_t cycles = std::max<int64_t>(job.interval_total / k_.steps, 1);
        return run_job(job, batch_, c_, seed_, key_, emit, be, bb, [&](int64_t i, Rng&, EventBatch& b) {
            int64_t step = i % k_.steps, cycle = i / k_.steps;
            double value = k_.start + k_.by * static_cast<double>(step);
            TimeUs t = spread(job, step, k_.steps);
            std::string ts;
            stamp_.append(t, c_.timezone, ts);
            b.begin(t);
            expand(b.open_buffer(), {{"event_ts", ts},
                                     {"samplename", c_.name()},
                                     {"loop_count", std::to_string(cycle + 1)},
                                     {"max_loop", std::to_string(cycles)},
                                     {"start_count", number_text(k_.start, k_.integral)},
                                     {"current_count", number_text(value, k_.integral)},
                                     {"end_count", number_text(k_.end, k_.integral)},
                                     {"count_by", number_text(k_.by, k_.integral)}});
        });
    }

private:
    // Python str.format-style {name} placeholders; unknown names stay as written.
    void expand(std::string& out, const std::vector<std::pair<const char*, std::string>>& vars) {
        const std::string& t = k_.tmpl;
        for (size_t i = 0; i < t.size();) {
            if (t[i] == '{') {
                size_t close = t.find('}', i);
                if (close != std::string::npos) {
                    std::string_view name(t.data() + i + 1, close - i - 1);
                    bool done = false;
                    for (const auto& [k, v] : vars)
                        if (name == k) {
                            out += v;
                            done = true;
                        }
                    if (done) {
                        i = close + 1;
                        continue;
                    }
                }
            }
            out += t[i++];
        }
    }
    SampleConfig c_;
    CounterSpec k_;
    uint64_t seed_, key_;
    TimeFormat stamp_;
    EventBatch batch_;
};

std::vector<std::string> list_or(const SampleConfig& c, const char* file, std::vector<std::string> fallback) {
    if (auto text = read_file((fs::path(c.def.sample_dir) / file).string())) {
        std::vector<std::string> out;
        for (auto line : split(*text, '\n'))
            if (!trim(line).empty()) out.emplace_back(trim(line));
        if (!out.empty()) return out;
    }
    return fallback;
}

class WeblogGenerator : public Generator {
public:
    WeblogGenerator(const SampleConfig& c, uint32_t id, uint64_t seed)
        : c_(c), seed_(seed), key_(sample_key(c.name())), stamp_("%d/%b/%Y %H:%M:%S:%f") {
        batch_.set_sample_id(id);
        ips_ = list_or(c, "external_ips.sample", {"1.16.0.1", "12.130.60.4", "27.35.11.11", "64.66.0.20", "91.205.189.15"});
        hosts_ = list_or(c, "webhosts.sample", {"web01.example.com", "web02.example.com", "web03.example.com"});
        agents_ = list_or(c, "useragents.sample",
                          {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                           "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                           "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"});
        status_ = list_or(c, "webserverstatus.sample", {"200", "200", "200", "200", "301", "404", "500", "503"});
    }
    uint64_t generate(const Job& job, const std::function<bool(EventBatch&)>& emit, size_t be, size_t bb) override {
        uint64_t span = static_cast<uint64_t>(job.latest - job.earliest);
        return run_job(job, batch_, c_, seed_, key_, emit, be, bb, [&](int64_t, Rng& rng, EventBatch& b) {
            TimeUs t = job.earliest + static_cast<TimeUs>(rng.below(span + 1));
            b.begin(t);
            std::string& o = b.open_buffer();
            o += pick(ips_, rng);
            o += ' ';
            o += pick(hosts_, rng);
            o += " - - [";
            stamp_.append(t, c_.timezone, o);
            o += "] \"GET /product.screen?product_id=HolyGouda&JSESSIONID=SD3SL1FF7ADFF8 HTTP 1.1\" ";
            o += pick(status_, rng);
            o += ' ';
            o += std::to_string(rng.between(100, 1000));
            o += " \"http://shop.buttercupgames.com/cart.do?action=view&itemId=HolyGouda\" \"";
            o += pick(agents_, rng);
            o += "\" ";
            o += std::to_string(rng.between(200, 2000));
        });
    }

private:
    static const std::string& pick(const std::vector<std::string>& v, Rng& rng) { return v[rng.below(v.size())]; }
    SampleConfig c_;
    uint64_t seed_, key_;
    TimeFormat stamp_;
    EventBatch batch_;
    std::vector<std::string> ips_, hosts_, agents_, status_;
};

}  // namespace

bool is_synthetic_generator(const std::string& g) {
    return g == "windbag" || g == "counter" || g == "weblog" || g == "jinja";
}

int64_t synthetic_events_per_unit(const SampleConfig& c) {
    return c.generator == "counter" ? counter_spec(c).steps : 1;
}

int64_t synthetic_default_count(const SampleConfig& c) { return c.generator == "windbag" ? 60 : 1; }

bool synthetic_splittable(const SampleConfig& c) { return c.generator != "jinja" || jinja_interval_splittable(c); }

std::unique_ptr<Generator> make_synthetic_generator(const SampleConfig& c, uint32_t id, uint64_t seed) {
    if (c.generator == "windbag") return std::make_unique<WindbagGenerator>(c, id, seed);
    if (c.generator == "counter") return std::make_unique<CounterGenerator>(c, id, seed);
    if (c.generator == "jinja") return make_jinja_generator(c, id, seed);
    return std::make_unique<WeblogGenerator>(c, id, seed);
}

}  // namespace eventgen
