#include "jinja/text.h"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "common/utf8.h"
#include "jinja/value.h"

namespace eventgen::jinja {

namespace {
bool py_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f); }
}  // namespace

namespace {

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters.
uint32_t map_case(uint32_t cp, bool to_upper) {
    if (cp < 0x80) return static_cast<uint32_t>(to_upper ? std::toupper(static_cast<int>(cp)) : std::tolower(static_cast<int>(cp)));
    auto shift = [&](uint32_t lo_first, uint32_t lo_last, uint32_t up_first) -> uint32_t {
        uint32_t up_last = up_first + (lo_last - lo_first);
        if (to_upper && cp >= lo_first && cp <= lo_last) return cp - lo_first + up_first;
        if (!to_upper && cp >= up_first && cp <= up_last) return cp - up_first + lo_first;
        return 0;
    };
    if (cp != 0xF7 && cp != 0xD7)
        if (uint32_t r = shift(0xE0, 0xFE, 0xC0)) return r;
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
        bool odd_is_lower = !((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E));
        bool is_lower = odd_is_lower ? (cp & 1) : !(cp & 1);
        if (to_upper && is_lower) return odd_is_lower ? cp - 1 : cp - 1;
        if (!to_upper && !is_lower) return cp + 1;
        return cp;
    }
    if (cp != 0x3C2)
        if (uint32_t r = shift(0x3B1, 0x3C9, 0x391)) return r;
    if (uint32_t r = shift(0x430, 0x44F, 0x410)) return r;
    if (uint32_t r = shift(0x450, 0x45F, 0x400)) return r;
    return cp;
}

std::string convert_case(const std::string& s, bool to_upper) {
    std::string r;
    r.reserve(s.size());
    for (size_t k = 0; k < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[k]);
        if (c < 0x80) {
            r += static_cast<char>(to_upper ? std::toupper(c) : std::tolower(c));
            ++k;
            continue;
        }
        if ((c & 0xE0) == 0xC0 && k + 1 < s.size()) {
            uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[k + 1]) & 0x3Fu);
            uint32_t m = map_case(cp, to_upper);
            if (m < 0x800 && m >= 0x80) {
                r += static_cast<char>(0xC0 | (m >> 6));
                r += static_cast<char>(0x80 | (m & 0x3F));
            } else {
                r.append(s, k, 2);
            }
            k += 2;
            continue;
        }
        r += static_cast<char>(c);
        ++k;
    }
    return r;
}

}  // namespace

