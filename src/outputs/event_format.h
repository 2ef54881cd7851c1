#pragma once
// Turning events into the bytes an output writes. Formatting runs in the generator
// workers, in parallel, so the single writer only moves finished bytes.
#include <memory>
#include <string>

#include "events/event_batch.h"

namespace eventgen {

class EventFormat {
public:
    virtual ~EventFormat() = default;
    // Appends one event's bytes to `out`.
    virtual void append(const EventView& event, std::string& out) = 0;
    // Bytes the event stands for when nothing is written (devnull counts raw + newline).
    virtual bool writes_bytes() const { return true; }
    // Characters XML could not carry, replaced so far (modinput only).
    virtual uint64_t replaced_chars() const { return 0; }
};

// stdout: the event text without trailing white space, one line each (Eventgen's print).
std::unique_ptr<EventFormat> make_line_format_trimmed();
// file and spool: the event text and a newline.
std::unique_ptr<EventFormat> make_line_format();
// modinput: one <event> element of Splunk's XML stream per event.
std::unique_ptr<EventFormat> make_modinput_format(const std::string& stanza);
// devnull: nothing.
std::unique_ptr<EventFormat> make_null_format();

// The format for an output mode ("stdout", "modinput", "file", "spool", "devnull").
std::unique_ptr<EventFormat> make_event_format(const std::string& output_mode, const std::string& modinput_stanza);

}  // namespace eventgen
