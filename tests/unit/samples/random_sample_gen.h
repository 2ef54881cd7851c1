#pragma once
// Random samples and token configurations for the template equivalence test:
// realistic event text (timestamps, @@tokens, IPs, key=value pairs, multi-line,
// non-ASCII) and token lists chosen to interfere with each other — later regexes
// that match inside earlier values, values that contain other tokens' patterns,
// tokens that delete text, capture groups, anchors and word boundaries.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "common/rng.h"
#include "regex/regex.h"
#include "sample_test_util.h"

namespace eventgen::testing {

template <size_t N>
std::string pick(Rng& rng, const char* const (&options)[N]) {
    return options[rng.below(N)];
}

// More user agents than the proof tries in place (ValueShape::kMaxChoices), of varying
// width, some holding text that weblog placeholders or other regexes match.
inline std::string user_agents() {
    static const char* const kParts[] = {"Mozilla/5.0 (X11; Linux)", "Gecko/2010 Firefox/3.6", "(KHTML, like Gecko)",
                                         "FFFF", "DD", "@@x", "HTTP/1.1\" 200", "Safari/533.1", "Dec", "F"};
    std::string out = "A\n";  // first in order, the line the proof puts in place: harmless
    for (int i = 0; i < 80; ++i)
        out += std::string(kParts[i % 10]) + " " + std::to_string(i * 37 % 101) + kParts[(i / 10) % 10] + "\n";
    return out;
}

// Replacement files shared by every generated sample, written once per test.
inline const std::vector<std::pair<std::string, std::string>>& replacement_files() {
    static const std::vector<std::pair<std::string, std::string>> files = {
        {"agents.txt", user_agents()},
        {"status.txt", "200\n200\n200\n200\n200\n200\n404\n404\n500\n301\n"},  // weighted by repeats
        {"words.txt", "alice\nbob\ncarol\n"},
        {"fixed.txt", "AB12\nCD34\nEF56\n"},
        {"digits.txt", "1\n22\n333\n"},
        {"mixed.txt", "a\xE2\x82\xAC\nbcde\nna\xC3\xAFve\n"},
        {"fixed_mixed.txt", "a\xE2\x82\xAC\nbcde\n"},       // same width, ASCII and not
        {"nbsp.txt", "a\xC2\xA0\nbcd\n"},                     // ends in a non-word character
        {"tokens.txt", "@@int1\n@@ip\n12:00:00\nuser=x\n"},  // values other tokens match
        {"markets.csv", "10001,New York,NY\n94105,San Francisco,CA\n60601,Chicago,IL\n"},
        {"single.txt", "only\n"}};
    return files;
}

inline void write_replacement_files(const TempDir& dir) {
    for (const auto& [name, text] : replacement_files()) dir.write(name, text);
}

class SampleGen {
public:
    explicit SampleGen(uint64_t seed) : rng_(seed) {}

    // Sample text plus the settings that split it (lines, breaker or bundlelines).
    SampleSetup sample() {
        SampleSetup s;
        texts_.clear();
        const uint64_t mode = rng_.below(4);
        const size_t events = 1 + rng_.below(4);
        for (size_t e = 0; e < events; ++e) {
            std::string text = mode == 0 ? "" : "EVT ";
            text += event_text(mode != 0);
            s.contents += text + "\n";
        }
        if (mode == 1 || mode == 2) s.settings["breaker"] = "^EVT";
        if (mode == 3) s.settings["bundlelines"] = "true";
        texts_.push_back(s.contents);
        // Later regexes may also be cut from values that file tokens produce.
        for (const auto& file : replacement_files()) texts_.push_back(file.second);
        return s;
    }

