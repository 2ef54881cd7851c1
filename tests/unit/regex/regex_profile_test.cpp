#include "regex/regex_profile.h"

#include <gtest/gtest.h>

namespace eventgen {
namespace {

const ByteSet kDigitAtom = ByteSet::digits() | ByteSet::non_ascii();

bool has_atom(const RegexProfile& p, const ByteSet& atom) {
    for (const auto& a : p.atoms)
        if (a == atom) return true;
    return false;
}

ByteSet one(char c) { return ByteSet::of(std::string_view(&c, 1)); }

TEST(RegexProfile, Timestamp) {
    const auto p = profile_regex("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.atoms.size(), 4u);  // \d, '-', ' ', ':' (duplicates merged)
    EXPECT_TRUE(has_atom(p, kDigitAtom));
    EXPECT_TRUE(has_atom(p, one('-')));
    EXPECT_TRUE(has_atom(p, one(' ')));
    EXPECT_TRUE(has_atom(p, one(':')));
    EXPECT_FALSE(p.has_line_anchors);
    EXPECT_FALSE(p.has_word_boundary);
}

TEST(RegexProfile, PlainReplacementMarkers) {
    for (const char* pattern : {"@@int1", "##token##", "\\$host\\$"}) {
        const auto p = profile_regex(pattern);
        ASSERT_TRUE(p.analyzable) << pattern << ": " << p.reason;
        std::string text = pattern;
        std::erase(text, '\\');
        EXPECT_EQ(p.alphabet(), ByteSet::of(text)) << pattern;
        EXPECT_FALSE(p.has_line_anchors) << pattern;
    }
}

TEST(RegexProfile, IpAddressGroup) {
    const auto p = profile_regex("(\\d+\\.\\d+\\.\\d+\\.\\d+)");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.atoms.size(), 2u);
    EXPECT_TRUE(has_atom(p, one('.')));
    EXPECT_TRUE(has_atom(p, kDigitAtom));
}

TEST(RegexProfile, SyslogAndApacheTimestamps) {
    auto p = profile_regex("\\w{3}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}");
    ASSERT_TRUE(p.analyzable) << p.reason;
    // Python's \s also covers the separators 0x1C-0x1F.
    EXPECT_TRUE(has_atom(p, ByteSet::of("\t\n\v\f\r \x1c\x1d\x1e\x1f") | ByteSet::non_ascii()));
    EXPECT_TRUE(has_atom(p, ByteSet::letters() | ByteSet::digits() | one('_') |
                                ByteSet::non_ascii()));

    p = profile_regex("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2}.\\d{3,6}");
    ASSERT_TRUE(p.analyzable) << p.reason;
    ByteSet dot = ByteSet::all();
    dot.remove('\n');
    EXPECT_TRUE(has_atom(p, dot));
    EXPECT_TRUE(has_atom(p, one('/')));
}

TEST(RegexProfile, CapturingTokens) {
    auto p = profile_regex("userid=(\\S+)");
    ASSERT_TRUE(p.analyzable) << p.reason;
    const ByteSet non_space = p.atoms.back();
    EXPECT_FALSE(non_space.contains(' '));
    EXPECT_FALSE(non_space.contains(0x1c));
    EXPECT_TRUE(non_space.contains('x'));
    EXPECT_TRUE(non_space.contains(0x80));

    p = profile_regex("\\[(\\d+)\\]");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.alphabet(), ByteSet::of("[]") | kDigitAtom);
}

TEST(RegexProfile, RejectsWhatAtomsCannotDescribe) {
    for (const char* pattern :
         {"(?<=x)y", "(a)\\1", "(?P<n>a)(?P=n)", "(?=a)", "a(?!b)", "(?<!a)b", "(a)\\g1",
          "(?<n>a)\\k<n>", "(a)(?(1)b|c)", "(a|(?R))", "(a)(?1)", "(?P<n>a)(?P>n)", "(?x)a b",
          "\\p{L}", "\\X", "\\R", "\\h", "\\N", "\\Ga", "a\\Kb", "(*ANY)a", "(?C1)a",
          "(?|(a)|(b))", "[[.a.]]", "(?i)[[:lower:]]", "a\\cA", "[a\\8]"}) {
        const auto p = profile_regex(pattern);
        EXPECT_FALSE(p.analyzable) << pattern;
        EXPECT_FALSE(p.reason.empty()) << pattern;
        EXPECT_TRUE(p.atoms.empty()) << pattern;
    }
}

TEST(RegexProfile, CompileErrorIsNotAnalyzable) {
    const auto p = profile_regex("a(b");
    EXPECT_FALSE(p.analyzable);
    EXPECT_NE(p.reason.find("bad regex at offset"), std::string::npos);
}

TEST(RegexProfile, Anchors) {
    auto p = profile_regex("^a$");
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(p.has_line_anchors);
    EXPECT_FALSE(p.has_word_boundary);
    p = profile_regex("\\bfoo\\B");
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(p.has_word_boundary);
    EXPECT_FALSE(p.has_line_anchors);
    // Python's \A and \Z look only at the ends of the string, never at '\n'.
    p = profile_regex("\\Aa\\Z");
    ASSERT_TRUE(p.analyzable);
    EXPECT_FALSE(p.has_line_anchors);
    p = profile_regex("(?m)a");
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(p.has_line_anchors);
}

TEST(RegexProfile, GroupsQuantifiersAndLiteralBraces) {
    const auto p = profile_regex(
        "(?:a|b)*?(?P<x>c)+?(?<y>d)?+(?'z'e){2}+(?>f)g{1,}h{,3}i{2,3}?(?#note [)j{,k{}");
    ASSERT_TRUE(p.analyzable) << p.reason;
    // {,3} is a quantifier in Python; "{," and "{}" are literal braces.
    EXPECT_EQ(p.alphabet(), ByteSet::range('a', 'k') | ByteSet::of("{,}"));
}

TEST(RegexProfile, CharacterClasses) {
    auto p = profile_regex("[^a-z\\d]");
    ASSERT_TRUE(p.analyzable);
    ASSERT_EQ(p.atoms.size(), 1u);
    EXPECT_FALSE(p.atoms[0].contains('q'));
    EXPECT_FALSE(p.atoms[0].contains('5'));
    EXPECT_TRUE(p.atoms[0].contains('\n'));  // negated classes match newlines
    EXPECT_TRUE(p.atoms[0].contains(0xC3));

    p = profile_regex("[]a-]");
    ASSERT_TRUE(p.analyzable);
    EXPECT_EQ(p.atoms[0], ByteSet::of("]a-"));

    p = profile_regex("[[:alpha:][:^ascii:]_]");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.atoms[0], ByteSet::letters() | one('_') | ByteSet::non_ascii());

