// counter: counts from start_count to end_count by count_by, one event per value,
// formatted by count_template; no sample file.
#include <cmath>
#include <sstream>

#include "generators/support/synthetic.h"
#include "rating/rater.h"
#include "time/time_format.h"

namespace eventgen {

namespace {

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

void validate(SampleConfig& c) {
    const SettingsMap& s = c.def.settings;
    for (const char* key : {"start_count", "end_count", "count_by"})
        if (s.has(key)) s.number(key, 0);
}

std::unique_ptr<PreparedSample> prepare(const SampleConfig& c, const PrepareContext&) {
    int64_t steps = counter_spec(c).steps;
    return std::make_unique<PreparedSynthetic>(
        c,
        [](const SampleConfig& c, uint32_t id, uint64_t seed) -> std::unique_ptr<Generator> {
            return std::make_unique<CounterGenerator>(c, id, seed);
        },
        [steps](const SampleConfig& c, TimeUs now, Rng& rng) {
            // count is the number of counting cycles, unless end_count is missing (then
            // count says how far to count and one cycle runs).
            int64_t cycles = c.def.settings.has("end_count") ? events_for_interval(c, 1, now, rng) : 1;
            return cycles * steps;
        });
}

}  // namespace

const GeneratorDescriptor& counter_generator() {
    using T = SettingType;
    static const GeneratorDescriptor d{
        "counter",
        {"counter"},
        "counts from start_count to end_count, one event per value; no sample file",
        false,
        {},
        {
            {"start_count", T::Number, "0", {}, "first value", false},
            {"end_count", T::Number, std::nullopt, {}, "last value (default: start_count + count)", false},
            {"count_by", T::Number, "1", {}, "step between values", false},
            {"count_template", T::String, std::nullopt, {},
             "event text with {event_ts} {samplename} {loop_count} {max_loop} {start_count} {current_count} "
             "{end_count} {count_by}",
             false},
        },
        validate,
        prepare};
    return d;
}

}  // namespace eventgen
