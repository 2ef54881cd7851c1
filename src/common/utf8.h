#pragma once
// UTF-8 validation shared by the sample reader and the XML/JSON writers, and the
// encoder of one code point (string escapes, entities, other encodings).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace eventgen {

// Length of the well-formed UTF-8 sequence starting at s[i] (no overlong forms, no
// surrogates, nothing beyond U+10FFFF), or 0. `cp` receives the code point.
inline size_t utf8_sequence_length(std::string_view s, size_t i, uint32_t* cp = nullptr) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        if (cp) *cp = c;
        return 1;
    }
    size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    uint32_t v = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000)) return 0;
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return 0;
    if (cp) *cp = v;
    return n;
}

// Appends code point `cp` (at most U+10FFFF) as UTF-8.
inline void append_utf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

inline bool valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

}  // namespace eventgen
