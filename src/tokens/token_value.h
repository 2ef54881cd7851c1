#pragma once
// The value side of a token: given the state of one event, produce the replacement
// text. Producers are cloned per worker, so they may keep per-instance caches.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/rng.h"
#include "common/value_shape.h"
#include "time/time_types.h"
#include "time/time_zone.h"

namespace eventgen {

// Everything a token may depend on for one event.
struct EventContext {
    Rng rng;
    TimeUs time = 0;       // the event's own time (random or sequential within the window)
    TimeUs earliest = 0;   // window of the current interval
    TimeUs latest = 0;
    uint64_t sequence = 0; // position of the event in the sample's output since start
    double rated_factor = 1.0;          // hour-of-day x day-of-week factor for "rated" tokens
    const TimeZone* zone = nullptr;
    std::vector<int64_t> file_rows;     // row picked per shared file in this event (-1: none yet)
    // Per token of this sample event: which of a replaytimestamp token's formats its
    // original text used (chosen when the sample is compiled); null means the first.
    const uint8_t* format_choice = nullptr;

    void begin_event() { std::fill(file_rows.begin(), file_rows.end(), -1); }
};

class TokenValue {
public:
    virtual ~TokenValue() = default;
    // Appends this event's value to `out`.
    virtual void produce(EventContext& ctx, std::string& out) = 0;
    // The longest value produce() can give, when known: such a producer can write()
    // straight into a buffer. 0 when unknown (write() is then never called).
    virtual size_t max_size() const { return 0; }
    // Writes this event's value at `p` and returns its end: the same bytes and random
    // draws as produce(). `p` has room for max_size() + kWriteSlack bytes; the slack
    // may be scribbled on (short copies as whole 16-byte blocks).
    virtual char* write(EventContext& ctx, char* p);
    static constexpr size_t kWriteSlack = 16;
    // True when the value depends only on the event's time, window, sequence number
    // and format choice (no random draw, no file row): it may be made in any order.
    virtual bool stateless() const { return false; }
    // Every output this producer can give, for the sample compiler's proof.
    virtual ValueShape shape() const = 0;
    // The shape of an event's value when the event picked format `format` (see
    // EventContext::format_choice), for producers with more than one format.
    virtual size_t format_count() const { return 1; }
    virtual ValueShape shape_for_format(size_t /*format*/) const { return shape(); }
    // A literal value: the compiler may inline it as text.
    virtual const std::string* constant() const { return nullptr; }
    virtual std::unique_ptr<TokenValue> clone() const = 0;
    // Its position among the sample's tokens (for per-event choices such as format_choice).
    void set_token_index(size_t index) { token_index_ = index; }

protected:
    size_t token_index_ = 0;
};

}  // namespace eventgen
