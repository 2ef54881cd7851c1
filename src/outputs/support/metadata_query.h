#pragma once
// A sample's index/source/sourcetype/host as a URL query (HEC raw, splunkstream).
#include <string>

namespace eventgen {

struct SampleConfig;
std::string metadata_query(const SampleConfig& config);

}  // namespace eventgen
