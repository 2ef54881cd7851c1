#include "samples/sample_events.h"

#include <algorithm>

#include "common/strings.h"
#include "common/text_file.h"
#include "common/utf8.h"
#include "regex/regex.h"
#include "samples/csv_reader.h"

namespace eventgen {

namespace {


SampleEvent base_event(const SampleConfig& c) {
    SampleEvent e;
    e.host = c.host;
    e.source = c.source;
    e.sourcetype = c.sourcetype;
    e.index = c.index;
    return e;
}

void ensure_newline(std::string& raw) {
    if (raw.empty() || raw.back() != '\n') raw += '\n';
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string::npos ? text.size() : nl + 1;
        out.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return out;
}

// Each breaker match starts a new event; text before the first match is an event too.
std::vector<std::string> split_by_breaker(const std::string& text, const Regex& breaker) {
    std::vector<std::string> out;
    size_t extract = 0, search = 0;
    Match m;
    while (search <= text.size() && breaker.search(text, search, m)) {
        if (m.start != 0 && m.start > extract) {
            out.push_back(text.substr(extract, m.start - extract));
            extract = m.start;
        }
        search = m.end > m.start ? m.end : m.start + 1;
    }
    out.push_back(text.substr(extract));
    return out;
}

}  // namespace

std::string normalize_sample_text(std::string text) {
    if (text.find('\r') != std::string::npos) {
        std::string out;
        out.reserve(text.size());
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r') {
                out += '\n';
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            } else {
                out += text[i];
            }
        }
        text.swap(out);
    }
    if (valid_utf8(text)) return text;
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (unsigned char c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::vector<SampleEvent> load_sample_events(const SampleConfig& c) {
    std::vector<SampleEvent> events;
    for_each_sample_event(c, [&](SampleEvent& e) { events.push_back(std::move(e)); });
    return events;
}

void for_each_sample_event(const SampleConfig& c, const std::function<void(SampleEvent&)>& each,
                           const std::function<void(size_t)>& expect) {
    const SampleDefinition& def = c.def;
    ConfLocation where{def.file_path, 0, def.stanza, ""};
    std::string error;
    auto text = read_text_file(def.file_path, error);
    if (!text) throw ConfigError(where, "the sample file " + error);
    std::string data = normalize_sample_text(std::move(*text));
    if (expect) expect(static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1);

    if (c.sampletype == "csv") {
        CsvReader reader(data);
        std::vector<std::string> header, row;
        if (!reader.next(header)) return;
        int raw_col = -1, host_col = -1, source_col = -1, sourcetype_col = -1, index_col = -1;
        std::vector<size_t> kept;  // columns read later: replay's timeField and _time
        for (size_t i = 0; i < header.size(); ++i) {
            const std::string& h = header[i];
            if (h == "_raw") raw_col = static_cast<int>(i);
            if (h == "host") host_col = static_cast<int>(i);
            if (h == "source") source_col = static_cast<int>(i);
            if (h == "sourcetype") sourcetype_col = static_cast<int>(i);
            if (h == "index") index_col = static_cast<int>(i);
            if (h != "_raw" && (h == c.time_field || h == "_time")) kept.push_back(i);
        }
        if (raw_col < 0) throw ConfigError(where, "CSV sample has no _raw column in its header");
        while (reader.next(row)) {
            if (static_cast<int>(row.size()) <= raw_col) continue;  // short row: no event text
            SampleEvent e = base_event(c);
            auto col = [&](int i, std::string& into) {
                if (i >= 0) into = i < static_cast<int>(row.size()) ? row[i] : std::string();
            };
            e.raw = std::move(row[raw_col]);
            col(host_col, e.host);
            col(source_col, e.source);
            col(sourcetype_col, e.sourcetype);
            col(index_col, e.index);
            for (size_t i : kept)
                if (i < row.size()) e.fields[header[i]] = row[i];
            ensure_newline(e.raw);
            each(e);
        }
        return;
    }

    std::vector<std::string> pieces;
    if (c.line_mode) {
        pieces = split_lines(data);
    } else {
        // Eventgen compiles the breaker in multi-line mode: ^ matches at every line start.
        Regex breaker = Regex::compile("(?m)" + c.breaker);
        pieces = split_by_breaker(data, breaker);
    }
    for (auto& p : pieces) {
        if (p.empty() || p == "\n") continue;
        SampleEvent e = base_event(c);
        e.raw = std::move(p);
        ensure_newline(e.raw);
        each(e);
    }
}

}  // namespace eventgen
