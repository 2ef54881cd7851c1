#include "outputs/s2s/s2s_wire.h"

#include <cstring>

namespace eventgen::s2s {

namespace {

uint32_t read_u32(std::string_view buf, size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(buf.data() + at);
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void patch_u32(std::string& out, size_t at, uint32_t v) {
    out[at] = static_cast<char>(v >> 24);
    out[at + 1] = static_cast<char>(v >> 16);
    out[at + 2] = static_cast<char>(v >> 8);
    out[at + 3] = static_cast<char>(v);
}

void append_padded(std::string& out, std::string_view s, size_t width) {
    size_t n = std::min(s.size(), width - 1);  // always NUL-terminated
    out.append(s.data(), n);
    out.append(width - n, '\0');
}

}  // namespace

std::string signature(int version, std::string_view server_name, std::string_view mgmt_port) {
    std::string out;
    out.reserve(kSignatureSize);
    append_padded(out, version == 2 ? "--splunk-cooked-mode-v2--" : "--splunk-cooked-mode-v3--", 128);
    append_padded(out, server_name, 256);
    append_padded(out, mgmt_port, 16);
    return out;
}

void append_u32(std::string& out, uint32_t v) {
    char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                 static_cast<char>(v)};
    out.append(b, 4);
}

void append_string(std::string& out, std::string_view s) {
    append_u32(out, static_cast<uint32_t>(s.size() + 1));
    out.append(s.data(), s.size());
    out.push_back('\0');
}

FrameWriter::FrameWriter(std::string& out) : out_(out), start_(out.size()) {
    out_.append(8, '\0');  // size and pair count, patched by finish()
}

void FrameWriter::add(std::string_view key, std::string_view value) {
    append_string(out_, key);
    append_string(out_, value);
    ++pairs_;
}

void FrameWriter::add(std::string_view key, std::string_view prefix, std::string_view value) {
    append_string(out_, key);
    append_u32(out_, static_cast<uint32_t>(prefix.size() + value.size() + 1));
    out_.append(prefix.data(), prefix.size());
    out_.append(value.data(), value.size());
    out_.push_back('\0');
    ++pairs_;
}

void FrameWriter::finish() {
    append_u32(out_, 0);
    append_string(out_, "_raw");
    patch_u32(out_, start_, static_cast<uint32_t>(out_.size() - start_ - 4));
    patch_u32(out_, start_ + 4, pairs_);
}

std::string capabilities_frame(bool ack, bool compression) {
    std::string out;
    FrameWriter f(out);
    f.add("__s2s_capabilities", std::string("ack=") + (ack ? "1" : "0") + ";compression=" + (compression ? "1" : "0"));
    f.finish();
    return out;
}

void append_with_event_id(std::string& out, std::string_view frame, uint64_t id) {
    // The pairs end where the fixed trailer starts: insert the id pair there.
    size_t start = out.size();
    out.append(frame.data(), frame.size() - kTrailerSize);
    append_string(out, "__s2s_eventId");
    append_string(out, std::to_string(id));
    out.append(frame.data() + frame.size() - kTrailerSize, kTrailerSize);
    patch_u32(out, start, static_cast<uint32_t>(out.size() - start - 4));
    patch_u32(out, start + 4, read_u32(frame, 4) + 1);
}

const std::string* Frame::find(std::string_view key) const {
    for (const auto& [k, v] : pairs)
        if (k == key) return &v;
    return nullptr;
}

Parse parse_frame(std::string_view buf, Frame& frame, size_t& used, std::string& error) {
    if (buf.size() < 4) return Parse::more;
    uint32_t size = read_u32(buf, 0);
    if (size > kMaxFrameSize || size < 4 + kTrailerSize) {
        error = "frame size " + std::to_string(size) + " is out of range";
        return Parse::bad;
    }
    if (buf.size() < 4 + size) return Parse::more;
    std::string_view body = buf.substr(4, size);
    size_t pos = 4;
    auto read_string = [&](std::string& out) {
        if (pos + 4 > body.size()) return false;
        uint32_t n = read_u32(body, pos);
        if (n == 0 || n > body.size() - pos - 4 || body[pos + 4 + n - 1] != '\0') return false;
        out.assign(body.data() + pos + 4, n - 1);
        pos += 4 + n;
        return true;
    };
    uint32_t pairs = read_u32(body, 0);
    frame.pairs.clear();
    for (uint32_t i = 0; i < pairs; ++i) {
        std::string k, v;
        if (!read_string(k) || !read_string(v)) {
            error = "pair " + std::to_string(i) + " of " + std::to_string(pairs) + " overruns the frame";
            return Parse::bad;
        }
        frame.pairs.emplace_back(std::move(k), std::move(v));
    }
    std::string raw;
    if (pos + 4 > body.size() || read_u32(body, pos) != 0 || (pos += 4, !read_string(raw)) || raw != "_raw" ||
        pos != body.size()) {
        error = "the frame does not end with its _raw trailer";
        return Parse::bad;
    }
    used = 4 + size;
    return Parse::ok;
}

std::map<std::string, std::string> parse_capabilities(std::string_view text) {
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(';', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view item = text.substr(pos, end - pos);
        size_t eq = item.find('=');
        if (!item.empty()) out[std::string(item.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1));
        pos = end + 1;
    }
    return out;
}

void append_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

Parse parse_varint(std::string_view buf, size_t& pos, uint64_t& v) {
    uint64_t result = 0;
    size_t p = pos;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (p >= buf.size()) return Parse::more;
        auto b = static_cast<unsigned char>(buf[p++]);
        if (shift == 63 && (b & 0x7e)) return Parse::bad;
        result |= uint64_t{b & 0x7fu} << shift;
        if (!(b & 0x80)) {
            v = result;
            pos = p;
            return Parse::ok;
        }
    }
    return Parse::bad;
}

void append_ack(std::string& out, uint64_t lo, uint64_t hi) {
    if (lo == hi) {
        out.push_back(static_cast<char>(kAckOne));
        append_varint(out, lo);
        return;
    }
    out.push_back(static_cast<char>(kAckRange));
    append_varint(out, lo);
    append_varint(out, hi);
}

}  // namespace eventgen::s2s
