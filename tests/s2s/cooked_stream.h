#pragma once
// The receiving side of Splunk's cooked S2S stream (v2 and v3), decoded strictly: the
// 400-byte signature, then length-prefixed frames of NUL-terminated string pairs with
// their u32 0 + "_raw" trailer, and for v3 the capabilities frame first. Any length
// that overruns, missing terminator, duplicate key, metadata without its "host::" /
// "source::" / "sourcetype::" prefix or non-numeric _time is a protocol violation.
// Written independently of src/outputs/s2s so the tests hold the encoder to the format.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eventgen::test::s2s {

struct CookedEvent {
    std::string raw, host, source, sourcetype, index;
    int64_t time = 0;           // _time, whole seconds
    bool has_time = false;
    std::string subsecond;      // ".123" when sent
    std::optional<uint64_t> event_id;
    std::map<std::string, std::string> other;  // any further pairs
};

class CookedStream {
public:
    explicit CookedStream(uint32_t max_frame = 16u << 20) : max_frame_(max_frame) {}

    // Decodes whole units from the start of `data`; returns the bytes used. Stops right
    // after a v3 capabilities frame (capabilities_pending()) so the caller can answer it
    // and, when compression was granted, decompress what follows. On a violation
    // failed() turns true and error() says what and where.
    size_t consume(std::string_view data);

    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    int version() const { return version_; }  // 0 until the signature is read
    const std::string& server_name() const { return server_name_; }
    bool capabilities_pending() const { return caps_pending_; }
    // Call once the capabilities were answered; decoding then goes on.
    void capabilities_answered() { caps_pending_ = false; }
    const std::map<std::string, std::string>& capabilities() const { return caps_; }
    bool wants_ack() const { return caps_.count("ack") && caps_.at("ack") == "1"; }
    bool wants_compression() const { return caps_.count("compression") && caps_.at("compression") == "1"; }

    std::vector<CookedEvent>& events() { return events_; }
    uint64_t frames() const { return frames_; }

private:
    bool fail(const std::string& what);
    // One frame at data (size already known to be complete); false on a violation.
    bool decode_frame(std::string_view body);
    bool to_event(std::vector<std::pair<std::string, std::string>>& pairs);

    uint32_t max_frame_;
    int version_ = 0;
    bool caps_seen_ = false, caps_pending_ = false;
    std::string server_name_, error_;
    std::map<std::string, std::string> caps_;
    std::vector<CookedEvent> events_;
    uint64_t frames_ = 0;
    uint64_t offset_ = 0;  // stream offset of the next unit, for error messages
    std::optional<uint64_t> last_id_;
};

}  // namespace eventgen::test::s2s
