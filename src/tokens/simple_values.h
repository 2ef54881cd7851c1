#pragma once
// static, timestamp, replaytimestamp and integerid tokens.
#include <cstdint>
#include <memory>
#include <string>

#include "tokens/token_value.h"

namespace eventgen {

std::unique_ptr<TokenValue> make_static_value(const std::string& text);
// The event's time in `format` (strftime with %f, %s, %z ...).
std::unique_ptr<TokenValue> make_timestamp_value(const std::string& format);
// Outside replay mode Eventgen renders replaytimestamp with the end of the window.
std::unique_ptr<TokenValue> make_window_end_timestamp_value(const std::string& format);
// start + the event's sequence number: unique and increasing however the work is split.
std::unique_ptr<TokenValue> make_integer_id_value(int64_t start);

}  // namespace eventgen
