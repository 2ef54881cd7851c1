#pragma once
// `eventgen check`: loads and compiles every sample of a configuration without
// generating, and reports every problem as a finding with file, line, stanza and key.
// The CLI (`check`, `check --json`), `generate` (its warnings, first) and the
// `| eventgen` search command all use this. JSON shape: /work/coord/describe-format.md.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_definition.h"

namespace eventgen {

struct Finding {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Warning;
    std::string code;  // parse-error, unknown-key, wrong-case, invalid-value, invalid-stanza-pattern,
                       // duplicate-stanza, duplicate-key, unmatched-sample, stanza-matches-no-file,
                       // sample-error, config-not-found
    std::string file;
    int line = 0;
    std::string stanza, key, message, suggestion;

    // "file:line: [stanza] key: error|warning: message (did you mean X?)"
    std::string describe() const;
};

struct CheckedSample {
    std::string name, stanza, file, output_mode, generator;
    bool ok = true;
};

struct CheckReport {
    std::vector<Finding> findings;
    std::vector<CheckedSample> samples;
    size_t errors() const;
    size_t warnings() const;
    // 0 clean (warnings allowed unless strict), 1 warnings only and strict, 2 any error.
    int exit_code(bool strict) const;
};

struct CheckOptions {
    std::string only_sample;                        // -s
    std::function<void(SampleDefinition&)> adjust;  // same hook as RunPlan::adjust
};

// Checks already-loaded configuration sets (one per app: files or splunkd REST).
CheckReport check_confs(const std::vector<EventgenConf>& confs, const CheckOptions& options = {});
// Same CONFIG forms as `generate`; an unknown path becomes a config-not-found error.
// Reads the conf files once more to find duplicate stanzas and keys.
CheckReport check_path(const std::string& config, const CheckOptions& options = {});
// The `check --json` document.
std::string check_report_json(const CheckReport& report, const std::string& config, bool strict);

// Unknown settings of one sample, each with the nearest known key as suggestion
// (what `generate` warns about before it starts).
std::vector<Finding> unknown_setting_findings(const SampleDefinition& def);
// Duplicate stanzas and keys in one conf file's text (Splunk keeps the last; a
// repeated block is usually a copy-and-paste slip).
std::vector<Finding> duplicate_findings(const std::string& text, const std::string& path);

}  // namespace eventgen
