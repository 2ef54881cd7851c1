#pragma once
// Reads the events a jinja template rendered: JSON objects, one per line (an object
// may continue over several lines, and strings may hold raw newlines, as SA-Eventgen
// accepts with ujson; objects a whitespace-control marker joined on one line are read
// one after the other). Text that is not such an object is a bad line.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace eventgen {

struct JinjaEvent {
    std::optional<double> time;  // _time as epoch seconds, when it is a number
    bool has_time = false;       // _time present (possibly not a number)
    bool has_raw = false;
    std::string raw, host, source, sourcetype, index;
    bool has_host = false, has_source = false, has_sourcetype = false, has_index = false;
};

class JinjaEventReader {
public:
    explicit JinjaEventReader(std::string_view text) : text_(text) {}

    enum class Result { Event, Bad, End };
    // The next event, or a bad line (`error` says why, `offset` where it starts).
    Result next(JinjaEvent& ev, std::string& error, size_t& offset);

private:
    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace eventgen
