#include "hec_envelope.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdlib>

namespace eventgen::test {

namespace {

// A read-only RapidJSON input stream over a string_view that reports how far it got,
// so one envelope can be parsed at a time out of a concatenated batch.
class ViewStream {
public:
    using Ch = char;
    explicit ViewStream(std::string_view s) : s_(s) {}
    Ch Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
    Ch Take() { return pos_ < s_.size() ? s_[pos_++] : '\0'; }
    size_t Tell() const { return pos_; }
    // Output side: never used by a non-in-situ parse.
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch*) { return 0; }

private:
    std::string_view s_;
    size_t pos_ = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool blank(std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); }

std::string compact_json(const rapidjson::Value& v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
}

std::string as_string(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

// The metrics form carries no event: fields name the metric instead.
bool names_a_metric(const rapidjson::Value& fields) {
    if (!fields.IsObject()) return false;
    for (const auto& m : fields.GetObject()) {
        std::string_view key(m.name.GetString(), m.name.GetStringLength());
        if (key == "metric_name" || key.starts_with("metric_name:")) return true;
    }
    return false;
}

// Indexed fields are flat: scalars, or arrays of scalars.
bool flat_fields(const rapidjson::Value& fields, HecEvent& ev) {
    if (!fields.IsObject()) return false;
    for (const auto& m : fields.GetObject()) {
        const rapidjson::Value& v = m.value;
        if (v.IsObject() || v.IsNull()) return false;
        if (v.IsArray())
            for (const auto& item : v.GetArray())
                if (item.IsObject() || item.IsArray() || item.IsNull()) return false;
        ev.fields.emplace_back(as_string(m.name), v.IsString() ? as_string(v) : compact_json(v));
    }
    return true;
}

// Epoch seconds as a JSON number or a string holding only a number.
std::optional<double> parse_time(const rapidjson::Value& v) {
    if (v.IsNumber()) return v.GetDouble();
    if (!v.IsString() || v.GetStringLength() == 0) return std::nullopt;
    std::string s = as_string(v);
    char* end = nullptr;
    double t = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return t;
}

// Fills ev from one envelope; returns the HEC code when it must be rejected.
std::optional<int> read_envelope(const rapidjson::Value& env, const EventDefaults& d, HecEvent& ev) {
    auto fields = env.FindMember("fields");
    bool has_fields = fields != env.MemberEnd();
    auto event = env.FindMember("event");
    if (event == env.MemberEnd()) {
        if (!has_fields || !names_a_metric(fields->value)) return 12;
    } else {
        const rapidjson::Value& e = event->value;
        if (e.IsNull() || (e.IsString() && blank({e.GetString(), e.GetStringLength()})) ||
            (e.IsObject() && e.MemberCount() == 0) || (e.IsArray() && e.Empty()))
            return 13;
        ev.event_is_json = !e.IsString();
        ev.event = e.IsString() ? as_string(e) : compact_json(e);
    }
    if (has_fields && !flat_fields(fields->value, ev)) return 15;
    if (auto t = env.FindMember("time"); t != env.MemberEnd()) {
        ev.time = parse_time(t->value);
        if (!ev.time) return 15;
    }
    struct Meta {
        const char* key;
        std::string* into;
        const std::string* fallback;
    };
    for (const Meta& m : {Meta{"host", &ev.host, &d.host}, Meta{"source", &ev.source, &d.source},
                          Meta{"sourcetype", &ev.sourcetype, &d.sourcetype}, Meta{"index", &ev.index, &d.index}}) {
        auto it = env.FindMember(m.key);
        if (it != env.MemberEnd() && !it->value.IsString()) return 6;
        *m.into = it != env.MemberEnd() && it->value.GetStringLength() > 0 ? as_string(it->value) : *m.fallback;
    }
    if (!index_allowed(d.allowed_indexes, ev.index)) return 7;
    return std::nullopt;
}

}  // namespace

bool index_allowed(const std::vector<std::string>& allowed, const std::string& index) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), index) != allowed.end();
}

ParsedBatch parse_event_batch(std::string_view body, const EventDefaults& defaults) {
    ParsedBatch out;
    size_t pos = 0;
    for (size_t n = 0;; ++n) {
        while (pos < body.size() && is_space(body[pos])) ++pos;
        if (pos == body.size()) {
            if (n == 0) out.error = HecError{5, std::nullopt};
            break;
        }
        ViewStream in(body.substr(pos));
        rapidjson::Document doc;
        doc.ParseStream<rapidjson::kParseStopWhenDoneFlag>(in);
        if (doc.HasParseError() || !doc.IsObject() || in.Tell() > defaults.max_event_size) {
            out.error = HecError{6, n};
            break;
        }
        pos += in.Tell();
        HecEvent ev;
        if (auto code = read_envelope(doc, defaults, ev)) {
            out.error = HecError{*code, n};
            break;
        }
        out.events.push_back(std::move(ev));
    }
    return out;
}

ParsedBatch parse_raw_batch(std::string_view body, const EventDefaults& defaults) {
    ParsedBatch out;
    if (!index_allowed(defaults.allowed_indexes, defaults.index)) {
        out.error = HecError{7, std::nullopt};
        return out;
    }
    size_t n = 0;
    while (!body.empty()) {
        size_t nl = body.find('\n');
        std::string_view line = body.substr(0, nl);
        body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (blank(line)) continue;
        if (line.size() > defaults.max_event_size) {
            out.error = HecError{6, n};
            return out;
        }
        HecEvent ev;
        ev.event = std::string(line);
        ev.host = defaults.host;
        ev.source = defaults.source;
        ev.sourcetype = defaults.sourcetype;
        ev.index = defaults.index;
        out.events.push_back(std::move(ev));
        ++n;
    }
    if (n == 0) out.error = HecError{5, std::nullopt};
    return out;
}

}  // namespace eventgen::test
