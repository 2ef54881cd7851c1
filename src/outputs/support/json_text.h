#pragma once
// JSON string escaping (RFC 8259) for the HEC envelopes built on the hot path.
#include <string>
#include <string_view>

#include "outputs/format_buffer.h"

namespace eventgen {

// Appends `text` as a quoted JSON string. Bytes that are not valid UTF-8 are
// replaced by U+FFFD so the payload always parses. Out: std::string or FormatBuffer.
template <typename Out>
void append_json_string(Out& out, std::string_view text);

// True when no byte of `text` needs escaping: it goes between the quotes as it is.
bool json_plain(std::string_view text);

}  // namespace eventgen