    std::vector<TokenSpec> tokens() {
        std::vector<TokenSpec> out;
        const size_t n = 1 + rng_.below(6);
        for (size_t i = 0; i < n; ++i) {
            auto [type, replacement] = value();
            std::string re = regex();
            try {
                Regex::compile(re);
            } catch (const RegexError&) {
                re = "\\d";  // the random grammar can build a pattern PCRE2 refuses
            }
            out.push_back(token_spec(static_cast<int>(i), re, type, replacement));
            if (type == "static") texts_.push_back(replacement);
        }
        return out;
    }

    std::optional<TokenSpec> host_token() {
        if (rng_.below(4) != 0) return std::nullopt;
        static const char* const kRegex[] = {"web", "\\d+", "(\\w+)\\.", "^h", "."};
        return token_spec(0, pick(rng_, kRegex), "file", rng_.below(2) ? "words.txt" : "markets.csv:2");
    }

    Rng& rng() { return rng_; }

private:
    std::string event_text(bool multi_line) {
        static const char* const kFragments[] = {
            "2014-01-04 20:54:34", "20:54:34", "Mar  1 00:01:50.575", "14/Sep/2012:17:28:11.123",
            "20110414114247.083068", "1318375820071", "2012-09-14T17:29:11", "@@int1", "@@int2", "@@ip",
            "@@user", "@@x", "10.2.1.35", "5.5.5.5", "fe80::1", "user=bob", "status=200", "value=3.5",
            "transID=000000", "city=\"Houston\"", "bytes=1488", "WINDBAG Event 1 of 5",
            "GET /index.html HTTP/1.1", "ERROR", "-", "[INFO]", "caf\xC3\xA9", "\xE2\x82\xAC" "5",
            "a\xC2\xA0" "b", "na\xC3\xAFve", "x", "xyz", "AB12", "0", "99", "_", "k=v,k2=v2",
            // token placeholders glued to text, so values meet their neighbours
            "@@x5", "5@@x", "@@int1@@int2", "@@ip:80", "a@@user", "@@x\xC2\xA0", "@@x@@x", "=@@x=", "@@x.",
            // weblog lines and SA-Eventgen's placeholder style: regexes that read the text
            // around a field, so values meet them
            "[04/Jan/2014:20:54:34]", "Sep 14 17:28:11", "Mar  1 00:01:50", "\"GET /a HTTP/1.1\" 200 512", "\"Mozilla/5.0 (X11)\"", "XXXXXXXXXX", "FFFF",
            "DDDD", "\"@@ua\" FFFF", "[29/Apr/2013 18:09:05:132] DDDD", "@@ua-@@int1", "@@ua@@x"};
        static const char* const kSeparators[] = {" ", " ", " ", ", ", "\t", ":", "|", "", "="};
        std::string out;
        const size_t n = 1 + rng_.below(8);
        for (size_t i = 0; i < n; ++i) {
            if (i > 0) out += multi_line && rng_.below(4) == 0 ? "\n" : pick(rng_, kSeparators);
            out += pick(rng_, kFragments);
        }
        return out;
    }

    // A piece of text seen so far (sample or static value), as an escaped literal.
    std::string derived_regex() {
        const std::string& text = texts_[rng_.below(texts_.size())];
        if (text.empty()) return "x";
        size_t start = rng_.below(text.size());
        size_t len = 1 + rng_.below(4);
        std::string out;
        for (unsigned char c : text.substr(start, len)) {
            if (c == '\n') {
                out += "\\n";
            } else if (c < 0x80 && !std::isalnum(c) && c != ' ') {
                out += '\\';
                out += static_cast<char>(c);
            } else {
                out += static_cast<char>(c);
            }
        }
        // A cut multi-byte character would not compile as a pattern; fall back.
        try {
            Regex::compile(out);
        } catch (const RegexError&) {
            return "\\d";
        }
        return out;
    }

