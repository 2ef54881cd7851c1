#pragma once
// Formats and text helpers several outputs share.
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "outputs/event_format.h"

namespace eventgen {

// Bytes of the white space character ending `s` (0 if none), by Python's str.isspace():
// Eventgen's rstrip() also drops \x1c-\x1f and Unicode spaces such as U+00A0.
inline size_t trailing_space(std::string_view s) {
    const size_t n = s.size();
    auto at = [&](size_t back) { return static_cast<unsigned char>(s[n - back]); };
    unsigned char last = at(1);
    if (last < 0x80) return std::isspace(last) || (last >= 0x1C && last <= 0x1F) ? 1 : 0;
    if (n >= 2 && at(2) == 0xC2 && (last == 0x85 || last == 0xA0)) return 2;
    if (n < 3 || (at(3) & 0xF0) != 0xE0 || (at(2) & 0xC0) != 0x80 || (last & 0xC0) != 0x80) return 0;
    uint32_t cp = (static_cast<uint32_t>(at(3) & 0x0F) << 12) | (static_cast<uint32_t>(at(2) & 0x3F) << 6) | (last & 0x3F);
    bool space = cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x3000;
    return space ? 3 : 0;
}

inline std::string_view rstripped(std::string_view raw) {
    while (!raw.empty()) {
        size_t n = trailing_space(raw);
        if (n == 0) break;
        raw.remove_suffix(n);
    }
    return raw;
}

// (rstripped: the event text without trailing white space, Python's rstrip().)
// Epoch seconds with milliseconds ("1700000000.123"), the precision Splunk's SDK documents.
void append_epoch_time(std::string& out, int64_t time_us);
// The same written at `at`, which has room for kEpochTimeMax bytes; returns the length.
constexpr size_t kEpochTimeMax = 26;  // "-9223372036854775.808" and then some
size_t put_epoch_time(char* at, int64_t time_us);
void append_epoch_time(FormatBuffer& out, int64_t time_us);

// The event text without trailing white space, one line each (Eventgen's print).
std::unique_ptr<EventFormat> make_line_format_trimmed();
// The event text and a newline (unless it already ends with one).
std::unique_ptr<EventFormat> make_line_format();

}  // namespace eventgen
