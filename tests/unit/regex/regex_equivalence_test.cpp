// The property the sample compiler relies on: replacing ASCII bytes by bytes of
// the same equivalence class never moves a match. Checked on random patterns.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "common/rng.h"
#include "regex/regex.h"
#include "regex/regex_profile.h"

namespace eventgen {
namespace {

template <size_t N>
const char* pick(Rng& rng, const char* const (&options)[N]) {
    return options[rng.below(N)];
}

// Random patterns from the constructs profile_regex claims to handle.
class PatternGen {
public:
    explicit PatternGen(Rng& rng) : rng_(rng) {}

    std::string pattern() {
        static const char* const kPrefix[] = {"", "", "", "", "(?i)", "(?s)", "(?m)"};
        return pick(rng_, kPrefix) + alternation(0);
    }

private:
    std::string alternation(int depth) {
        std::string out = sequence(depth);
        while (rng_.below(5) == 0) out += "|" + sequence(depth);
        return out;
    }
    std::string sequence(int depth) {
        std::string out;
        for (uint64_t n = 1 + rng_.below(4); n > 0; --n) out += item(depth);
        return out;
    }
    std::string item(int depth) {
        static const char* const kLiteral[] = {"0", "9", "a", "Z", "x", ":", "-", " ", "_",
                                               "\\n", "\\.", "\\-", "\\ "};
        static const char* const kEscape[] = {"\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "."};
        static const char* const kAnchor[] = {"^", "$", "\\A", "\\Z", "\\b", "\\B"};
        static const char* const kOpen[] = {"(", "(", "(?:", "(?P<g>", "(?i:", "(?>"};
        switch (rng_.below(depth < 3 ? 6 : 5)) {
            case 0: return pick(rng_, kLiteral) + quantifier();
            case 1: return pick(rng_, kEscape) + quantifier();
            case 2: return char_class() + quantifier();
            case 3: return pick(rng_, kAnchor);
            case 4: return pick(rng_, kLiteral);
            default: {
                std::string open = pick(rng_, kOpen);
                if (open == "(?P<g>") open = "(?P<g" + std::to_string(group_id_++) + ">";
                return open + alternation(depth + 1) + ")" + quantifier();
            }
        }
    }
    std::string char_class() {
        static const char* const kMember[] = {"0-9", "a-z", "A-Z", ":", "\\-", "_", " ",
                                              "\\d", "\\s", "\\w", ".", "\\n", "Z",
                                              "[:alpha:]", "[:digit:]", "[:punct:]", "[:space:]"};
        std::string out = rng_.below(3) == 0 ? "[^" : "[";
        for (uint64_t n = 1 + rng_.below(3); n > 0; --n) out += pick(rng_, kMember);
        return out + "]";
    }
    std::string quantifier() {
        static const char* const kQuant[] = {"*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{,2}"};
        static const char* const kSuffix[] = {"", "", "?", "+"};
        if (rng_.below(2) == 0) return "";
        return std::string(pick(rng_, kQuant)) + pick(rng_, kSuffix);
    }

    Rng& rng_;
    int group_id_ = 0;
};

using Spans = std::vector<std::tuple<size_t, size_t, bool, size_t, size_t>>;

// A match-limit failure is an outcome too: equivalent strings must share it.
Spans spans(const Regex& re, std::string_view s) {
    std::vector<Match> ms;
    try {
        re.find_all(s, ms);
    } catch (const std::runtime_error&) {
        return {{SIZE_MAX, SIZE_MAX, false, 0, 0}};
    }
    Spans out;
    for (const auto& m : ms) out.emplace_back(m.start, m.end, m.has_group1, m.g1_start, m.g1_end);
    return out;
}

std::string random_subject(Rng& rng) {
    static const char* const kPieces[] = {"0", "9", "a", "Z", ":", "-", " ", "_", "\n", ".",
                                          "x", "\xC3\xA9"};
    std::string s;
    for (uint64_t n = rng.below(17); n > 0; --n) s += pick(rng, kPieces);
    return s;
}

// Replaces each ASCII byte by a random ASCII byte of its class; keeps others.
std::string remap(const std::string& s, const std::vector<ByteSet>& classes, Rng& rng) {
    std::string out = s;
    for (auto& ch : out) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0x80) continue;
        for (const auto& c : classes) {
            if (!c.contains(b)) continue;
            std::vector<char> ascii;
            for (int x = 0; x < 128; ++x)
                if (c.contains(static_cast<unsigned char>(x))) ascii.push_back(static_cast<char>(x));
            ch = ascii[rng.below(ascii.size())];
            break;
        }
    }
    return out;
}

// Searches for two class-equivalent strings on which the regex matches differently.
std::optional<std::pair<std::string, std::string>> counterexample(const Regex& re,
                                                                   const RegexProfile& profile,
                                                                   Rng& rng, int tries) {
    const auto classes = equivalence_classes(profile);
    for (int t = 0; t < tries; ++t) {
        const std::string a = random_subject(rng);
        const std::string b = remap(a, classes, rng);
        if (spans(re, a) != spans(re, b)) return std::make_pair(a, b);
    }
    return std::nullopt;
}

TEST(RegexEquivalence, EquivalentStringsMatchAtTheSamePlaces) {
    Rng rng(20240607);
    PatternGen gen(rng);
    int compiled = 0;
    constexpr int kPatterns = 3000;
    for (int i = 0; i < kPatterns; ++i) {
        const std::string pattern = gen.pattern();
        std::optional<Regex> re;
        try {
            re = Regex::compile(pattern);
        } catch (const RegexError&) {
            continue;  // e.g. a quantifier PCRE2 refuses after an anchor-only group
        }
        ++compiled;
        const RegexProfile profile = profile_regex(pattern);
        ASSERT_TRUE(profile.analyzable) << pattern << ": " << profile.reason;
        const auto bad = counterexample(*re, profile, rng, 30);
        ASSERT_FALSE(bad.has_value())
            << "pattern " << pattern << "\nA: '" << bad->first << "'\nB: '" << bad->second << "'";
    }
    EXPECT_GT(compiled, kPatterns * 9 / 10);
}

// The check above must be able to fail: weakening a profile is caught.
TEST(RegexEquivalence, HarnessDetectsUnsoundProfiles) {
    Rng rng(7);
    struct Case {
        const char* pattern;
        void (*weaken)(RegexProfile&);
    };
    const Case cases[] = {
        {"\\d+:", [](RegexProfile& p) { p.atoms.pop_back(); }},
        {"a\\b", [](RegexProfile& p) { p.has_word_boundary = false; }},
        {"[.:]$", [](RegexProfile& p) { p.has_line_anchors = false; }},
        {"(?i)a", [](RegexProfile& p) { p.atoms = {ByteSet::of("a")}; }},
    };
    for (const auto& c : cases) {
        const Regex re = Regex::compile(c.pattern);
        RegexProfile profile = profile_regex(c.pattern);
        ASSERT_TRUE(profile.analyzable);
        EXPECT_FALSE(counterexample(re, profile, rng, 2000).has_value()) << c.pattern;
        c.weaken(profile);
        EXPECT_TRUE(counterexample(re, profile, rng, 2000).has_value()) << c.pattern;
    }
}

}  // namespace
}  // namespace eventgen
