#pragma once
// Byte sets matched by single PCRE2 elements in UTF + UCP mode. ASCII membership
// is exact; all of 0x80-0xFF is present when any non-ASCII character may match.
#include <cstdint>
#include <string_view>

#include "common/byte_set.h"

namespace eventgen::char_sets {

ByteSet ascii();
ByteSet word();  // ASCII [A-Za-z0-9_]
// ASCII complement of `s`, plus every non-ASCII character: what a negated
// class or \D-style escape matches.
ByteSet negate(const ByteSet& s);
// \d \D \w \W \s \S (the letter after the backslash).
ByteSet class_escape(char letter);
ByteSet dot(bool dotall);
// One code point or an inclusive range, folded when caseless. In UCP mode only
// k/K and s/S have non-ASCII case partners (U+212A KELVIN SIGN, U+017F LONG S).
ByteSet code_point(uint32_t cp, bool caseless);
ByteSet code_point_range(uint32_t lo, uint32_t hi, bool caseless);
// A POSIX class name as in [:name:] (without '^'). False when unknown or, for
// lower/upper under caseless matching, when PCRE2's behaviour is not modelled.
bool posix_class(std::string_view name, bool caseless, ByteSet& out);

}  // namespace eventgen::char_sets
