#include "regex/regex.h"

#include <gtest/gtest.h>

#include <thread>
#include <utility>

namespace eventgen {
namespace {

using Span = std::pair<size_t, size_t>;

std::vector<Span> spans(const Regex& re, std::string_view subject) {
    std::vector<Match> ms;
    re.find_all(subject, ms);
    std::vector<Span> out;
    for (const auto& m : ms) out.emplace_back(m.start, m.end);
    return out;
}

TEST(Regex, ProbeTellsAttemptsThatRunIntoTheEnd) {
    // The template proof relies on these: an attempt that reaches the end is Partial,
    // even when the pattern is longer than the subject (no minimum-length shortcut).
    const Regex re = Regex::compile("(DDDD)");
    Match m;
    EXPECT_EQ(re.probe("xD", 0, m), Regex::Probe::Partial);
    EXPECT_EQ(m.start, 1u);
    EXPECT_EQ(re.probe("Dec", 0, m), Regex::Probe::None);
    EXPECT_EQ(re.probe("aDDDDb", 0, m), Regex::Probe::Match);
    // Anchored: only the attempt at `from` counts.
    EXPECT_EQ(re.probe("xD", 0, m, true), Regex::Probe::None);
    EXPECT_EQ(re.probe("DD", 0, m, true), Regex::Probe::Partial);
    EXPECT_EQ(re.probe("xDDDD", 1, m, true), Regex::Probe::Match);
    EXPECT_EQ(m.start, 1u);
}

TEST(Regex, CompileErrorCarriesOffsetAndMessage) {
    try {
        Regex::compile("ab(c");
        FAIL() << "expected RegexError";
    } catch (const RegexError& e) {
        EXPECT_EQ(e.offset(), 4u);
        EXPECT_EQ(std::string(e.what()).rfind("bad regex at offset 4: ", 0), 0u) << e.what();
        EXPECT_NE(e.detail().find("missing closing parenthesis"), std::string::npos);
    }
}

TEST(Regex, CompileErrorOffsetRefersToOriginalPattern) {
    // \v and \s are rewritten to longer text; the offset must still point at "(?<".
    try {
        Regex::compile("\\v\\s(?<");
        FAIL() << "expected RegexError";
    } catch (const RegexError& e) {
        EXPECT_GE(e.offset(), 4u);
        EXPECT_LE(e.offset(), 7u);
    }
    EXPECT_THROW(Regex::compile("a{2,1}"), RegexError);
    EXPECT_THROW(Regex::compile("*"), RegexError);
    EXPECT_THROW(Regex::compile("(?P<n>a)(?P=m)"), RegexError);
}

TEST(Regex, SearchReportsGroupOneOnlyWhenItParticipated) {
    const Regex re = Regex::compile("userid=(\\S+)|anon");
    Match m;
    ASSERT_TRUE(re.search("x userid=bob y", 0, m));
    EXPECT_EQ(m.start, 2u);
    EXPECT_EQ(m.end, 12u);
    EXPECT_TRUE(m.has_group1);
    EXPECT_EQ(m.replace_start(), 9u);
    EXPECT_EQ(m.replace_end(), 12u);

    ASSERT_TRUE(re.search("x anon", 0, m));
    EXPECT_FALSE(m.has_group1);
    EXPECT_EQ(m.replace_start(), 2u);
    EXPECT_EQ(m.replace_end(), 6u);
    EXPECT_FALSE(re.search("nothing", 0, m));
}

TEST(Regex, GroupOneFoundEvenWithManyGroups) {
    const Regex re = Regex::compile("(a)(b)(c)(d)");
    EXPECT_EQ(re.capture_count(), 4);
    Match m;
    ASSERT_TRUE(re.search("xabcd", 0, m));
    EXPECT_TRUE(m.has_group1);
    EXPECT_EQ(m.g1_start, 1u);
    EXPECT_EQ(m.g1_end, 2u);
}

TEST(Regex, SearchFromOffsetKeepsCaretAtRealStart) {
    const Regex re = Regex::compile("^a");
    Match m;
    EXPECT_TRUE(re.search("aa", 0, m));
    EXPECT_FALSE(re.search("aa", 1, m));
    EXPECT_FALSE(re.search("aa", 3, m));  // past the end
}

TEST(Regex, FindAllEmptyMatchesFollowPython) {
    const Regex re = Regex::compile("a*");
    EXPECT_EQ(spans(re, "baac"), (std::vector<Span>{{0, 0}, {1, 3}, {3, 3}, {4, 4}}));
    EXPECT_EQ(spans(re, ""), (std::vector<Span>{{0, 0}}));
    // re.finditer(r'\b', 'ab cd') -> 0, 2, 3, 5
    EXPECT_EQ(spans(Regex::compile("\\b"), "ab cd"),
              (std::vector<Span>{{0, 0}, {2, 2}, {3, 3}, {5, 5}}));
    // After an empty match, a non-empty one may start at the same place:
    // [m.span() for m in re.finditer(r'|a', 'aa')]
    EXPECT_EQ(spans(Regex::compile("|a"), "aa"),
              (std::vector<Span>{{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}}));
}

TEST(Regex, EmptyMatchAdvancesOneCodePoint) {
    // "é" is two bytes; Python steps over whole characters.
    EXPECT_EQ(spans(Regex::compile("x*"), "\xC3\xA9"), (std::vector<Span>{{0, 0}, {2, 2}}));
}

TEST(Regex, FindAllReplacesOutput) {
    std::vector<Match> out(3);
    Regex::compile("z").find_all("abc", out);
    EXPECT_TRUE(out.empty());
}

TEST(Regex, InvalidUtf8SubjectDoesNotError) {
    const Regex re = Regex::compile("\\d+");
    const std::string subject = "\xFF\xFE 12 \xC3 3\x80";
    EXPECT_EQ(spans(re, subject), (std::vector<Span>{{3, 5}, {8, 9}}));
    EXPECT_EQ(spans(Regex::compile("."), "\xFF" "a").size(), 1u);
    Match m;
    EXPECT_TRUE(re.search("\xC3\xA9" "5", 1, m));  // starting inside a character
    EXPECT_EQ(m.start, 2u);
}

TEST(Regex, PythonSyntax) {
    Match m;
    // \Z is end of string only in Python (PCRE2's \Z also matches before a final \n).
    EXPECT_FALSE(Regex::compile("a\\Z").search("a\n", 0, m));
    EXPECT_TRUE(Regex::compile("a$").search("a\n", 0, m));
    // Python's \v is one character, not PCRE2's vertical-space class.
    EXPECT_FALSE(Regex::compile("\\v").search("\n", 0, m));
    EXPECT_TRUE(Regex::compile("[\\v]").search("\x0b", 0, m));
    EXPECT_TRUE(Regex::compile("\\u00e9").search("caf\xC3\xA9", 0, m));
    EXPECT_EQ(m.start, 3u);
    EXPECT_TRUE(Regex::compile("x{,2}y").search("xxy", 0, m));
    EXPECT_EQ(m.start, 0u);
    EXPECT_TRUE(Regex::compile("(?P<word>\\w+) (?P=word)").search("hey hey", 0, m));
    EXPECT_TRUE(Regex::compile("\\s").search("\x1c", 0, m));   // Python: whitespace
    EXPECT_FALSE(Regex::compile("\\S").search("\x1c", 0, m));
    EXPECT_TRUE(Regex::compile("\\d").search("\xD9\xA3", 0, m));  // ARABIC-INDIC THREE
    EXPECT_TRUE(Regex::compile("\\w").search("\xC3\xA9", 0, m));
    EXPECT_FALSE(Regex::compile("a.b").search("a\nb", 0, m));
    EXPECT_TRUE(Regex::compile("a.b").search("a\rb", 0, m));
}

TEST(Regex, InfoAndJit) {
    const Regex re = Regex::compile("(\\d{2}):(\\d{2})");
    EXPECT_EQ(re.capture_count(), 2);
    EXPECT_EQ(re.min_match_length(), 5u);
    EXPECT_EQ(re.pattern(), "(\\d{2}):(\\d{2})");
    EXPECT_TRUE(re.jit_compiled());
    EXPECT_EQ(Regex::compile("\\Z").pcre2_pattern(), "\\z");
}

TEST(Regex, CopiesShareCodeAndWorkAcrossThreads) {
    const Regex re = Regex::compile("\\d+");
    const Regex copy = re;  // NOLINT: exercising the copy
    std::vector<std::vector<Span>> results(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) results[t] = spans(copy, "a1 22 333");
        });
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, (std::vector<Span>{{1, 2}, {3, 5}, {6, 9}}));
}

}  // namespace
}  // namespace eventgen
