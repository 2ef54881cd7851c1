#pragma once
// Turns stanzas into samples the way Eventgen does: stanza names are regexes matched
// against the file names in the sample folder; one file can match several stanzas
// (the exact or longest one wins, the others fill in what it leaves unset and add
// their tokens), and one stanza can match several files.
#include <string>
#include <vector>

#include "config/eventgen_conf.h"
#include "config/sample_definition.h"

namespace eventgen {

struct ResolveOptions {
    std::string only_sample;  // -s/--sample: keep only this sample (file or stanza name)
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
