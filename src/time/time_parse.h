#pragma once
// strptime for Python-style formats, without libc (its strptime ignores %z/%f and
// depends on the process locale).
#include <optional>
#include <string_view>

#include "time/time_types.h"
#include "time/time_zone.h"

namespace eventgen {

// Parses all of `text` against `fmt`. Supported directives: %Y (4 digits) %y %m %d %e
// %H %k %I %l %M %S %f (1-6 digits) %p %b %B %h %a %A (names in any case, full or
// abbreviated) %j %z (+hhmm, +hh:mm, optional seconds, Z) %Z (a zone name; ignored)
// %s (epoch seconds, optional fraction) %n %t %T %D %F %R %r %c %x %X %%; glibc's
// padding flags and E/O modifiers are skipped. Whitespace in `fmt` matches one or
// more whitespace characters; other text must match exactly. Missing fields default
// like Python (1900-01-01 00:00:00). The fields are read in `tz` unless %z gives an
// offset; %s wins over everything. Returns nullopt on any mismatch, on impossible
// dates and on unsupported directives.
std::optional<TimeUs> parse_time(std::string_view text, std::string_view fmt, const TimeZone& tz);

}  // namespace eventgen
