#pragma once
// Turning events into the bytes an output writes. Formatting runs in the generator
// workers, in parallel, so the single writer only moves finished bytes. Each output
// component makes its own format (OutputConfig::make_format).
#include <cstdint>
#include <string>

#include "events/event_batch.h"
#include "outputs/format_buffer.h"

namespace eventgen {

class EventFormat {
public:
    virtual ~EventFormat() = default;
    // Writes one event's bytes to `out` (in a worker: straight into the transfer slot);
    // false when the event cannot be written in this format (it is then counted as
    // failed and what was written is dropped).
    virtual bool append(const EventView& event, FormatBuffer& out) = 0;
    // The same, appending to a string.
    bool append(const EventView& event, std::string& out) {
        FormatBuffer buffer(out);
        return append(event, buffer);
    }
    // Bytes the event stands for when nothing is written (devnull counts raw + newline).
    virtual bool writes_bytes() const { return true; }
    // True when append() writes exactly the raw text plus a newline unless the text
    // ends with one: the worker then copies events itself, with no call per event.
    virtual bool writes_raw_lines() const { return false; }
    // Characters XML could not carry, replaced so far (modinput only).
    virtual uint64_t replaced_chars() const { return 0; }
};

}  // namespace eventgen
