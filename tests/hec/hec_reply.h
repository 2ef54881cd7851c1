#pragma once
// HEC status codes and their JSON reply bodies (SPLUNK.md §3.6).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "http_message.h"

namespace eventgen::test {

struct HecStatus {
    int http = 400;
    const char* text = "";
};

// HTTP status and text for a HEC code 0..27; unknown codes map to 500.
HecStatus hec_status(int code);

// A rejection tied to one event of the request (invalid-event-number), or to none.
struct HecError {
    int code = 6;
    std::optional<size_t> event_number = {};
};

// {"text":...,"code":N} plus "invalid-event-number" or "ackId" when given.
HttpResponse hec_reply(int code, std::optional<size_t> event_number = std::nullopt,
                       std::optional<uint64_t> ack_id = std::nullopt);
inline HttpResponse hec_reply(const HecError& e) { return hec_reply(e.code, e.event_number); }

}  // namespace eventgen::test
