#pragma once
// Helpers for sample tests: a sample file plus settings and tokens turned into a
// SampleConfig the way the resolver would, and event rendering to plain strings.
#include <map>
#include <string>
#include <vector>

#include "../tokens/token_test_util.h"
#include "config/sample_config.h"
#include "samples/compiled_sample.h"

namespace eventgen::testing {

struct SampleSetup {
    std::string file_name = "sample";
    std::string contents;
    std::map<std::string, std::string> settings;
    std::vector<TokenSpec> tokens;
    std::optional<TokenSpec> host_token;
};

// Writes the sample into `dir` and validates its settings.
inline SampleConfig make_config(const TempDir& dir, const SampleSetup& setup) {
    SampleDefinition def = definition_in(dir.path().string());
    def.name = setup.file_name;
    def.file_path = dir.write(setup.file_name, setup.contents);
    def.settings.stanza = def.stanza;
    int line = 1;
    for (const auto& [key, value] : setup.settings)
        def.settings.set(key, Setting{value, ConfLocation{"test.conf", line++, def.stanza, key}});
    def.tokens = setup.tokens;
    def.host_token = setup.host_token;
    return make_sample_config(std::move(def));
}

// One rendered event, read back from its batch.
struct Rendered {
    std::string raw, host, source, sourcetype, index;
    int64_t time_us = 0;
    bool operator==(const Rendered&) const = default;
};

inline Rendered read_single(const EventBatch& batch) {
    Rendered r;
    for (const EventView& e : batch) {
        r.raw = std::string(e.raw);
        r.host = std::string(e.meta.host);
        r.source = std::string(e.meta.source);
        r.sourcetype = std::string(e.meta.sourcetype);
        r.index = std::string(e.meta.index);
        r.time_us = e.time_us;
    }
    return r;
}

// A context as the generator prepares one, for sample `s`.
inline EventContext context_for(const CompiledSample& s, const TimeZone& zone) {
    EventContext ctx;
    ctx.zone = &zone;
    ctx.file_rows.assign(s.tokens().file_count, -1);
    return ctx;
}

}  // namespace eventgen::testing
