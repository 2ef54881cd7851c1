#include "outputs/support/xml_escape.h"

#include "common/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define EVENTGEN_AVX2_VARIANT 1
#endif

namespace eventgen {

namespace {

const char kReplacement[] = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i] that XML allows, or 0: XML also
// forbids the two non-characters U+FFFE and U+FFFF.
size_t valid_xml_utf8(std::string_view s, size_t i) {
    uint32_t cp = 0;
    size_t n = utf8_sequence_length(s, i, &cp);
    return cp == 0xFFFE || cp == 0xFFFF ? 0 : n;
}

// Bytes that pass through untouched in element text (printable ASCII but & < >,
// plus tab and LF), and in attribute values (also without " tab LF).
struct PlainTable {
    bool text[256];
    bool attribute[256];
    constexpr PlainTable() : text(), attribute() {
        for (int c = 0x20; c < 0x80; ++c) text[c] = attribute[c] = c != '&' && c != '<' && c != '>';
        text['\t'] = text['\n'] = true;
        attribute['"'] = false;
    }
};
constexpr PlainTable kPlain;

}  // namespace

// Index of the first byte that may need attention (control, non-ASCII, & < > "),
// 16 bytes at a time; tab and LF are flagged too and sorted out by the caller.
size_t scan_plain_ascii(const unsigned char* bytes, size_t n) {
    size_t i = 0;
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
        // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
        __m128i flagged = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                       _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                                                    _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot))));
        int mask = _mm_movemask_epi8(flagged);
        if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    return i;
}

#ifdef __SSE2__
namespace {

// Bits of the bytes of `v` element text may not carry as they are: controls (tab and
// LF included, for the caller to sort out), non-ASCII, & < >.
inline unsigned text_flags(__m128i v) {
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>');
    __m128i flagged = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt))));
    return static_cast<unsigned>(_mm_movemask_epi8(flagged));
}

}  // namespace
#endif

size_t copy_plain_text_baseline(char* dst, std::string_view text) {
    const char* src = text.data();
    const size_t n = text.size();
    size_t i = 0;
#ifdef __SSE2__
    while (n >= 16) {
        unsigned mask = 0;
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
            if ((mask = text_flags(v)) != 0) break;
        }
        if (mask == 0 && i < n) {
            // The last partial block: the final 16 bytes again, only the new ones counted.
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), v);
            mask = text_flags(v) >> (i + 16 - n);
        }
        if (mask == 0) return n;
        i += static_cast<size_t>(__builtin_ctz(mask));
        // Tab and LF are flagged but plain: step over them and scan on.
        if (!kPlain.text[static_cast<unsigned char>(src[i])]) return i;
        dst[i] = src[i];
        if (++i == n) return n;
    }
#endif
    while (i < n && kPlain.text[static_cast<unsigned char>(src[i])]) {
        dst[i] = src[i];
        ++i;
    }
    return i;
}

#ifdef EVENTGEN_AVX2_VARIANT
namespace {

// The same, 32 bytes at a time, on CPUs with AVX2 (the package targets every x86-64,
// so it is chosen at run time). Needs at least 32 bytes.
__attribute__((target("avx2"))) inline unsigned text_flags_avx2(__m256i v) {
    const __m256i space = _mm256_set1_epi8(0x20);
    const __m256i amp = _mm256_set1_epi8('&'), lt = _mm256_set1_epi8('<'), gt = _mm256_set1_epi8('>');
    __m256i flagged = _mm256_or_si256(
        _mm256_cmpgt_epi8(space, v),
        _mm256_or_si256(_mm256_cmpeq_epi8(v, amp), _mm256_or_si256(_mm256_cmpeq_epi8(v, lt), _mm256_cmpeq_epi8(v, gt))));
    return static_cast<unsigned>(_mm256_movemask_epi8(flagged));
}

__attribute__((target("avx2"))) size_t copy_plain_text_avx2(char* dst, const char* src, size_t n) {
    size_t i = 0;
    while (true) {
        unsigned mask = 0;
        for (; i + 32 <= n; i += 32) {
            __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), v);
            if ((mask = text_flags_avx2(v)) != 0) break;
        }
        if (mask == 0 && i < n) {
            __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + n - 32));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + n - 32), v);
            mask = text_flags_avx2(v) >> (i + 32 - n);
        }
        if (mask == 0) return n;
        i += static_cast<size_t>(__builtin_ctz(mask));
        if (!kPlain.text[static_cast<unsigned char>(src[i])]) return i;
        dst[i] = src[i];
        if (++i == n) return n;
    }
}

const bool kHaveAvx2 = [] {
    __builtin_cpu_init();  // may run before the library's own constructors
    return __builtin_cpu_supports("avx2") != 0;
}();

}  // namespace
#endif

size_t copy_plain_text(char* dst, std::string_view text) {
#ifdef EVENTGEN_AVX2_VARIANT
    if (text.size() >= 32 && kHaveAvx2) return copy_plain_text_avx2(dst, text.data(), text.size());
#endif
    return copy_plain_text_baseline(dst, text);
}

template <typename Out>
size_t append_xml_escaped(Out& out, std::string_view text, bool attribute) {
    const bool* plain_byte = attribute ? kPlain.attribute : kPlain.text;
    const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    // The common case (a plain ASCII event) is one scan and one append.
    size_t i = scan_plain_ascii(bytes, n);
    while (i < n && plain_byte[bytes[i]]) ++i;
    if (i == n) {
        out.append(text.data(), n);
        return 0;
    }
    size_t replaced = 0;
    size_t plain = 0;  // start of the pending run that needs no escaping
    auto flush_plain = [&](size_t upto) {
        if (upto > plain) out.append(text.data() + plain, upto - plain);
    };
    for (; i < text.size();) {
        unsigned char c = bytes[i];
        if (plain_byte[c]) {
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

template size_t append_xml_escaped(std::string&, std::string_view, bool);
template size_t append_xml_escaped(FormatBuffer&, std::string_view, bool);

}  // namespace eventgen
