#include "generators/jinja/jinja_events.h"

#include <charconv>
#include <cstdlib>

#include "common/utf8.h"

namespace eventgen {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Scanner {
    std::string_view s;
    size_t p;
    std::string err;

    void ws() {
        while (p < s.size() && is_ws(s[p])) ++p;
    }
    bool fail(const std::string& m) {
        if (err.empty()) err = m;
        return false;
    }

        bool hex4(uint32_t& v) {
        if (p + 4 > s.size()) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s[p++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }
    // A string (raw control characters allowed); `out` may be null to skip it.
    bool string(std::string* out) {
        ++p;  // opening quote
        size_t run = p;
        while (p < s.size()) {
            char c = s[p];
            if (c == '"') {
                if (out) out->append(s.data() + run, p - run);
                ++p;
                return true;
            }
            if (c != '\\') {
                ++p;
                continue;
            }
            if (out) out->append(s.data() + run, p - run);
            if (++p >= s.size()) break;
            char e = s[p++];
            switch (e) {
                case '"': if (out) *out += '"'; break;
                case '\\': if (out) *out += '\\'; break;
                case '/': if (out) *out += '/'; break;
                case 'b': if (out) *out += '\b'; break;
                case 'f': if (out) *out += '\f'; break;
                case 'n': if (out) *out += '\n'; break;
                case 'r': if (out) *out += '\r'; break;
                case 't': if (out) *out += '\t'; break;
                case 'u': {
                    uint32_t cp;
                    if (!hex4(cp)) return fail("bad \\u escape");
                    if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= s.size() && s[p] == '\\' && s[p + 1] == 'u') {
                        size_t save = p;
                        p += 2;
                        uint32_t lo;
                        if (hex4(lo) && lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        else p = save;
                    }
                    if (out) append_utf8(cp, *out);
                    break;
                }
                default: return fail(std::string("bad escape \\") + e);
            }
            run = p;
        }
        return fail("unterminated string");
    }
    bool number(double* out) {
        size_t start = p;
        if (p < s.size() && s[p] == '-') ++p;
        while (p < s.size() && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.' || s[p] == 'e' || s[p] == 'E' ||
                                s[p] == '+' || s[p] == '-'))
            ++p;
        double v;
        auto r = std::from_chars(s.data() + start, s.data() + p, v);
        if (r.ec != std::errc() || r.ptr != s.data() + p) return fail("bad number");
        if (out) *out = v;
        return true;
    }
    bool literal(std::string_view word) {
        if (s.substr(p, word.size()) != word) return fail("unexpected text");
        p += word.size();
        return true;
    }
    bool value(int depth) {
        if (depth > 64) return fail("nested too deeply");
        ws();
        if (p >= s.size()) return fail("unexpected end");
        char c = s[p];
        if (c == '"') return string(nullptr);
        if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            ++p;
            ws();
            if (p < s.size() && s[p] == close) {
                ++p;
                return true;
            }
            while (true) {
                if (c == '{') {
                    ws();
                    if (p >= s.size() || s[p] != '"') return fail("expected a key");
                    if (!string(nullptr)) return false;
                    ws();
                    if (p >= s.size() || s[p] != ':') return fail("expected ':'");
                    ++p;
                }
                if (!value(depth + 1)) return false;
                ws();
                if (p < s.size() && s[p] == ',') {
                    ++p;
                    continue;
                }
                if (p < s.size() && s[p] == close) {
                    ++p;
                    return true;
                }
                return fail(std::string("expected ',' or '") + close + "'");
            }
        }
        if (c == 't') return literal("true");
        if (c == 'f') return literal("false");
        if (c == 'n') return literal("null");
        return number(nullptr);
    }

    // The top-level object with the fields events use.
    bool event(JinjaEvent& ev) {
        ++p;  // '{'
        ws();
        if (p < s.size() && s[p] == '}') {
            ++p;
            return true;
        }
        std::string key;
        while (true) {
            ws();
            if (p >= s.size() || s[p] != '"') return fail("expected a key");
            key.clear();
            if (!string(&key)) return false;
            ws();
            if (p >= s.size() || s[p] != ':') return fail("expected ':' after \"" + key + "\"");
            ++p;
            ws();
            std::string* target = nullptr;
            bool* flag = nullptr;
            if (key == "_raw") target = &ev.raw, flag = &ev.has_raw;
            else if (key == "host") target = &ev.host, flag = &ev.has_host;
            else if (key == "source") target = &ev.source, flag = &ev.has_source;
            else if (key == "sourcetype") target = &ev.sourcetype, flag = &ev.has_sourcetype;
            else if (key == "index") target = &ev.index, flag = &ev.has_index;
            if (key == "_time") {
                ev.has_time = true;
                if (p < s.size() && s[p] == '"') {
                    std::string t;
                    if (!string(&t)) return false;
                    double v;
                    const char* b = t.data();
                    while (b < t.data() + t.size() && is_ws(*b)) ++b;
                    auto r = std::from_chars(b, t.data() + t.size(), v);
                    if (r.ec == std::errc() && r.ptr == t.data() + t.size()) ev.time = v;
                } else if (p < s.size() && (s[p] == '-' || (s[p] >= '0' && s[p] <= '9'))) {
                    double v;
                    if (!number(&v)) return false;
                    ev.time = v;
                } else if (!value(1)) {
                    return false;
                }
            } else if (target && p < s.size() && s[p] == '"') {
                target->clear();
                if (!string(target)) return false;
                *flag = true;
            } else if (target && p < s.size() && (s[p] == '-' || (s[p] >= '0' && s[p] <= '9'))) {
                size_t start = p;  // a number as text (e.g. "_raw": 42)
                if (!number(nullptr)) return false;
                target->assign(s.data() + start, p - start);
                *flag = true;
            } else if (!value(1)) {
                return false;
            }
            ws();
            if (p < s.size() && s[p] == ',') {
                ++p;
                continue;
            }
            if (p < s.size() && s[p] == '}') {
                ++p;
                return true;
            }
            return fail("expected ',' or '}'");
        }
    }
};

}  // namespace

JinjaEventReader::Result JinjaEventReader::next(JinjaEvent& ev, std::string& error, size_t& offset) {
    while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
    if (pos_ >= text_.size()) return Result::End;
    offset = pos_;
    if (text_[pos_] == '{') {
        Scanner sc{text_, pos_, {}};
        ev = JinjaEvent{};
        if (sc.event(ev)) {
            pos_ = sc.p;
            return Result::Event;
        }
        error = sc.err;
    } else {
        error = "not a JSON object";
    }
    // Skip the rest of the line the bad text starts on.
    size_t nl = text_.find('\n', pos_);
    pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    return Result::Bad;
}

}  // namespace eventgen
