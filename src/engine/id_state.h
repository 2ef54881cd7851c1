#pragma once
// integerid tokens carry on from the value the last run ended at: kept in a small state
// file per token, in the sample's folder or (under Splunk) the input's checkpoint folder.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/sample_config.h"
#include "config/shard.h"

namespace eventgen {

// A shard keeps its own state file (the name ends in .shard-I-of-N), so shards that
// share a folder never overwrite each other's; `generated` is rounded up to a multiple
// of N, so every id of shard I stays congruent to start + I (mod N) run after run and
// no two shards ever make the same id.

// integerid regex -> the value saved by the last run.
std::vector<std::pair<std::string, int64_t>> load_integer_id_state(const SampleConfig& config,
                                                                   const std::string& state_dir,
                                                                   const Shard& shard = {});
// Saves start + `generated` for every integerid token, atomically; a failure is
// logged, not thrown.
void save_integer_id_state(const SampleConfig& config, const std::vector<std::pair<std::string, int64_t>>& saved,
                           uint64_t generated, const std::string& state_dir, const Shard& shard = {});

}  // namespace eventgen
