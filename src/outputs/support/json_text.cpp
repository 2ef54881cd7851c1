#include "outputs/support/json_text.h"

#include "common/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace eventgen {

namespace {

#ifdef __SSE2__
// A bit for each of the 16 bytes at `p` that may need escaping.
inline unsigned special_mask(const unsigned char* p) {
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
    const __m128i flagged = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    return static_cast<unsigned>(_mm_movemask_epi8(flagged));
}
#endif

// Index of the first byte at or after `i` that may need escaping (control, non-ASCII,
// '"', '\\'), 16 bytes at a time, so plain runs are copied in one piece.
size_t next_special(const unsigned char* bytes, size_t i, size_t n) {
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        const unsigned mask = special_mask(bytes + i);
        if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    }
    if (i < n && n >= 16) {
        // The last 16 bytes in one load; those before `i` were checked already.
        const unsigned mask = special_mask(bytes + n - 16) >> (i - (n - 16));
        return mask != 0 ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
    }
#endif
    for (; i < n; ++i) {
        unsigned char c = bytes[i];
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return i;
    }
    return n;
}

}  // namespace

template <typename Out>
void append_json_string(Out& out, std::string_view s) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    out.push_back('"');
    size_t plain = 0;  // start of the pending run that needs no escaping
    auto flush = [&](size_t upto) {
        if (upto > plain) out.append(s.data() + plain, upto - plain);
    };
    for (size_t i = next_special(bytes, 0, n); i < n; i = next_special(bytes, i, n)) {
        unsigned char c = bytes[i];
        if (c >= 0x80) {
            if (size_t len = utf8_sequence_length(s, i)) {
                i += len;
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
    flush(n);
    out.push_back('"');
}

bool json_plain(std::string_view text) {
    return next_special(reinterpret_cast<const unsigned char*>(text.data()), 0, text.size()) == text.size();
}

template void append_json_string(std::string&, std::string_view);
template void append_json_string(FormatBuffer&, std::string_view);

}  // namespace eventgen
