#pragma once
// Turns /event and /raw request bodies into events, validating like splunkd.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hec_reply.h"
#include "hec_types.h"

namespace eventgen::test {

// What an event gets when its envelope (or the /raw query string) leaves a key out.
struct EventDefaults {
    std::string host, source, sourcetype, index;
    std::vector<std::string> allowed_indexes;  // empty allows any
    size_t max_event_size = 5 * 1024 * 1024;
};

struct ParsedBatch {
    std::vector<HecEvent> events;  // every valid event before the first error
    std::optional<HecError> error;
};

// Concatenated JSON envelopes, whitespace allowed between them.
ParsedBatch parse_event_batch(std::string_view body, const EventDefaults& defaults);
// One event per non-blank line; metadata comes from `defaults` only.
ParsedBatch parse_raw_batch(std::string_view body, const EventDefaults& defaults);

bool index_allowed(const std::vector<std::string>& allowed, const std::string& index);

}  // namespace eventgen::test
