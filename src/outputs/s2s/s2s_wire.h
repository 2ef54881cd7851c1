#pragma once
// Splunk-to-Splunk "cooked" wire format, as a forwarder writes it to an indexer's
// splunktcp port (9997). Splunk does not publish it; this follows SA-Eventgen's s2s
// output (v2) and public captures of forwarder/indexer handshakes (v3).
//
//   signature  400 bytes, once per connection: "--splunk-cooked-mode-vN--" NUL-padded to
//              128 bytes, the sender's server name (256), its management port (16)
//   string     u32 length counting a trailing NUL, the bytes, the NUL
//   frame      u32 size of what follows | u32 number of pairs | pairs (string key,
//              string value) | u32 0 | string "_raw"
//   v3         the sender's first frame is {__s2s_capabilities: "ack=N;compression=N"};
//              the receiver answers {__s2s_control_msg: "cap_response=success;..."}
//   acks       receiver to sender when ack=1 was granted: 0xfb varint(id) for one event,
//              0xfa varint(lo) varint(hi) for an inclusive range; ids are the frames'
//              __s2s_eventId values (varints are ULEB128)
// All integers are big-endian.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eventgen::s2s {

constexpr size_t kSignatureSize = 400;
constexpr size_t kTrailerSize = 13;              // u32 0, then the string "_raw"
constexpr uint32_t kMaxFrameSize = 64u << 20;    // larger frames are taken as garbage
constexpr unsigned char kAckOne = 0xfb, kAckRange = 0xfa;

std::string signature(int version, std::string_view server_name, std::string_view mgmt_port);

void append_u32(std::string& out, uint32_t v);
void append_string(std::string& out, std::string_view s);

// Appends one frame to `out`: add() the pairs, then finish().
class FrameWriter {
public:
    explicit FrameWriter(std::string& out);
    void add(std::string_view key, std::string_view value);
    // A value made of a prefix and a value ("host::" + host) without a temporary.
    void add(std::string_view key, std::string_view prefix, std::string_view value);
    void finish();

private:
    std::string& out_;
    size_t start_;
    uint32_t pairs_ = 0;
};

std::string capabilities_frame(bool ack, bool compression);

// Appends `frame` (one finished frame) to `out` with the pair __s2s_eventId = id added.
void append_with_event_id(std::string& out, std::string_view frame, uint64_t id);

struct Frame {
    std::vector<std::pair<std::string, std::string>> pairs;
    const std::string* find(std::string_view key) const;
};

enum class Parse { ok, more, bad };

// Decodes the frame at the start of `buf`. ok: `used` bytes made `frame`; more: the
// frame is not complete yet; bad: `error` says what is wrong.
Parse parse_frame(std::string_view buf, Frame& frame, size_t& used, std::string& error);

// "a=1;b=2" -> {a: 1, b: 2}
std::map<std::string, std::string> parse_capabilities(std::string_view text);

void append_varint(std::string& out, uint64_t v);
// Reads a varint at buf[pos]; advances pos only on ok.
Parse parse_varint(std::string_view buf, size_t& pos, uint64_t& v);
void append_ack(std::string& out, uint64_t lo, uint64_t hi);

}  // namespace eventgen::s2s