    std::string regex() {
        static const char* const kRegex[] = {
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "\\d{2}:\\d{2}:\\d{2}", "\\d+", "\\d", "\\d{2}",
            "@@\\w+", "@@int\\d", "@@int1", "@@ip", "(\\d+\\.\\d+\\.\\d+\\.\\d+)", "\\d{1,3}(\\.\\d{1,3}){3}",
            "user=(\\w+)", "(\\w+)=", "=(\\S+)", "=([^ ,\\n]+)", "[a-z]+", "[A-Z]+", "\\b\\d+\\b", "\\b\\w",
            "^\\S+", "(?m)^\\w+", "\\s(\\d+)\\s", "\\n", "\\s+", " ", "x*", "$", "(?m)$", "[0-9A-F]{2}",
            "(a)|b", "(?i)mar", "\\w{3}\\s+\\d{1,2}", ".", "..", "\"[^\"]*\"", "(?<=x)y", "(\\d)(\\d)",
            "(?:(x)|y)z", "\\.", ":", "[^ ]+", "\\W+", "\xC3\xA9", "\xE2\x82\xAC", "\\S", "[^\\x00-\\x7f]+",
            "(?i)EVT", "\\d+\\.\\d+", "[:.-]", "(?s).{3}", "(\\d)?x", "Event (\\d+)", "of (\\d)", "a|\\d+",
            "\\B\\d", "\\d\\b", "[[:alpha:]]+", "[[:digit:]]+", "(\\w)\\1", "(?=\\d)\\d", "\\d\\Z", "\\A\\w+",
            "\\b[0-9]+", "[0-9]\\b", "\\b[a-z]", "[a-z]\\b", "\\b[0-9]", "\\bb", "[0-9]+\\.[0-9]+", "[A-F0-9]+",
            "\\d\\d:", "(\\d{2}):", ":(\\d{2})", "T", "(?i)[a-f]+", "\\S+$", "^EVT (\\S+)", "\\w+\\s\\w+",
            "HTTP/1\\.1\" (\\d{3})", "\" \\d{3} (\\d+)", "\"(Mozilla/[^\"]+)\"", "(XXXXXXXXXX)", "(FFFF)", "(DDDD)",
            "De", "\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}", "[A-Z][a-z]{2}/", "(\\d+) \"", "F[a-z]+", "Ge",
            "\\)\\s(\\w+)", "@@ua", "(F+)"};
        switch (rng_.below(6)) {
            case 0: case 1: return derived_regex();
            case 2: return random_pattern();
            default: return pick(rng_, kRegex);
        }
    }

    // A small pattern from the constructs the regex analysis models.
    std::string random_pattern() {
        static const char* const kPrefix[] = {"", "", "", "(?i)", "(?m)", "(?s)"};
        unbounded_left_ = 1;
        std::string out = pick(rng_, kPrefix) + sequence(0);
        while (rng_.below(5) == 0) out += "|" + sequence(0);
        return out;
    }
    std::string sequence(int depth) {
        static const char* const kAtom[] = {"\\d", "\\w", "\\s", "\\S", "\\D", "\\W", ".", "[0-9a-f]",
                                            "[^ ]", "[^0-9]", "[A-Z]", "x", "@", "=", ":", "\\.", " ", "5",
                                            "a", "E", "\xC3\xA9", "[[:punct:]]", "\\n"};
        // Groups repeat a bounded number of times: nested unbounded repeats backtrack forever.
        static const char* const kGroupQuant[] = {"", "", "?"};
        static const char* const kAnchor[] = {"^", "$", "\\b", "\\B", "\\A", "\\Z"};
        std::string out;
        for (uint64_t n = 1 + rng_.below(4); n > 0; --n) {
            switch (rng_.below(depth < 2 ? 6 : 5)) {
                case 0: out += pick(rng_, kAnchor); break;
                case 5: out += std::string(rng_.below(2) ? "(" : "(?:") + sequence(depth + 1) +
                               (rng_.below(3) ? "" : "|" + sequence(depth + 1)) + ")" + pick(rng_, kGroupQuant);
                        break;
                default: out += pick(rng_, kAtom) + quantifier();
            }
        }
        return out;
    }

