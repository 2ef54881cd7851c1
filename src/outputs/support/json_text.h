#pragma once
// JSON string escaping (RFC 8259) for the HEC envelopes built on the hot path.
#include <string>
#include <string_view>

namespace eventgen {

// Appends `text` as a quoted JSON string. Bytes that are not valid UTF-8 are
// replaced by U+FFFD so the payload always parses.
void append_json_string(std::string& out, std::string_view text);

}  // namespace eventgen
