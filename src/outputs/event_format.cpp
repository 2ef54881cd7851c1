#include "outputs/event_format.h"

#include <cctype>
#include <charconv>
#include <cstdint>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "outputs/json_text.h"
#include "outputs/s2s/s2s_output.h"
#include "outputs/xml_escape.h"
#include "time/time_format.h"

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

// The event text without trailing white space (Python's rstrip()).
std::string_view rstripped(std::string_view raw) {
    while (!raw.empty()) {
        size_t n = trailing_space(raw);
        if (n == 0) break;
        raw.remove_suffix(n);
    }
    return raw;
}

class TrimmedLineFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        out.append(rstripped(e.raw));
        out.push_back('\n');
        return true;
    }
};

class LineFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        out.append(e.raw);
        if (e.raw.empty() || e.raw.back() != '\n') out.push_back('\n');
        return true;
    }
};

class NullFormat : public EventFormat {
public:
    bool append(const EventView&, std::string&) override { return true; }
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
    bool append(const EventView& e, std::string& out) override {
        out += open_;
        out += "<time>";
        append_time(out, e.time_us);
        out += "</time>";
        // Metadata rarely changes from one event to the next: escape it once.
        if (!cached_ || e.meta.index != index_ || e.meta.source != source_ || e.meta.sourcetype != sourcetype_ ||
            e.meta.host != host_) {
            index_.assign(e.meta.index);
            source_.assign(e.meta.source);
            sourcetype_.assign(e.meta.sourcetype);
            host_.assign(e.meta.host);
            meta_block_.clear();
            uint64_t before = replaced_;
            element(meta_block_, "index", e.meta.index);
            element(meta_block_, "source", e.meta.source);
            element(meta_block_, "sourcetype", e.meta.sourcetype);
            element(meta_block_, "host", e.meta.host);
            meta_replaced_ = replaced_ - before;
            replaced_ = before;
            cached_ = true;
        }
        out += meta_block_;
        replaced_ += meta_replaced_;  // counted for every event that carries them
        out += "<data>";
        replaced_ += append_xml_escaped(out, e.raw);
        out += "</data></event>\n";
        return true;
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
    bool cached_ = false;
    uint64_t meta_replaced_ = 0;
    std::string index_, source_, sourcetype_, host_, meta_block_;
};

void append_metadata(std::string& out, const EventMeta& m) {
    auto field = [&](const char* key, std::string_view v) {
        if (v.empty()) return;  // HEC then applies the token's defaults
        out += ",\"";
        out += key;
        out += "\":";
        append_json_string(out, v);
    };
    field("host", m.host);
    field("source", m.source);
    field("sourcetype", m.sourcetype);
    field("index", m.index);
}

class HecEventFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        out += "{\"time\":";
        append_time(out, e.time_us);
        append_metadata(out, e.meta);
        out += ",\"event\":";
        append_json_string(out, e.raw);
        out += "}\n";
        return true;
    }
};

class HecMetricFormat : public EventFormat {
public:
    bool append(const EventView& e, std::string& out) override {
        rapidjson::Document doc;
        doc.Parse(e.raw.data(), e.raw.size());
        if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("fields") || !doc["fields"].IsObject())
            return false;
        rapidjson::StringBuffer fields;
        rapidjson::Writer<rapidjson::StringBuffer> w(fields);
        doc["fields"].Accept(w);
        out += "{\"time\":";
        append_time(out, e.time_us);
        append_metadata(out, e.meta);
        out += ",\"event\":\"metric\",\"fields\":";
        out.append(fields.GetString(), fields.GetSize());
        out += "}\n";
        return true;
    }
};

class SyslogFormat : public EventFormat {
public:
    SyslogFormat(bool header, const TimeZone& zone) : header_(header), zone_(zone), stamp_("%b %e %H:%M:%S") {}
    bool append(const EventView& e, std::string& out) override {
        std::string_view raw = rstripped(e.raw);
        out += "<14>";  // facility user, severity info, as Python's SysLogHandler sends
        if (header_) {
            stamp_.append(e.time_us, zone_, out);
            out += ' ';
            out.append(e.meta.host.empty() ? std::string_view("-") : e.meta.host);
            out += ' ';
        }
        out.append(raw);
        return true;
    }

private:
    bool header_;
    TimeZone zone_;
    TimeFormat stamp_;
};

}  // namespace

std::unique_ptr<EventFormat> make_hec_event_format() { return std::make_unique<HecEventFormat>(); }
std::unique_ptr<EventFormat> make_hec_metric_format() { return std::make_unique<HecMetricFormat>(); }
std::unique_ptr<EventFormat> make_syslog_format(bool add_header, const TimeZone& zone) {
    return std::make_unique<SyslogFormat>(add_header, zone);
}

std::unique_ptr<EventFormat> make_line_format_trimmed() { return std::make_unique<TrimmedLineFormat>(); }
std::unique_ptr<EventFormat> make_line_format() { return std::make_unique<LineFormat>(); }
std::unique_ptr<EventFormat> make_modinput_format(const std::string& stanza) {
    return std::make_unique<ModinputFormat>(stanza);
}
std::unique_ptr<EventFormat> make_null_format() { return std::make_unique<NullFormat>(); }

std::unique_ptr<EventFormat> make_event_format(const SampleConfig& c, const std::string& stanza) {
    const std::string& mode = c.output_mode;
    if (mode == "stdout") return make_line_format_trimmed();
    if (mode == "modinput") return make_modinput_format(stanza);
    if (mode == "devnull") return make_null_format();
    if (mode == "httpevent") return c.outputs.hec.endpoint == "raw" ? make_line_format_trimmed() : make_hec_event_format();
    if (mode == "metric_httpevent") return make_hec_metric_format();
    if (mode == "syslogout") return make_syslog_format(c.outputs.syslog_add_header, c.timezone);
    if (mode == "s2s") return make_s2s_format();
    if (mode == "tcpout" || mode == "udpout" || mode == "splunkstream") return make_line_format_trimmed();
    return make_line_format();
}

}  // namespace eventgen
