#include "config/sample_config.h"

#include <rapidjson/document.h>

#include <filesystem>

#include "common/strings.h"
#include "config/sample_resolver.h"
#include "config/setting_schema.h"
#include "generators/registry.h"
#include "outputs/registry.h"
#include "regex/regex.h"
#include "time/relative_time.h"

namespace eventgen {

namespace fs = std::filesystem;

namespace {

const char* const kDefaultBreaker = "[^\\r\\n\\s]+";

RateTable read_rate_table(const SettingsMap& s, const std::string& key, int lo, int hi) {
    RateTable table;
    const Setting* setting = s.find(key);
    if (!setting || trim(setting->value).empty()) return table;
    rapidjson::Document doc;
    doc.Parse(setting->value.c_str());
    if (doc.HasParseError() || !doc.IsObject())
        s.fail(key, "expected a JSON object such as { \"0\": 0.5, \"1\": 1.0 } but found '" +
                        setting->value + "'");
    for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
        auto k = parse_int(it->name.GetString());
        if (!k || *k < lo || *k > hi)
            s.fail(key, std::string("key '") + it->name.GetString() + "' must be a number from " +
                            std::to_string(lo) + " to " + std::to_string(hi));
        double v = 0;
        if (it->value.IsNumber()) {
            v = it->value.GetDouble();
        } else if (it->value.IsString() && parse_double(it->value.GetString())) {
            v = *parse_double(it->value.GetString());
        } else {
            s.fail(key, std::string("value for '") + it->name.GetString() + "' must be a number");
        }
        if (v < 0) s.fail(key, std::string("value for '") + it->name.GetString() + "' must not be negative");
        table.factors[static_cast<int>(*k)] = v;
    }
    return table;
}

void check_time_spec(const SettingsMap& s, const std::string& key, const std::string& value) {
    if (is_time_setting(value)) return;
    s.fail(key, "'" + value + "' is not a time: use now, a relative time such as -15m or -1h@h, "
                "an epoch time, or YYYY-MM-DDTHH:MM:SS");
}

EndCondition read_end(const SettingsMap& s) {
    EndCondition end;
    const Setting* setting = s.find("end");
    if (!setting) return end;
    std::string v(trim(setting->value));
    if (v.empty()) return end;
    if (auto n = parse_int(v)) {
        if (*n < 0) return end;  // -1: forever
        end.kind = EndCondition::Kind::Executions;
        end.executions = *n;
        return end;
    }
    check_time_spec(s, "end", v);
    end.kind = EndCondition::Kind::AtTime;
    end.time_spec = v;
    return end;
}

std::vector<std::string> read_extend_indexes(const std::string& value) {
    // "idx1, prefix:3" -> idx1, prefix0, prefix1, prefix2
    std::vector<std::string> out;
    for (auto item : split(value, ',')) {
        item = trim(item);
        if (item.empty()) continue;
        size_t colon = item.rfind(':');
        if (colon != std::string_view::npos) {
            if (auto n = parse_int(item.substr(colon + 1))) {
                for (int64_t i = 0; i < *n; ++i)
                    out.push_back(std::string(item.substr(0, colon)) + std::to_string(i));
                continue;
            }
        }
        out.emplace_back(item);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& accepted_settings() {
    // Built from the core's and the components' schemas; token keys are parsed apart.
    static std::vector<std::string> keys;
    static size_t built_from = 0;  // rebuilt when a component was added (tests)
    if (built_from == all_settings().size()) return keys;
    built_from = all_settings().size();
    keys.clear();
    for (const KnownSetting& k : all_settings())
        if (k.spec->key.find('<') == std::string::npos && k.spec->key.rfind("host.", 0) != 0) keys.push_back(k.spec->key);
    return keys;
}

bool is_known_setting(const std::string& key) { return find_setting(key) != nullptr; }

namespace {
// An interval's count beyond this is a mistake (and would overflow the rate maths).
constexpr int64_t kMaxCount = 1000000000000;
}  // namespace

SampleConfig make_sample_config(SampleDefinition def) {
    SampleConfig c;
    const SettingsMap& s = def.settings;

    c.sampletype = s.choice("sampletype", {"raw", "csv"}, "raw");
    c.breaker = s.str("breaker", kDefaultBreaker);
    c.line_mode = c.breaker == kDefaultBreaker;
    if (!c.line_mode) {
        try {
            Regex::compile(c.breaker);
        } catch (const RegexError& e) {
            s.fail("breaker", std::string("invalid regex: ") + e.what());
        }
    }
    c.bundlelines = s.boolean("bundlelines", false);
    c.mode = s.choice("mode", generator_modes(), "sample");
    c.generator = to_lower(trim(s.str("generator", "default")));
    c.rater = to_lower(trim(s.str("rater", "config")));
    c.interval = s.number("interval", 60);
    if (!(c.interval >= 0)) s.fail("interval", "must not be negative");
    c.delay = s.number("delay", 0);
    if (c.delay < 0) s.fail("delay", "must not be negative");
    c.count = s.integer("count", -1);
    if (c.count < -1 || c.count > kMaxCount)
        s.fail("count", "must be -1 (the whole sample) or between 0 and " + std::to_string(kMaxCount));
    c.randomize_events = s.boolean("randomizeEvents", false);
    c.randomize_count = s.number("randomizeCount", 0);
    if (c.randomize_count < 0) s.fail("randomizeCount", "must not be negative");
    c.earliest = std::string(trim(s.str("earliest", "now")));
    c.latest = std::string(trim(s.str("latest", "now")));
    check_time_spec(s, "earliest", c.earliest);
    check_time_spec(s, "latest", c.latest);
    c.backfill = std::string(trim(s.str("backfill", "")));
    if (!c.backfill.empty()) check_time_spec(s, "backfill", c.backfill);
    c.end = read_end(s);
    c.time_multiple = s.number("timeMultiple", 1);
    if (c.time_multiple <= 0) s.fail("timeMultiple", "must be greater than 0");
    if (const Setting* v = s.find("perDayVolume"); v && !trim(v->value).empty()) {
        c.per_day_volume_gb = s.number("perDayVolume", 0);
        if (*c.per_day_volume_gb < 0) s.fail("perDayVolume", "must not be negative");
    }
    c.sequential_timestamp = s.boolean("sequentialTimestamp", false);
    c.hour_of_day = read_rate_table(s, "hourOfDayRate", 0, 23);
    c.day_of_week = read_rate_table(s, "dayOfWeekRate", 0, 6);
    c.minute_of_hour = read_rate_table(s, "minuteOfHourRate", 0, 59);
    // Key 0 never matches a day or month, but configs written from the spec's 0-based
    // example carry it; accept it rather than refuse the whole sample.
    c.day_of_month = read_rate_table(s, "dayOfMonthRate", 0, 31);
    c.month_of_year = read_rate_table(s, "monthOfYearRate", 0, 12);
    if (const Setting* tz = s.find("timezone"); tz && !trim(tz->value).empty()) {
        try {
            c.timezone = TimeZone::parse(trim(tz->value));
        } catch (const std::invalid_argument& e) {
            s.fail("timezone", "'" + tz->value + "' is not a time zone: use local or an offset like +0530");
        }
    }
    if (const Setting* seed = s.find("seed"); seed && !trim(seed->value).empty())
        c.seed = static_cast<uint64_t>(s.integer("seed", 0));
    c.extend_indexes = read_extend_indexes(s.str("extendIndexes", ""));

    c.index = s.str("index", "main");
    c.host = s.str("host", "127.0.0.1");
    c.sourcetype = s.str("sourcetype", "eventgen");
    c.source = s.str("source", "");
    if (trim(c.source).empty())
        c.source = def.file_path.empty() ? c.generator : fs::path(def.file_path).filename().string();
    c.time_field = s.str("timeField", "_raw");
    c.autotimestamp = s.boolean("autotimestamp", false);
    c.replay_bad_timestamps = s.choice("replayBadTimestamps", {"skip", "keep"}, "skip");

    c.generator_workers = s.integer("generatorWorkers", 1);
    if (c.generator_workers < 1) s.fail("generatorWorkers", "must be at least 1");
    c.threading = s.choice("threading", {"thread", "process"}, "thread");
    c.use_output_queue = s.boolean("useOutputQueue", false);
    c.split_sample = s.integer("splitSample", 0);

    // perDayVolume replaces count (Eventgen's perdayvolumegenerator is the default one).
    if (c.per_day_volume_gb) c.rater = "perdayvolume";
    if (c.rater != "config" && c.rater != "perdayvolume")
        s.fail("rater", "rater '" + c.rater + "' is not available (available: config, perdayvolume)");
    // `mode` chooses the generator while `generator` keeps its default; a named one
    // decides itself (generator = replay replays whatever `mode` says). perDayVolume
    // sizes the default generator's output, whatever the mode (Eventgen's rule).
    static const std::string default_generator = *find_setting("generator")->spec->default_value;
    static const std::string default_mode = *find_setting("mode")->spec->default_value;
    if (c.generator == default_generator) {
        c.generator_component = generator_for_mode(c.per_day_volume_gb ? default_mode : c.mode);
        if (c.generator_component) c.generator = c.generator_component->name;
    } else {
        c.generator_component = find_generator(c.generator);
    }
    if (!c.generator_component)
        s.fail("generator", "unknown generator '" + c.generator + "' (available: " + generator_name_list() + ")");
    if (!c.generator_component->modes.empty()) c.mode = c.generator_component->modes.front();
    // Blame the generator line: with no key the message would point at no file at all.
    if (c.generator_component->needs_sample_file && def.file_path.empty())
        s.fail("generator", "generator '" + c.generator + "' needs a sample file but no file matches this stanza");

    static const std::string default_output = *find_setting("outputMode")->spec->default_value;
    c.output_mode = to_lower(trim(s.str("outputMode", default_output)));
    c.output_component = find_output(c.output_mode);
    if (!c.output_component)
        s.fail("outputMode", "output mode '" + c.output_mode + "' is not available in this build (available: " +
                                 output_mode_list() + ")");

    // The components read their own settings from the definition.
    c.def = std::move(def);
    if (c.generator_component->configure) c.generator_component->configure(c);
    c.output = c.output_component->parse(c, c.output_mode);
    return c;
}

TimeUs resolve_time(const SampleConfig& c, const std::string& key, const std::string& spec, TimeUs now) {
    if (auto t = resolve_time_setting(spec, now, c.timezone)) return *t;
    c.def.settings.fail(key, "'" + spec + "' is not a time Eventgen understands");
}

}  // namespace eventgen
