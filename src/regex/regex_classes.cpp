// Byte equivalence classes of a RegexProfile (declared in regex_profile.h).
#include <array>
#include <map>

#include "regex/char_sets.h"
#include "regex/regex_profile.h"

namespace eventgen {
namespace {

struct Partition {
    std::array<int, 256> id{};
    std::vector<ByteSet> classes;
};

// Bytes share a class when every distinguishing set holds both or neither.
Partition partition(const RegexProfile& profile) {
    Partition out;
    if (!profile.analyzable) {
        // Nothing is proven about the regex, so no two bytes may be swapped.
        for (int b = 0; b < 256; ++b) {
            out.id[b] = b;
            out.classes.push_back(ByteSet::range(static_cast<unsigned char>(b),
                                                 static_cast<unsigned char>(b)));
        }
        return out;
    }
    std::vector<ByteSet> splitters = profile.atoms;
    if (profile.has_word_boundary) {
        splitters.push_back(char_sets::word());
        // A non-ASCII character may be a word character or not: keep it apart from both.
        splitters.push_back(ByteSet::non_ascii());
    }
    if (profile.has_line_anchors) splitters.push_back(ByteSet::of("\n"));
    std::map<std::vector<bool>, int> index;
    for (int b = 0; b < 256; ++b) {
        std::vector<bool> signature;
        signature.reserve(splitters.size());
        for (const auto& s : splitters) signature.push_back(s.contains(static_cast<unsigned char>(b)));
        const auto [it, added] = index.emplace(std::move(signature), static_cast<int>(out.classes.size()));
        if (added) out.classes.emplace_back();
        out.classes[it->second].add(static_cast<unsigned char>(b));
        out.id[b] = it->second;
    }
    return out;
}

bool one_class(const Partition& p, const ByteSet& bytes) {
    const int first = bytes.first();
    if (first < 0) return true;
    for (int b = first + 1; b < 256; ++b)
        if (bytes.contains(static_cast<unsigned char>(b)) && p.id[b] != p.id[first]) return false;
    return true;
}

}  // namespace

std::vector<ByteSet> equivalence_classes(const RegexProfile& profile) {
    return partition(profile).classes;
}

void summarize_profile(RegexProfile& profile) {
    ByteSet alpha;
    for (const auto& a : profile.atoms) alpha.add(a);
    profile.alphabet_cache = alpha;
    Partition p = partition(profile);
    profile.class_id = p.id;
    profile.class_members = std::move(p.classes);
    profile.summary_ready = true;
}

bool same_class(const RegexProfile& profile, const ByteSet& bytes) {
    if (!profile.summary_ready) return one_class(partition(profile), bytes);
    const int first = bytes.first();
    return first < 0 || bytes.subset_of(profile.class_members[profile.class_id[first]]);
}

int representative(const RegexProfile& profile, const ByteSet& bytes) {
    if (bytes.empty() || !same_class(profile, bytes)) return -1;
    // Printable bytes keep representative strings readable when debugging.
    static const ByteSet kPrintable = ByteSet::range(0x20, 0x7E);
    const int printable = (bytes & kPrintable).first();
    return printable >= 0 ? printable : (bytes & char_sets::ascii()).first();
}

int sentinel(const RegexProfile& profile) {
    if (!profile.analyzable) return -1;
    const ByteSet used = profile.alphabet();
    auto usable = [&](int b) {
        const auto c = static_cast<unsigned char>(b);
        if (used.contains(c)) return false;
        if (profile.has_line_anchors && c == '\n') return false;
        return !(profile.has_word_boundary && char_sets::word().contains(c));
    };
    // Control characters first: they rarely occur in samples or generated values.
    for (int b = 0x01; b <= 0x08; ++b)
        if (usable(b)) return b;
    for (int b = 0x0E; b <= 0x1F; ++b)
        if (usable(b)) return b;
    for (int b : {0x7F, 0x00})
        if (usable(b)) return b;
    for (int b = 0x09; b <= 0x7E; ++b)
        if (usable(b)) return b;
    return -1;
}

}  // namespace eventgen
