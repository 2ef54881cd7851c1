#include "regex/char_sets.h"

namespace eventgen::char_sets {
namespace {

ByteSet space() { return ByteSet::of("\t\n\v\f\r "); }
ByteSet punct() { return ByteSet::of("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"); }

bool is_letter(uint32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }

}  // namespace

ByteSet ascii() {
    static const ByteSet s = ByteSet::range(0x00, 0x7F);  // built once: the sample compiler asks per cell
    return s;
}
ByteSet word() {
    static const ByteSet s = ByteSet::letters() | ByteSet::digits() | ByteSet::of("_");
    return s;
}

ByteSet negate(const ByteSet& s) { return (s.complement() & ascii()) | ByteSet::non_ascii(); }

ByteSet class_escape(char letter) {
    switch (letter) {
        case 'd': return ByteSet::digits() | ByteSet::non_ascii();
        case 'D': return negate(ByteSet::digits());
        case 'w': return word() | ByteSet::non_ascii();
        case 'W': return negate(word());
        case 's': return space() | ByteSet::non_ascii();
        default: return negate(space());  // 'S'
    }
}

ByteSet dot(bool dotall) {
    ByteSet s = ByteSet::all();
    if (!dotall) s.remove('\n');
    return s;
}

ByteSet code_point(uint32_t cp, bool caseless) {
    ByteSet s;
    if (cp >= 0x80) {
        s = ByteSet::non_ascii();
        if (caseless && cp == 0x212A) s.add(ByteSet::of("kK"));
        if (caseless && cp == 0x17F) s.add(ByteSet::of("sS"));
        return s;
    }
    s.add(static_cast<unsigned char>(cp));
    if (caseless && is_letter(cp)) {
        s.add(static_cast<unsigned char>(cp ^ 0x20));  // ASCII letters differ in bit 5
        if (cp == 'k' || cp == 'K' || cp == 's' || cp == 'S') s.add(ByteSet::non_ascii());
    }
    return s;
}

ByteSet code_point_range(uint32_t lo, uint32_t hi, bool caseless) {
    ByteSet s;
    for (uint32_t cp = lo; cp <= hi && cp < 0x80; ++cp) s.add(code_point(cp, caseless));
    if (hi >= 0x80) {
        s.add(ByteSet::non_ascii());
        if (caseless && lo <= 0x212A && 0x212A <= hi) s.add(ByteSet::of("kK"));
        if (caseless && lo <= 0x17F && 0x17F <= hi) s.add(ByteSet::of("sS"));
    }
    return s;
}

bool posix_class(std::string_view name, bool caseless, ByteSet& out) {
    const ByteSet na = ByteSet::non_ascii();
    // With UCP most POSIX classes become Unicode properties and so include
    // non-ASCII characters; xdigit and ascii stay ASCII-only.
    if (name == "alpha") out = ByteSet::letters() | na;
    else if (name == "digit") out = ByteSet::digits() | na;
    else if (name == "alnum") out = ByteSet::letters() | ByteSet::digits() | na;
    else if (name == "word") out = word() | na;
    else if (name == "space") out = space() | na;
    else if (name == "blank") out = ByteSet::of("\t ") | na;
    else if (name == "cntrl") out = ByteSet::range(0x00, 0x1F) | ByteSet::of("\x7f") | na;
    else if (name == "punct") out = punct() | na;
    else if (name == "graph") out = ByteSet::range(0x21, 0x7E) | na;
    else if (name == "print") out = ByteSet::range(0x20, 0x7E) | na;
    else if (name == "xdigit") out = ByteSet::hex_lower() | ByteSet::hex_upper();
    else if (name == "ascii") out = ascii();
    // Caseless lower/upper differ between PCRE2 releases and Perl: not modelled.
    else if ((name == "lower" || name == "upper") && !caseless)
        out = (name == "lower" ? ByteSet::lower() : ByteSet::upper()) | na;
    else return false;
    return true;
}

}  // namespace eventgen::char_sets
