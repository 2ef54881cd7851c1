#pragma once
// Reading the time an event in a sample file was originally logged at: replay needs
// it for the spacing of events, and replaytimestamp tokens with several formats need
// to know which format each event uses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/time_types.h"
#include "time/time_zone.h"
#include "tokens/token.h"

namespace eventgen {

// Parses `text` with a strptime format as Eventgen does: "%s" alone takes epoch
// seconds (longer digit strings are milli/microseconds), a trailing "+hhmm" is
// ignored, and a time without a year gets the year of `now`.
std::optional<TimeUs> parse_event_time(std::string_view text, const std::string& format, const TimeZone& tz, TimeUs now);

// The text of the first match of `token` in `event` (group 1 when it took part).
std::optional<std::string_view> first_match_text(const Token& token, std::string_view event);

// The time of `event`: the first timestamp or replaytimestamp token whose regex
// matches and one of whose formats parses the match.
std::optional<TimeUs> event_time(const std::vector<Token>& tokens, std::string_view event, const TimeZone& tz, TimeUs now);

// For each token, the index of the replaytimestamp format that parses its first match
// in `event` (0 when none does or the token has one format).
std::vector<uint8_t> choose_formats(const std::vector<Token>& tokens, std::string_view event, const TimeZone& tz,
                                    TimeUs now);

// Eventgen's autotimestamp: the [regex, format] pairs of `autotimestamps` (JSON) that
// find and parse a timestamp in one of `events`, as timestamp token specs.
std::vector<TokenSpec> detect_timestamp_tokens(const std::string& autotimestamps_json,
                                               const std::vector<std::string>& events, const TimeZone& tz,
                                               TimeUs now, int first_index);

}  // namespace eventgen
