// The core settings: what every sample has whatever its output and generator. The
// components' own settings live in their folders (outputs/*/, generators/*/).
// default/eventgen.conf repeats these defaults for Splunk; a test keeps them equal.
#include "config/setting_schema.h"

namespace eventgen {

namespace {

using T = SettingType;

SettingSpec s(const char* key, T type, std::optional<std::string> def, const char* doc,
              std::vector<std::string> allowed = {}) {
    return SettingSpec{key, type, std::move(def), std::move(allowed), doc, false};
}
SettingSpec global(const char* key, T type, std::optional<std::string> def, const char* doc,
                   std::vector<std::string> allowed = {}) {
    SettingSpec spec = s(key, type, std::move(def), doc, std::move(allowed));
    spec.global_only = true;
    return spec;
}
// Python Eventgen settings with no effect here; accepted so existing configs stay quiet.
SettingSpec compat(const char* key, std::optional<std::string> def = std::nullopt) {
    return s(key, T::String, std::move(def), "accepted for compatibility with Python Eventgen; no effect");
}

}  // namespace

const SettingSchema& core_settings() {
    static const SettingSchema schema = {
        // Run-wide (read from [global])
        global("generatorWorkers", T::Integer, "1", "generator workers for the whole run (1 to 256)"),
        global("threading", T::Choice, "thread", "run generator workers as threads or forked processes",
               {"thread", "process"}),
        global("metricsInterval", T::Number, "0", "seconds between metrics lines; 0 logs only the summary"),
        global("shard", T::String, std::nullopt,
               "I/N: make only shard I of N (0 to N-1) of every sample's events; --shard overrides"),
        global("shard_hosts", T::String, std::nullopt,
               "the fleet's host names in order: each host makes the shard of its own name's position (from 0)"),
        // Sample file
        s("disabled", T::Boolean, "false", "skip this stanza"),
        s("sampleDir", T::Path, std::nullopt, "folder of the sample files (default: the app's samples/)"),
        s("sampletype", T::Choice, "raw", "raw: the file's events; csv: rows with _raw and metadata columns",
          {"raw", "csv"}),
        s("breaker", T::Regex, "[^\\r\\n\\s]+", "regex that starts each event; the default is one event per line"),
        s("bundlelines", T::Boolean, "false", "treat the whole sample as one event when breaking by line"),
        s("randomizeEvents", T::Boolean, "false", "pick the events of an interval at random"),
        // Scheduling and volume
        // mode, generator and outputMode take their values from the registered components.
        s("mode", T::Choice, "sample", "chooses the generator while generator = default (see generators)"),
        s("generator", T::Choice, "default", "the generator that makes the events (see generators)"),
        s("rater", T::Choice, "config", "how the count of each interval is decided", {"config", "perdayvolume"}),
        s("interval", T::Number, "60", "seconds between intervals"),
        s("delay", T::Number, "0", "seconds before the first interval"),
        s("count", T::Integer, "-1", "events per interval; -1 or 0: the whole sample"),
        s("earliest", T::Time, "now", "start of each event's time window (relative time such as -15m)"),
        s("latest", T::Time, "now", "end of each event's time window"),
        s("sequentialTimestamp", T::Boolean, "false", "spread timestamps in order across the window"),
        s("backfill", T::Time, std::nullopt, "generate from this time up to now first (e.g. -1h)"),
        s("backfillSearch", T::String, std::nullopt, "accepted for compatibility with Python Eventgen; no effect"),
        s("end", T::String, "-1", "stop after N intervals, or at a time; -1 runs forever"),
        s("timezone", T::String, "local", "zone of generated times: local, utc or an offset like +0530"),
        s("timeMultiple", T::Number, "1", "replay: stretch (>1) or compress (<1) the original spacing"),
        s("timeField", T::String, "_raw", "csv: the column holding the event text"),
        s("perDayVolume", T::Number, std::nullopt, "GB per day to generate; replaces count"),
        s("randomizeCount", T::Number, "0", "vary each interval's count by this fraction (0.2 = +/-10%)"),
        s("hourOfDayRate", T::Json, std::nullopt, "JSON object: count factor for each hour 0-23"),
        s("dayOfWeekRate", T::Json, std::nullopt, "JSON object: count factor for each weekday 0-6"),
        s("minuteOfHourRate", T::Json, std::nullopt, "JSON object: count factor for each minute 0-59"),
        s("dayOfMonthRate", T::Json, std::nullopt, "JSON object: count factor for each day 1-31"),
        s("monthOfYearRate", T::Json, std::nullopt, "JSON object: count factor for each month 1-12"),
        s("seed", T::Integer, std::nullopt, "seed this sample's random choices: same seed, same events"),
        s("extendIndexes", T::List, std::nullopt, "extra indexes to spread events over: idx1, prefix:3"),
        s("autotimestamp", T::Boolean, "false", "find timestamps in the sample without tokens"),
        s("autotimestamps", T::Json, std::nullopt, "JSON list of [regex, strftime] pairs autotimestamp uses"),
        s("replayBadTimestamps", T::Choice, "skip", "replay: events without a readable time are skipped or kept",
          {"skip", "keep"}),
        // Metadata
        s("index", T::String, "main", "index of the events"),
        s("source", T::String, std::nullopt, "source of the events (default: the sample file name)"),
        s("sourcetype", T::String, "eventgen", "sourcetype of the events"),
        s("host", T::String, "127.0.0.1", "host of the events"),
        s("hostRegex", T::Regex, std::nullopt, "accepted for compatibility with Python Eventgen; no effect"),
        // Output
        s("outputMode", T::Choice, "modinput", "where events go (see outputs)"),
        s("useOutputQueue", T::Boolean, "false", "false: workers write outputs that allow it directly"),
        s("splitSample", T::Integer, "0", "split each interval across N workers; 1 = all workers"),
        // Python Eventgen settings with no effect here.
        compat("debug", "false"), compat("verbosity", "40"), compat("outputWorkers", "1"), compat("profiler", "false"),
        compat("maxIntervalsBeforeFlush", "3"), compat("maxQueueLength", "0"), compat("disableLoggingQueue", "true"),
        compat("outputCounter"), compat("projectID"), compat("accessToken"), compat("eai:acl"),
        compat("eai:userName"), compat("eai:appName"), compat("blacklist"),
        // Tokens (one group per n)
        s("token.<n>.token", T::Regex, std::nullopt, "regex whose matches the token replaces"),
        s("token.<n>.replacementType", T::Choice, std::nullopt, "how the replacement is made",
          {"static", "timestamp", "replaytimestamp", "random", "rated", "file", "mvfile", "seqfile", "integerid"}),
        s("token.<n>.replacement", T::String, std::nullopt, "what replaces a match (depends on the type)"),
        s("host.token", T::Regex, std::nullopt, "regex of the host value replaced per event"),
        s("host.replacement", T::String, std::nullopt, "file[:column] the host values come from"),
    };
    return schema;
}

const char* setting_type_name(SettingType type) {
    switch (type) {
        case T::String: return "string";
        case T::Integer: return "integer";
        case T::Number: return "number";
        case T::Boolean: return "boolean";
        case T::Choice: return "choice";
        case T::Time: return "time";
        case T::Regex: return "regex";
        case T::Json: return "json";
        case T::Path: return "path";
        case T::List: return "list";
    }
    return "string";
}

}  // namespace eventgen
