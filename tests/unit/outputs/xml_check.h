#pragma once
// Test-side XML helpers: an independent strict UTF-8 reader (Unicode table 3-7) used
// as the oracle for the escaper, and pugixml parsing of a fragment's text.
#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eventgen::testing {

// Length of the well-formed UTF-8 sequence at s[i] per Unicode table 3-7, or 0.
inline size_t well_formed_utf8(std::string_view s, size_t i, uint32_t* cp) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    auto in = [](unsigned v, unsigned lo, unsigned hi) { return v >= lo && v <= hi; };
    size_t left = s.size() - i;
    unsigned c = b(0);
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (in(c, 0xC2, 0xDF) && left >= 2 && in(b(1), 0x80, 0xBF)) {
        *cp = ((c & 0x1F) << 6) | (b(1) & 0x3F);
        return 2;
    }
    if (left >= 3 && in(b(2), 0x80, 0xBF)) {
        bool ok = (c == 0xE0 && in(b(1), 0xA0, 0xBF)) || (in(c, 0xE1, 0xEC) && in(b(1), 0x80, 0xBF)) ||
                  (c == 0xED && in(b(1), 0x80, 0x9F)) || (in(c, 0xEE, 0xEF) && in(b(1), 0x80, 0xBF));
        if (ok) {
            *cp = ((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
            return 3;
        }
    }
    if (left >= 4 && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF)) {
        bool ok = (c == 0xF0 && in(b(1), 0x90, 0xBF)) || (in(c, 0xF1, 0xF3) && in(b(1), 0x80, 0xBF)) ||
                  (c == 0xF4 && in(b(1), 0x80, 0x8F));
        if (ok) {
            *cp = ((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
            return 4;
        }
    }
    return 0;
}

// XML 1.0 Char production.
inline bool xml_char(uint32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// What the escaper promises to deliver after parsing: each XML character kept, every
// other byte (one at a time) turned into U+FFFD. Also counts the replacements.
inline std::string expected_text(std::string_view s, size_t* replaced) {
    std::string out;
    *replaced = 0;
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = 0;
        size_t n = well_formed_utf8(s, i, &cp);
        if (n && xml_char(cp)) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++*replaced;
            ++i;
        }
    }
    return out;
}

// True when every byte of `s` is well-formed UTF-8 made of XML characters.
inline bool all_xml_chars(std::string_view s) {
    size_t replaced = 0;
    return expected_text(s, &replaced) == s && replaced == 0;
}

// Parses `<e>body</e>` keeping white-space-only text; nullopt when not well-formed.
inline std::optional<std::string> parse_element_text(const std::string& body) {
    std::string doc = "<e>" + body + "</e>";
    pugi::xml_document d;
    if (!d.load_buffer(doc.data(), doc.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8))
        return std::nullopt;
    return std::string(d.child("e").text().get());
}

}  // namespace eventgen::testing
