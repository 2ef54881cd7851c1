#pragma once
// A jinja sample's settings, read and checked once, with its templates compiled
// (in the parent, before workers start). Workers share the compiled tree.
#include <memory>
#include <string>
#include <vector>

#include "config/sample_config.h"
#include "jinja/environment.h"

namespace eventgen {

enum class JinjaCountType { Cycles, LineCount, PerDayVolume };

struct JinjaSample {
    std::unique_ptr<jinja::Environment> env;
    const jinja::Template* target = nullptr;
    std::vector<std::pair<int, jinja::Value>> variables;  // jinja_variables
    JinjaCountType count_type = JinjaCountType::Cycles;
    double per_day_volume_gb = 0;  // perDayVolume count type: the volume to reach per day
    ConfLocation where;            // jinja_target_template (for messages)
};

// The compiled sample for `c` (generator = jinja), compiled on first use and then
// shared. Throws ConfigError naming the stanza, the key and, for template errors,
// the template's file:line:column.
std::shared_ptr<const JinjaSample> jinja_sample(const SampleConfig& c);

// Checks a jinja stanza's settings and compiles its templates (what `eventgen check`
// and config loading call). Throws ConfigError.
void validate_jinja_sample(const SampleConfig& c);

// Adjusts settings the jinja generator reads itself: perDayVolume becomes its count
// type rather than the engine's volume rating.
void adapt_jinja_config(SampleConfig& c);

}  // namespace eventgen