std::string lower(const std::string& s) { return convert_case(s, false); }
std::string upper(const std::string& s) { return convert_case(s, true); }
std::string lstrip(const std::string& s) {
    size_t a = 0;
    while (a < s.size() && py_space(static_cast<unsigned char>(s[a]))) ++a;
    return s.substr(a);
}
std::string rstrip(const std::string& s) {
    size_t b = s.size();
    while (b > 0 && py_space(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(0, b);
}
std::string strip(const std::string& s) { return lstrip(rstrip(s)); }
std::string strip_chars(const std::string& s, const std::string& chars, bool left, bool right) {
    size_t a = 0, b = s.size();
    if (left)
        while (a < b && chars.find(s[a]) != std::string::npos) ++a;
    if (right)
        while (b > a && chars.find(s[b - 1]) != std::string::npos) --b;
    return s.substr(a, b - a);
}

std::string py_replace(const std::string& s, const std::string& old, const std::string& neu, int64_t count) {
    std::string out;
    if (old.empty()) {
        auto chars = utf8_chars(s);
        int64_t done = 0;
        for (auto c : chars) {
            if (count < 0 || done < count) {
                out += neu;
                ++done;
            }
            out += c;
        }
        if (count < 0 || done < count) out += neu;
        return out;
    }
    size_t pos = 0;
    int64_t done = 0;
    while (count < 0 || done < count) {
        size_t hit = s.find(old, pos);
        if (hit == std::string::npos) break;
        out.append(s, pos, hit - pos);
        out += neu;
        pos = hit + old.size();
        ++done;
    }
    out.append(s, pos, std::string::npos);
    return out;
}

std::string capitalize(const std::string& s) {
    std::string r = lower(s);
    if (!r.empty()) r[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(r[0])));
    return r;
}

std::string jinja_title(const std::string& s) {
    // Words begin after runs of [-\s({[<]; each word: first char upper, the rest lower.
    std::string out;
    bool start = true;
    for (unsigned char c : s) {
        bool sep = c == '-' || py_space(c) || c == '(' || c == '{' || c == '[' || c == '<';
        if (sep) {
            out += static_cast<char>(c);
            start = true;
        } else if (start) {
            out += static_cast<char>(std::toupper(c));
            start = false;
        } else {
            out += static_cast<char>(std::tolower(c));
        }
    }
    return out;
}

std::string py_title(const std::string& s) {
    std::string out;
    bool prev_cased = false;
    for (unsigned char c : s) {
        if (std::isalpha(c)) {
            out += static_cast<char>(prev_cased ? std::tolower(c) : std::toupper(c));
            prev_cased = true;
        } else {
            out += static_cast<char>(c);
            prev_cased = false;
        }
    }
    return out;
}

int64_t word_count(const std::string& s) {
    int64_t n = 0;
    bool in = false;
    for (unsigned char c : s) {
        bool w = std::isalnum(c) || c == '_' || c >= 0x80;
        if (w && !in) ++n;
        in = w;
    }
    return n;
}

std::string py_center(const std::string& s, int64_t width) {
    int64_t len = static_cast<int64_t>(utf8_length(s));
    if (width <= len) return s;
    int64_t marg = width - len;
    int64_t left = marg / 2 + (marg & width & 1);
    return std::string(static_cast<size_t>(left), ' ') + s + std::string(static_cast<size_t>(marg - left), ' ');
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (size_t k = 0; k < s.size(); ++k) {
        unsigned char c = static_cast<unsigned char>(s[k]);
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e)) {
            out.push_back(cur);
            cur.clear();
            if (c == '\r' && k + 1 < s.size() && s[k + 1] == '\n') ++k;
        } else cur += static_cast<char>(c);
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

std::vector<std::string> split_ws(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : s) {
        if (py_space(c)) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else cur += static_cast<char>(c);
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

std::vector<std::string> split_on(const std::string& s, const std::string& sep, int64_t maxsplit) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (maxsplit < 0 || static_cast<int64_t>(out.size()) < maxsplit) {
        size_t hit = s.find(sep, pos);
        if (hit == std::string::npos) break;
        out.push_back(s.substr(pos, hit - pos));
        pos = hit + sep.size();
    }
    out.push_back(s.substr(pos));
    return out;
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string url_quote(const std::string& s, bool for_query) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~' || (!for_query && c == '/')) {
            out += static_cast<char>(c);
        } else if (for_query && c == ' ') {
            out += '+';
        } else {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            out += b;
        }
    }
    return out;
}

namespace {

// Removes every `open`...`close` span, each time from the start, as markupsafe does.
std::string remove_spans(std::string value, const std::string& open, const std::string& close) {
    size_t start;
    while ((start = value.find(open)) != std::string::npos) {
        size_t end = value.find(close, start);
        if (end == std::string::npos) break;
        value.erase(start, end + close.size() - start);
    }
    return value;
}

}  // namespace

std::string html_unescape(const std::string& s) {
    static const std::pair<const char*, const char*> named[] = {
        {"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", "\xC2\xA0"}};
    std::string out;
    for (size_t k = 0; k < s.size(); ++k) {
        if (s[k] != '&') {
            out += s[k];
            continue;
        }
        bool done = false;
        if (k + 2 < s.size() && s[k + 1] == '#') {
            bool hex = s[k + 2] == 'x' || s[k + 2] == 'X';
            size_t d = k + (hex ? 3 : 2), e = d;
            uint32_t cp = 0;
            while (e < s.size() && e - d < 8 && (hex ? std::isxdigit(static_cast<unsigned char>(s[e])) : std::isdigit(static_cast<unsigned char>(s[e])))) {
                cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(s[e])) ? s[e] - '0' : (std::tolower(static_cast<unsigned char>(s[e])) - 'a' + 10));
                ++e;
            }
            if (e > d) {
                append_utf8(cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp, out);
                k = (e < s.size() && s[e] == ';') ? e : e - 1;
                done = true;
            }
        } else {
            for (const auto& [name, text] : named) {
                size_t n = std::strlen(name);
                if (s.compare(k + 1, n, name) == 0) {
                    out += text;
                    k += n;
                    done = true;
                    break;
                }
            }
        }
        if (!done) out += '&';
    }
    return out;
}

std::string strip_tags(const std::string& s) {
    // markupsafe's Markup.striptags: comments, then tags, spaces collapsed, entities decoded.
    std::string text = remove_spans(remove_spans(s, "<!--", "-->"), "<", ">");
    std::string out;
    for (auto& w : split_ws(text)) out += (out.empty() ? "" : " ") + w;
    return html_unescape(out);
}

}  // namespace eventgen::jinja
