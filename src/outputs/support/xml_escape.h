#pragma once
// XML text for Splunk's modular input stream: entity-escaped, CR kept as &#13;, and
// anything XML 1.0 cannot carry (control characters, invalid UTF-8, U+FFFE/U+FFFF)
// replaced by U+FFFD so one bad byte never breaks the rest of the stream.
#include <cstddef>
#include <string>
#include <string_view>

#include "outputs/format_buffer.h"

namespace eventgen {

// Appends `text` escaped; `attribute` also escapes '"', tab and LF. Returns how many
// characters had to be replaced. Out: std::string or FormatBuffer.
template <typename Out>
size_t append_xml_escaped(Out& out, std::string_view text, bool attribute = false);

// Copies to `dst` (room for text.size() bytes) the start of `text` that element text
// carries unchanged, and returns its length: text.size() for a plain event, which is
// then copied and checked in one pass. Bytes past the returned length may be written.
size_t copy_plain_text(char* dst, std::string_view text);
// The same without the AVX2 variant copy_plain_text picks where the CPU has it (tests).
size_t copy_plain_text_baseline(char* dst, std::string_view text);

}  // namespace eventgen
