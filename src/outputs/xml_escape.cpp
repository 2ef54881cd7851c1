#include "outputs/xml_escape.h"

namespace eventgen {

namespace {

const char kReplacement[] = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i] that XML allows, or 0.
size_t valid_xml_utf8(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates, the two non-characters XML forbids, beyond Unicode.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF) return 0;
    return n;
}

}  // namespace

size_t append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
    size_t replaced = 0;
    size_t plain = 0;  // start of the pending run that needs no escaping
    auto flush_plain = [&](size_t upto) {
        if (upto > plain) out.append(text.data() + plain, upto - plain);
    };
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && !(attribute && c == '"')) {
            ++i;
            continue;
        }
        // Attribute values have tab/LF normalized to spaces by parsers, so there they
        // travel as references.
        if ((c == '\t' || c == '\n') && !attribute) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            size_t n = valid_xml_utf8(text, i);
            if (n) {
                i += n;
                continue;
            }
        }
        flush_plain(i);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#9;"; break;
            case '\n': out += "&#10;"; break;
            default:
                out += kReplacement;
                ++replaced;
        }
        ++i;
        plain = i;
    }
    flush_plain(text.size());
    return replaced;
}

}  // namespace eventgen
