#pragma once
// Turning events into the bytes an output writes. Formatting runs in the generator
// workers, in parallel, so the single writer only moves finished bytes.
#include <memory>
#include <string>

#include "config/sample_config.h"
#include "events/event_batch.h"

namespace eventgen {

class EventFormat {
public:
    virtual ~EventFormat() = default;
    // Appends one event's bytes to `out`; false when the event cannot be written in
    // this format (it is then counted as failed).
    virtual bool append(const EventView& event, std::string& out) = 0;
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

// HEC /services/collector/event: one JSON envelope per event (time, metadata, event).
std::unique_ptr<EventFormat> make_hec_event_format();
// HEC metrics: the event text is JSON with a "fields" object (metric_name, _value, dimensions).
std::unique_ptr<EventFormat> make_hec_metric_format();
// syslog over UDP: "<14>" priority, optionally an RFC 3164 "Mmm dd hh:mm:ss host " header.
std::unique_ptr<EventFormat> make_syslog_format(bool add_header, const TimeZone& zone);

// The format of a sample's output.
std::unique_ptr<EventFormat> make_event_format(const SampleConfig& config, const std::string& modinput_stanza);

}  // namespace eventgen
