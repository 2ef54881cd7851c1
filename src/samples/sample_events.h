#pragma once
// Reading a sample file into events: one per line, or split by a breaker regex, or
// one per CSV row with its own metadata.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/sample_config.h"

namespace eventgen {

struct SampleEvent {
    std::string raw;  // ends with '\n', as Eventgen keeps it while tokens run
    std::string host, source, sourcetype, index;
    std::map<std::string, std::string> fields;  // CSV columns (replay's timeField)
};

// Loads the events of `config`'s sample file. Throws ConfigError when the file is
// missing, unreadable or (CSV) has no _raw column.
std::vector<SampleEvent> load_sample_events(const SampleConfig& config);
// The same, one event at a time, so a large sample is never held twice. `expect`,
// when given, first learns the most events the file can hold (its line count).
void for_each_sample_event(const SampleConfig& config, const std::function<void(SampleEvent&)>& each,
                           const std::function<void(size_t)>& expect = nullptr);

// Text as Python reads it in text mode: CRLF and CR become LF, and bytes that are
// not valid UTF-8 are read as Latin-1 (Eventgen's fallback) and re-encoded as UTF-8.
std::string normalize_sample_text(std::string text);

}  // namespace eventgen
