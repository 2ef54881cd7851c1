// Checks every single-element pattern's atom against what PCRE2 really matches,
// byte by byte over ASCII, plus a few non-ASCII characters.
#include <gtest/gtest.h>

#include "regex/regex.h"
#include "regex/regex_profile.h"

namespace eventgen {
namespace {

bool full_match(const Regex& re, std::string_view s) {
    Match m;
    return re.search(s, 0, m) && m.start == 0 && m.end == s.size();
}

// `element` must consume exactly one character; `prefix` sets options.
void expect_exact_atom(const std::string& prefix, const std::string& element) {
    SCOPED_TRACE(prefix + element);
    const auto p = profile_regex(prefix + element);
    ASSERT_TRUE(p.analyzable) << p.reason;
    ASSERT_EQ(p.atoms.size(), 1u);
    const ByteSet atom = p.atoms[0];
    const Regex re = Regex::compile(prefix + "\\A(?:" + element + ")\\Z");
    for (int b = 0; b < 128; ++b) {
        const char c = static_cast<char>(b);
        EXPECT_EQ(atom.contains(static_cast<unsigned char>(b)), full_match(re, std::string_view(&c, 1)))
            << "byte " << b;
    }
    if (atom.contains(0x80)) return;  // the atom may cover non-ASCII: nothing to refute
    EXPECT_EQ((atom & ByteSet::non_ascii()), ByteSet());
    for (const char* other : {"\xC3\xA9", "\xC3\x9F", "\xE2\x84\xAA", "\xC5\xBF", "\xC2\xA0",
                              "\xD9\xA3", "\xE2\x80\xA8", "\xC2\x85", "\xF0\x9F\x98\x80"})
        EXPECT_FALSE(full_match(re, other)) << "matches non-ASCII " << other;
}

TEST(RegexAtoms, EscapesMatchPcre2Exactly) {
    for (const char* e : {"\\d", "\\D", "\\w", "\\W", "\\s", "\\S", ".", "\\.", "\\t", "\\n",
                          "\\r", "\\f", "\\v", "\\a", "\\x41", "\\x{7e}", "\\x7", "\\0",
                          "\\012", "\\o{101}", "\\u0041", "\\-", "\\ ", "\\#", "\\{", "{", "}",
                          "]", "#", " ", "\xC3\xA9", "\\\xC3\xA9", "\\x{E9}"})
        expect_exact_atom("", e);
}

TEST(RegexAtoms, ClassesMatchPcre2Exactly) {
    for (const char* e :
         {"[abc]", "[^abc]", "[a-f0-9]", "[^\\d]", "[\\w.-]", "[%--]", "[--/]", "[a-z-9]",
          "[]a]", "[^]a]", "[a-]", "[-a]", "[\\]-a]", "[[a]", "[[:alpha]", "[[:a]",
          "[\\^]", "[x^]", "[\\b]", "[\\1-\\7]", "[\\0-\\x1f]", "[\\s]", "[^\\s]",
          "[\\S]", "[\\v]", "[^\\v]", "[\\x00-\\x{10FFFF}]", "[a-\\x{E9}]", "[\xC3\xA9]",
          "[^\xC3\xA9]", "[\\d\\D]", "[^\\w\\W]", "[.]", "[$^]", "[|()*+?{}]"})
        expect_exact_atom("", e);
}

TEST(RegexAtoms, PosixClassesMatchPcre2Exactly) {
    for (const char* name : {"alpha", "digit", "alnum", "word", "space", "blank", "cntrl",
                             "punct", "graph", "print", "xdigit", "ascii", "lower", "upper"}) {
        expect_exact_atom("", std::string("[[:") + name + ":]]");
        expect_exact_atom("", std::string("[[:^") + name + ":]]");
        expect_exact_atom("", std::string("[^[:") + name + ":]]");
    }
}

TEST(RegexAtoms, CaselessAndDotallMatchPcre2Exactly) {
    for (const char* e : {"a", "Z", "k", "s", "1", "[a-c]", "[^k]", "[^S]", "[Z-a]", "[^Z-a]",
                          "\\x{212A}", "\\x{17F}", "[\\x{100}-\\x{2200}]", "[^\\x{212A}]",
                          "[^\\x{17F}]", "\\w", "[[:alpha:]]", "[^[:punct:]]", ".", "\\x41",
                          "[\\x41-\\x43]", "\\Qk\\E"})
        expect_exact_atom("(?i)", e);
    expect_exact_atom("(?s)", ".");
    expect_exact_atom("(?is)", "[^x]");
    expect_exact_atom("(?i)(?-i)", "a");
    expect_exact_atom("(?i)(?^)", "a");
}

}  // namespace
}  // namespace eventgen
