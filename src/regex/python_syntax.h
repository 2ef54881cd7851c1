#pragma once
// Rewrites a pattern written for Python 3's `re` (str patterns) into PCRE2 syntax
// with the same meaning, for the constructs where the two dialects disagree.
#include <string>
#include <string_view>
#include <vector>

namespace eventgen {

struct TranslatedPattern {
    std::string text;                  // PCRE2 pattern
    std::vector<size_t> source_offset;  // for each byte of text: offset in the original

    // Maps an offset in `text` (e.g. from a PCRE2 error) back to the original.
    size_t original_offset(size_t pcre_offset, size_t original_size) const {
        return pcre_offset < source_offset.size() ? source_offset[pcre_offset] : original_size;
    }
};

// Rewrites (outside classes unless noted):
//   \Z -> \z            Python's \Z is end of string only
//   \v -> \x0b          (also in classes) Python's \v is VT, PCRE2's a class
//   \uXXXX, \UXXXXXXXX -> \x{...}   (also in classes)
//   {,n} -> {0,n}, {,} -> {0,}      Python quantifiers PCRE2 10.42 reads literally
//   \s -> [\s\x1c-\x1f], \S -> [^\s\x1c-\x1f], and \s in classes gains \x1c-\x1f:
//                       Python counts the separators 0x1C-0x1F as whitespace
// Everything else is passed through; PCRE2 reports what neither dialect accepts.
TranslatedPattern translate_python_pattern(std::string_view python);

}  // namespace eventgen
