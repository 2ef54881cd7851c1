#pragma once
// Lexical helpers shared by the Python-to-PCRE2 translator and the profiler, so
// both agree on where escapes, quantifiers and POSIX classes begin and end.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace eventgen::pattern_scan {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_octal(char c) { return c >= '0' && c <= '7'; }
inline bool is_ascii_alnum(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes the UTF-8 character at p[i]; `len` receives its byte length. A byte
// that does not start a valid sequence decodes as itself with length 1.
inline uint32_t decode_utf8(std::string_view p, size_t i, size_t& len) {
    const auto b = static_cast<unsigned char>(p[i]);
    len = 1;
    if (b < 0x80) return b;
    size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > p.size()) return b;
    uint32_t cp = b & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(p[i + k]);
        if ((c & 0xC0) != 0x80) return b;
        cp = (cp << 6) | (c & 0x3F);
    }
    len = n;
    return cp;
}

// Length of a PCRE2 10.42 counted quantifier at p[i] ("{n}", "{n,}", "{n,m}"),
// or 0 when the '{' is a literal (10.42 reads "{,m}" and "{ 1}" literally).
inline size_t brace_quantifier_length(std::string_view p, size_t i) {
    size_t j = i + 1;
    const size_t lo = j;
    while (j < p.size() && is_digit(p[j])) ++j;
    if (j == lo) return 0;
    if (j < p.size() && p[j] == ',') {
        ++j;
        while (j < p.size() && is_digit(p[j])) ++j;
    }
    return j < p.size() && p[j] == '}' ? j + 1 - i : 0;
}

// Inside a class, "[:", "[." or "[=" starts POSIX syntax only if the matching
// ":]" (".]", "=]") comes before any other ']'. Returns the index just past the
// terminator, or npos when the '[' is an ordinary member.
inline size_t posix_class_end(std::string_view p, size_t i) {
    if (i + 1 >= p.size()) return std::string_view::npos;
    const char term = p[i + 1];
    if (term != ':' && term != '.' && term != '=') return std::string_view::npos;
    for (size_t j = i + 2; j < p.size(); ++j) {
        if (p[j] == '\\' && j + 1 < p.size() && (p[j + 1] == ']' || p[j + 1] == '\\')) {
            ++j;
        } else if ((p[j] == '[' && j + 1 < p.size() && p[j + 1] == term) || p[j] == ']') {
            return std::string_view::npos;
        } else if (p[j] == term && j + 1 < p.size() && p[j + 1] == ']') {
            return j + 2;
        }
    }
    return std::string_view::npos;
}

}  // namespace eventgen::pattern_scan
