#pragma once
// The HTTP Event Collector sink (hec_sink.cpp).
#include <atomic>
#include <memory>
#include <string>

#include "outputs/hec/hec_settings.h"
#include "outputs/sink.h"

namespace eventgen {

// `raw_query` is the query string of the raw endpoint (the sample's metadata);
// `label` names the stanza in log lines (output_label()); `cancel` cuts retries
// short when the run stops.
std::unique_ptr<Sink> make_hec_sink(const HecSettings& settings, const std::string& raw_query,
                                    const std::string& label, const std::atomic<bool>* cancel);

}  // namespace eventgen
