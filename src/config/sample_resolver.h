#pragma once
// Turns stanzas into samples the way Eventgen does: stanza names are regexes matched
// against the file names in the sample folder; one file can match several stanzas
// (the exact or longest one wins, the others fill in what it leaves unset and add
// their tokens), and one stanza can match several files.
#include <optional>
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_definition.h"
#include "regex/regex.h"

namespace eventgen {

struct ResolveOptions {
    // -s/--sample: keep only the samples this selects (see SampleSelector).
    std::string only_sample;
};

// What -s/--sample selects, as SA-Eventgen users write it: a sample file name, a
// stanza name, or a pattern — a stanza-style regex or a shell glob — matching the
// whole file or stanza name (sample\.tutorial\d, 'web.*\.log', '*.csv').
class SampleSelector {
public:
    explicit SampleSelector(std::string pattern);
    bool selects(const std::string& file_name, const std::string& stanza) const;
    bool empty() const { return pattern_.empty(); }

private:
    bool matches(const std::string& text) const;
    std::string pattern_;
    std::optional<Regex> regex_;
};

struct ResolvedSamples {
    std::vector<SampleDefinition> samples;
    std::vector<ConfigError> problems;  // samples that cannot run; the others still do
    std::vector<std::string> warnings;
};

ResolvedSamples resolve_samples(const EventgenConf& conf, const ResolveOptions& options = {});

// Replaces $VAR and ${VAR} with environment values, like Eventgen's path handling.
std::string expand_env_vars(const std::string& path);

}  // namespace eventgen
