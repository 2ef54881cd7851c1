#include "cooked_stream.h"

#include <algorithm>
#include <cctype>

namespace eventgen::test::s2s {

namespace {

constexpr size_t kSignature = 400;

uint32_t u32(std::string_view b, size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(b.data() + at);
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// A NUL-terminated field of a fixed-width slot: the text before the first NUL; false
// when the slot has no NUL.
bool slot_text(std::string_view slot, std::string& out) {
    size_t nul = slot.find('\0');
    if (nul == std::string_view::npos) return false;
    out.assign(slot.substr(0, nul));
    return true;
}

}  // namespace

bool CookedStream::fail(const std::string& what) {
    if (error_.empty()) error_ = what + " (stream offset " + std::to_string(offset_) + ")";
    return false;
}

size_t CookedStream::consume(std::string_view data) {
    size_t used = 0;
    while (!failed() && !caps_pending_) {
        std::string_view rest = data.substr(used);
        if (version_ == 0) {
            if (rest.size() < kSignature) break;
            std::string banner;
            if (!slot_text(rest.substr(0, 128), banner)) { fail("signature banner is not NUL-terminated"); return used; }
            if (rest.substr(banner.size(), 128 - banner.size()).find_first_not_of('\0') != std::string_view::npos)
                { fail("signature banner is not NUL-padded"); return used; }
            if (banner == "--splunk-cooked-mode-v2--") version_ = 2;
            else if (banner == "--splunk-cooked-mode-v3--") version_ = 3;
            else { fail("unknown signature '" + banner.substr(0, 40) + "'"); return used; }
            std::string port;
            if (!slot_text(rest.substr(128, 256), server_name_)) { fail("server name is not NUL-terminated"); return used; }
            if (!slot_text(rest.substr(384, 16), port) || (!port.empty() && !all_digits(port)))
                { fail("management port slot is not a NUL-terminated number"); return used; }
            used += kSignature;
            offset_ += kSignature;
            continue;
        }
        if (rest.size() < 4) break;
        uint32_t size = u32(rest, 0);
        if (size > max_frame_) { fail("frame size " + std::to_string(size) + " exceeds " + std::to_string(max_frame_)); return used; }
        if (size < 4 + 13) { fail("frame size " + std::to_string(size) + " is too small for a frame"); return used; }
        if (rest.size() < 4 + static_cast<size_t>(size)) break;
        if (!decode_frame(rest.substr(4, size))) return used;
        used += 4 + size;
        offset_ += 4 + size;
        ++frames_;
    }
    return used;
}

bool CookedStream::decode_frame(std::string_view body) {
    size_t pos = 4;
    auto read_string = [&](std::string& out, const char* what) {
        if (pos + 4 > body.size()) return fail(std::string(what) + ": length runs past the frame");
        uint32_t n = u32(body, pos);
        if (n == 0) return fail(std::string(what) + ": zero length (the NUL must be counted)");
        if (n > body.size() - pos - 4) return fail(std::string(what) + ": " + std::to_string(n) + " bytes run past the frame");
        std::string_view s = body.substr(pos + 4, n);
        if (s.back() != '\0') return fail(std::string(what) + ": not NUL-terminated");
        if (s.find('\0') != n - 1) return fail(std::string(what) + ": NUL inside the string");
        out.assign(s.substr(0, n - 1));
        pos += 4 + n;
        return true;
    };
    uint32_t pairs = u32(body, 0);
    if (pairs > 4096) return fail("frame claims " + std::to_string(pairs) + " pairs");
    std::vector<std::pair<std::string, std::string>> kv;
    kv.reserve(pairs);
    for (uint32_t i = 0; i < pairs; ++i) {
        std::string k, v;
        if (!read_string(k, "key") || !read_string(v, "value")) return false;
        if (k.empty()) return fail("empty key");
        for (const auto& [seen, unused] : kv)
            if (seen == k) return fail("duplicate key '" + k + "'");
        kv.emplace_back(std::move(k), std::move(v));
    }
    if (pos + 4 > body.size() || u32(body, pos) != 0) return fail("missing the u32 0 before the _raw trailer");
    pos += 4;
    std::string trailer;
    if (!read_string(trailer, "trailer")) return false;
    if (trailer != "_raw") return fail("trailer is '" + trailer + "', not _raw");
    if (pos != body.size()) return fail(std::to_string(body.size() - pos) + " stray byte(s) after the trailer");

    if (version_ == 3 && !caps_seen_) {
        if (kv.size() != 1 || kv[0].first != "__s2s_capabilities")
            return fail("a v3 stream must start with a __s2s_capabilities frame");
        std::string_view text = kv[0].second;
        for (size_t p = 0; p <= text.size();) {
            size_t e = std::min(text.find(';', p), text.size());
            std::string_view item = text.substr(p, e - p);
            p = e + 1;
            size_t eq = item.find('=');
            if (eq == std::string_view::npos || eq == 0) return fail("capability '" + std::string(item) + "' is not key=value");
            caps_[std::string(item.substr(0, eq))] = std::string(item.substr(eq + 1));
        }
        for (const char* key : {"ack", "compression"})
            if (caps_.count(key) && caps_[key] != "0" && caps_[key] != "1")
                return fail(std::string("capability ") + key + " must be 0 or 1");
        caps_seen_ = caps_pending_ = true;
        return true;
    }
    return to_event(kv);
}

bool CookedStream::to_event(std::vector<std::pair<std::string, std::string>>& kv) {
    CookedEvent e;
    bool has_raw = false;
    auto prefixed = [&](const std::string& key, std::string& value, const char* prefix, std::string& out) {
        std::string_view p = prefix;
        if (value.compare(0, p.size(), p) != 0) return fail(key + " value '" + value.substr(0, 40) + "' lacks " + prefix);
        out = value.substr(p.size());
        return true;
    };
    for (auto& [k, v] : kv) {
        if (k == "_raw") {
            e.raw = std::move(v);
            has_raw = true;
        } else if (k == "MetaData:Host") {
            if (!prefixed(k, v, "host::", e.host)) return false;
        } else if (k == "MetaData:Source") {
            if (!prefixed(k, v, "source::", e.source)) return false;
        } else if (k == "MetaData:Sourcetype") {
            if (!prefixed(k, v, "sourcetype::", e.sourcetype)) return false;
        } else if (k == "_MetaData:Index") {
            e.index = std::move(v);
        } else if (k == "_time") {
            // Whole seconds; SA-Eventgen's Python may append a fraction ("1490000000.0").
            std::string_view t = v;
            size_t dot = t.find('.');
            if (!all_digits(t.substr(0, dot)) || (dot != std::string_view::npos && !all_digits(t.substr(dot + 1))))
                return fail("_time '" + v + "' is not epoch seconds");
            e.time = std::stoll(std::string(t.substr(0, dot)));
            e.has_time = true;
        } else if (k == "_subsecond") {
            if (v.size() < 2 || v[0] != '.' || !all_digits(std::string_view(v).substr(1)) || v.size() > 7)
                return fail("_subsecond '" + v + "' is not .ddd");
            e.subsecond = std::move(v);
        } else if (k == "__s2s_eventId") {
            if (!all_digits(v)) return fail("__s2s_eventId '" + v + "' is not a number");
            e.event_id = std::stoull(v);
        } else if (k == "_done") {
            if (v != "_done") return fail("_done carries '" + v + "'");
            e.other[k] = v;
        } else if (k == "__s2s_capabilities") {
            return fail("__s2s_capabilities outside the handshake");
        } else {
            e.other[k] = std::move(v);
        }
    }
    if (!has_raw) return fail("frame without _raw");
    if (wants_ack() && !e.event_id) return fail("acknowledgements were asked for but the event has no __s2s_eventId");
    if (e.event_id) {
        if (last_id_ && *e.event_id <= *last_id_) return fail("__s2s_eventId " + std::to_string(*e.event_id) + " does not increase");
        last_id_ = e.event_id;
    }
    events_.push_back(std::move(e));
    return true;
}

}  // namespace eventgen::test::s2s
