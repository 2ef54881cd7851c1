#pragma once
// Conservative static analysis of a token regex, so the sample compiler can prove
// that the regex finds the same match positions in every generated event.
//
// Guarantee (for analyzable profiles): if strings A and B have equal length and at
// every position either A[i] == B[i], or both are ASCII bytes in the same
// equivalence class, then Regex::find_all reports identical spans (group 0 and
// group 1) on A and B. Non-ASCII bytes must stay untouched: they are characters
// of varying width, which the classes do not model.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_set.h"

namespace eventgen {

struct RegexProfile {
    bool analyzable = false;
    // Bytes each consuming element can match. ASCII membership is exact; bytes
    // 0x80-0xFF all stand for "some non-ASCII character" and are present together
    // whenever the element may match any non-ASCII character.
    std::vector<ByteSet> atoms;
    bool has_line_anchors = false;   // ^ $ \Z or multiline mode: '\n' matters
    bool has_word_boundary = false;  // \b \B: being a word character matters
    std::string reason;               // why not analyzable

    ByteSet alphabet() const;  // every byte some atom can match

    // Filled once by profile_regex so the per-cell questions of the sample compiler
    // are table lookups: the class of every byte, and the alphabet.
    bool summary_ready = false;
    std::array<int, 256> class_id{};
    std::vector<ByteSet> class_members;  // indexed by class_id
    ByteSet alphabet_cache;
};

// Computes class_id and alphabet_cache (profile_regex calls it).
void summarize_profile(RegexProfile& profile);

// Profiles a Python-syntax pattern (translated exactly as Regex::compile does).
// Patterns that do not compile are not analyzable.
RegexProfile profile_regex(std::string_view pattern);

// The partition of 0..255 into bytes no atom, anchor or boundary can tell apart,
// ordered by smallest member. With word boundaries, non-ASCII bytes (possible
// Unicode word characters) share no class with ASCII. A profile that is not
// analyzable yields 256 singletons.
std::vector<ByteSet> equivalence_classes(const RegexProfile& profile);

// True when every byte of `bytes` lies in one equivalence class (true if empty).
bool same_class(const RegexProfile& profile, const ByteSet& bytes);

// An ASCII member of `bytes` (printable preferred) when all of `bytes` lie in one
// class; -1 when they do not, or when `bytes` has no ASCII member.
int representative(const RegexProfile& profile, const ByteSet& bytes);

// An ASCII byte no atom matches, that is not '\n' when line anchors exist and not
// a word character when word boundaries exist (control characters preferred);
// -1 if there is none.
int sentinel(const RegexProfile& profile);

}  // namespace eventgen
