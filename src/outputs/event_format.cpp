#include "outputs/event_format.h"

#include <cctype>
#include <charconv>
#include <cstdint>

#include "outputs/xml_escape.h"

namespace eventgen {

namespace {

// Bytes of the white space character ending `s` (0 if none), by Python's str.isspace():
// Eventgen's rstrip() also drops \x1c-\x1f and Unicode spaces such as U+00A0.
size_t trailing_space(std::string_view s) {
    const size_t n = s.size();
    auto at = [&](size_t back) { return static_cast<unsigned char>(s[n - back]); };
    unsigned char last = at(1);
    if (last < 0x80) return std::isspace(last) || (last >= 0x1C && last <= 0x1F) ? 1 : 0;
    if (n >= 2 && at(2) == 0xC2 && (last == 0x85 || last == 0xA0)) return 2;
    if (n < 3 || (at(3) & 0xF0) != 0xE0 || (at(2) & 0xC0) != 0x80 || (last & 0xC0) != 0x80) return 0;
    uint32_t cp = (static_cast<uint32_t>(at(3) & 0x0F) << 12) | (static_cast<uint32_t>(at(2) & 0x3F) << 6) | (last & 0x3F);
    bool space = cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x3000;
    return space ? 3 : 0;
}

class TrimmedLineFormat : public EventFormat {
public:
    void append(const EventView& e, std::string& out) override {
        std::string_view raw = e.raw;
        while (!raw.empty()) {
            size_t n = trailing_space(raw);
            if (n == 0) break;
            raw.remove_suffix(n);
        }
        out.append(raw);
        out.push_back('\n');
    }
};

class LineFormat : public EventFormat {
public:
    void append(const EventView& e, std::string& out) override {
        out.append(e.raw);
        if (e.raw.empty() || e.raw.back() != '\n') out.push_back('\n');
    }
};

class NullFormat : public EventFormat {
public:
    void append(const EventView&, std::string&) override {}
    bool writes_bytes() const override { return false; }
};

void append_time(std::string& out, int64_t time_us) {
    // Epoch seconds with milliseconds, the precision Splunk's SDK documents.
    int64_t ms = time_us >= 0 ? (time_us + 500) / 1000 : -((-time_us + 500) / 1000);
    int64_t secs = ms / 1000, frac = ms % 1000;
    if (frac < 0) {
        frac += 1000;
        secs -= 1;
    }
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, secs);
    (void)ec;
    out.append(buf, p);
    out.push_back('.');
    out.push_back(static_cast<char>('0' + frac / 100));
    out.push_back(static_cast<char>('0' + frac / 10 % 10));
    out.push_back(static_cast<char>('0' + frac % 10));
}

class ModinputFormat : public EventFormat {
public:
    explicit ModinputFormat(const std::string& stanza) {
        if (stanza.empty()) {
            open_ = "<event>";
        } else {
            open_ = "<event stanza=\"";
            append_xml_escaped(open_, stanza, true);
            open_ += "\">";
        }
    }
    void append(const EventView& e, std::string& out) override {
        out += open_;
        out += "<time>";
        append_time(out, e.time_us);
        out += "</time>";
        element(out, "index", e.meta.index);
        element(out, "source", e.meta.source);
        element(out, "sourcetype", e.meta.sourcetype);
        element(out, "host", e.meta.host);
        out += "<data>";
        replaced_ += append_xml_escaped(out, e.raw);
        out += "</data></event>\n";
    }
    uint64_t replaced_chars() const override { return replaced_; }

private:
    void element(std::string& out, const char* name, std::string_view value) {
        if (value.empty()) return;  // let splunkd apply the input's default
        out += '<';
        out += name;
        out += '>';
        replaced_ += append_xml_escaped(out, value);
        out += "</";
        out += name;
        out += '>';
    }
    std::string open_;
    uint64_t replaced_ = 0;
};

}  // namespace

std::unique_ptr<EventFormat> make_line_format_trimmed() { return std::make_unique<TrimmedLineFormat>(); }
std::unique_ptr<EventFormat> make_line_format() { return std::make_unique<LineFormat>(); }
std::unique_ptr<EventFormat> make_modinput_format(const std::string& stanza) {
    return std::make_unique<ModinputFormat>(stanza);
}
std::unique_ptr<EventFormat> make_null_format() { return std::make_unique<NullFormat>(); }

std::unique_ptr<EventFormat> make_event_format(const std::string& mode, const std::string& stanza) {
    if (mode == "stdout") return make_line_format_trimmed();
    if (mode == "modinput") return make_modinput_format(stanza);
    if (mode == "devnull") return make_null_format();
    return make_line_format();
}

}  // namespace eventgen
