#include "samples/event_times.h"

#include <rapidjson/document.h>

#include <set>

#include "common/strings.h"
#include "time/time_parse.h"
#include "tokens/simple_values.h"

namespace eventgen {

std::optional<TimeUs> parse_event_time(std::string_view text, const std::string& format, const TimeZone& tz, TimeUs now) {
    text = trim(text);
    if (format == "%s") {
        // Epoch seconds; 13 or 16 digits are milli or microseconds.
        std::string digits(text.substr(0, text.find_first_not_of("0123456789")));
        if (digits.empty()) return std::nullopt;
        double v = std::stod(digits);
        for (size_t n = digits.size(); n > 10; --n) v /= 10;
        return static_cast<TimeUs>(v * 1e6);
    }
    // Eventgen drops a trailing "+hhmm" offset before parsing.
    if (text.size() >= 5 && text[text.size() - 5] == '+' && format.find("%z") == std::string::npos)
        text.remove_suffix(5);
    auto t = parse_time(text, format, tz);
    if (!t) return std::nullopt;
    bool has_year = format.find("%Y") != std::string::npos || format.find("%y") != std::string::npos ||
                    format.find("%F") != std::string::npos || format.find("%D") != std::string::npos ||
                    format.find("%c") != std::string::npos || format.find("%x") != std::string::npos;
    if (!has_year) {
        CivilTime c = to_civil(*t, tz);
        c.year = to_civil(now, tz).year;
        t = from_civil(c, tz);
    }
    return t;
}

std::optional<std::string_view> first_match_text(const Token& token, std::string_view event) {
    Match m;
    if (!token.regex.search(event, 0, m)) return std::nullopt;
    return event.substr(m.replace_start(), m.replace_end() - m.replace_start());
}

std::optional<TimeUs> event_time(const std::vector<Token>& tokens, std::string_view event, const TimeZone& tz, TimeUs now) {
    for (const Token& t : tokens) {
        if (t.spec.type != "timestamp" && t.spec.type != "replaytimestamp") continue;
        auto text = first_match_text(t, event);
        if (!text) continue;
        for (const auto& format : replay_formats(t.spec.replacement))
            if (auto time = parse_event_time(*text, format, tz, now)) return time;
    }
    return std::nullopt;
}

std::vector<uint8_t> choose_formats(const std::vector<Token>& tokens, std::string_view event, const TimeZone& tz,
                                    TimeUs now) {
    std::vector<uint8_t> out(tokens.size(), 0);
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.spec.type != "replaytimestamp") continue;
        auto formats = replay_formats(t.spec.replacement);
        if (formats.size() < 2) continue;
        auto text = first_match_text(t, event);
        if (!text) continue;
        for (size_t f = 0; f < formats.size() && f < 256; ++f)
            if (parse_event_time(*text, formats[f], tz, now)) {
                out[i] = static_cast<uint8_t>(f);
                break;
            }
    }
    return out;
}

namespace {

// Eventgen's "punct": the punctuation skeleton of an event, so only one event of
// each shape is tried against every pattern.
std::string punct(std::string_view event) {
    std::string p;
    for (char c : event) {
        if (c == ' ') p += '_';
        else if (c == '\t') p += 't';
        else if (std::ispunct(static_cast<unsigned char>(c)) || c == '\n') p += c;
    }
    return p;
}

}  // namespace

std::vector<TokenSpec> detect_timestamp_tokens(const std::string& json, const std::vector<std::string>& events,
                                               const TimeZone& tz, TimeUs now, int first_index) {
    std::vector<std::pair<std::string, std::string>> candidates;
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    if (doc.HasParseError() || !doc.IsArray()) return {};
    for (const auto& pair : doc.GetArray())
        if (pair.IsArray() && pair.Size() == 2 && pair[0].IsString() && pair[1].IsString())
            candidates.emplace_back(pair[0].GetString(), pair[1].GetString());
    std::vector<TokenSpec> found;
    std::set<std::string> shapes;
    for (const auto& event : events) {
        if (!shapes.insert(punct(event)).second) continue;
        for (auto it = candidates.begin(); it != candidates.end(); ++it) {
            std::optional<Regex> re;
            try {
                re = Regex::compile(it->first);
            } catch (const RegexError&) {
                continue;
            }
            Match m;
            if (!re->search(event, 0, m)) continue;
            std::string_view text = std::string_view(event).substr(m.replace_start(), m.replace_end() - m.replace_start());
            if (!parse_event_time(text, it->second, tz, now)) continue;
            TokenSpec spec;
            spec.index = first_index + static_cast<int>(found.size());
            spec.regex = it->first;
            spec.type = "timestamp";
            spec.replacement = it->second;
            spec.where = ConfLocation{"<autotimestamp>", 0, "", "autotimestamps"};
            found.push_back(spec);
            candidates.erase(it);  // each pattern becomes at most one token
            break;
        }
    }
    return found;
}

}  // namespace eventgen