    // One unbounded repeat per pattern keeps backtracking on long events cheap.
    std::string quantifier() {
        static const char* const kQuant[] = {"", "", "", "?", "*", "+", "{2}", "{1,3}", "+?", "*+"};
        std::string q = pick(rng_, kQuant);
        if (q.find_first_of("*+") == std::string::npos) return q;
        if (unbounded_left_ == 0) return "?";
        --unbounded_left_;
        return q;
    }

    std::pair<std::string, std::string> value() {
        static const char* const kStatic[] = {"", "X", "12:34:56", "@@int1", "10.0.0.1", "a b", "user=eve", "\n",
                                              "\xC3\xA9", "\xE2\x82\xAC" "9", "2014-01-04 20:54:34", "x", "xyz",
                                              "EVT", "=", "00", "a\xC2\xA0", " 7 ", "Mar"};
        static const char* const kRandom[] = {
            "integer[0:9]", "integer[-5:5]", "integer[100:999]", "integer[1:1000]", "integer[0:0]",
            "float[0.0:9.99]", "float[-1.5:1.5]", "float[0:100]", "ipv4", "ipv6", "mac", "guid", "string(5)",
            "string(0)", "string(1)", "hex(4)", "list[\"a\",\"bb\",\"\"]", "list[\"\\u00e9\",\"x\"]", "list[1,22]",
            "list[\"a\\u20ac\",\"bcde\"]", "list[\"a\\u00a0\",\"bcd\"]", "list[\"@@int1\",\"@@int2\"]",
            "list[\"b\",\"c\"]", "list[\"7\",\"8\"]", "integer[200:4000]", "integer[100:1000]"};
        static const char* const kRated[] = {"integer[1:100]", "float[0.5:2.5]", "integer[10:99]"};
        static const char* const kFormats[] = {
            "%Y-%m-%d %H:%M:%S", "%H:%M:%S", "%b %e %H:%M:%S", "%b %d %H:%M:%S", "%s", "%Y%m%d%H%M%S",
            "%d/%b/%Y:%H:%M:%S.%f", "%Z", "%z", "%A", "%p", "%j", "%Y-%m-%dT%H:%M:%S", "%-d", "%e", "%B %-H",
            "%d/%b/%Y:%H:%M:%S", "%b", "%d/%b/%Y %H:%M:%S:%f"};
        static const char* const kFiles[] = {"words.txt", "fixed.txt",      "digits.txt",    "mixed.txt",
                                             "fixed_mixed.txt", "nbsp.txt", "tokens.txt",    "single.txt",
                                             "markets.csv:1", "markets.csv:2", "markets.csv:3", "markets.csv",
                                             "agents.txt", "status.txt", "agents.txt"};
        static const char* const kIds[] = {"0", "10000", "-5", "999"};
        switch (rng_.below(10)) {
            case 0: case 1: return {"static", pick(rng_, kStatic)};
            case 2: case 3: return {"random", pick(rng_, kRandom)};
            case 4: return {"rated", pick(rng_, kRated)};
            case 5: return {"timestamp", pick(rng_, kFormats)};
            case 6: {
                // Several formats: each event is proven with the one its text was written in.
                static const char* const kLists[] = {"[\"%b %d %H:%M:%S\", \"%Y-%m-%d %H:%M:%S\"]",
                                                     "[\"%d/%b/%Y:%H:%M:%S\", \"%H:%M:%S\", \"%s\"]"};
                return {"replaytimestamp", rng_.below(3) ? pick(rng_, kFormats) : pick(rng_, kLists)};
            }
            case 7: return {rng_.below(2) ? "file" : "mvfile", pick(rng_, kFiles)};
            case 8: return {"seqfile", pick(rng_, kFiles)};
            default: return {"integerid", pick(rng_, kIds)};
        }
    }

    Rng rng_;
    std::vector<std::string> texts_;
    int unbounded_left_ = 0;
};

}  // namespace eventgen::testing
