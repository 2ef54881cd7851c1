#include "outputs/support/json_text.h"

#include "common/utf8.h"

namespace eventgen {



void append_json_string(std::string& out, std::string_view s) {
    static const char hex[] = "0123456789abcdef";
    out.push_back('"');
    size_t plain = 0;
    auto flush = [&](size_t upto) {
        if (upto > plain) out.append(s.data() + plain, upto - plain);
    };
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (size_t n = utf8_sequence_length(s, i)) {
                i += n;
                continue;
            }
        }
        flush(i);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out += "\xEF\xBF\xBD";  // invalid UTF-8 byte
                }
        }
        ++i;
        plain = i;
    }
    flush(s.size());
    out.push_back('"');
}

}  // namespace eventgen