    p = profile_regex("[\\x41-\\x{43}\\101\\0\\t\\b\\.]");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.atoms[0], ByteSet::of("ABC") | ByteSet::of(std::string_view("\0\t\b.", 4)));
}

TEST(RegexProfile, NonAsciiLiteralsCoverAllHighBytes) {
    const auto p = profile_regex("caf\xC3\xA9");
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(has_atom(p, ByteSet::non_ascii()));
    EXPECT_EQ(p.atoms.size(), 4u);
}

TEST(RegexProfile, CaselessFoldsLetters) {
    auto p = profile_regex("(?i)a[b-c]");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_TRUE(has_atom(p, ByteSet::of("aA")));
    EXPECT_TRUE(has_atom(p, ByteSet::of("bcBC")));
    // k and s have non-ASCII case partners (KELVIN SIGN, LONG S).
    p = profile_regex("(?i:k)x");
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(has_atom(p, ByteSet::of("kK") | ByteSet::non_ascii()));
    EXPECT_TRUE(has_atom(p, one('x')));  // the scoped flag ended with the group
    p = profile_regex("(?i)[^\\x{212A}]");
    ASSERT_TRUE(p.analyzable);
    EXPECT_FALSE(p.atoms[0].contains('k'));
    EXPECT_FALSE(p.atoms[0].contains('K'));
    p = profile_regex("(a(?i)b|c)");  // option changes carry into later branches
    ASSERT_TRUE(p.analyzable);
    EXPECT_TRUE(has_atom(p, ByteSet::of("cC")));
    EXPECT_TRUE(has_atom(p, one('a')));
}

TEST(RegexProfile, QuotedText) {
    const auto p = profile_regex("\\Q.*\\E+\\E");
    ASSERT_TRUE(p.analyzable) << p.reason;
    EXPECT_EQ(p.alphabet(), ByteSet::of(".*"));
    EXPECT_FALSE(profile_regex("[\\Qa\\E]").analyzable);
}

TEST(RegexProfile, DotAll) {
    const auto p = profile_regex("(?s).");
    ASSERT_TRUE(p.analyzable);
    EXPECT_EQ(p.atoms[0], ByteSet::all());
}

}  // namespace
}  // namespace eventgen
