#pragma once
// static, timestamp, replaytimestamp and integerid tokens.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tokens/token_value.h"

namespace eventgen {

std::unique_ptr<TokenValue> make_static_value(const std::string& text);
// The event's time in `format` (strftime with %f, %s, %z ...).
std::unique_ptr<TokenValue> make_timestamp_value(const std::string& format);
// replaytimestamp: the end of the window (the event's own time in replay mode),
// in one of `formats` (a JSON list in the config) chosen per sample event.
std::unique_ptr<TokenValue> make_window_end_timestamp_value(const std::vector<std::string>& formats);
// The formats of a replaytimestamp replacement: one format, or a JSON list of them.
std::vector<std::string> replay_formats(const std::string& replacement);
// start + the event's sequence number: unique and increasing however the work is split.
std::unique_ptr<TokenValue> make_integer_id_value(int64_t start);

}  // namespace eventgen
