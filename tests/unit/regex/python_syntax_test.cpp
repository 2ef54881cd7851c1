#include "regex/python_syntax.h"

#include <gtest/gtest.h>

namespace eventgen {
namespace {

std::string tr(std::string_view p) { return translate_python_pattern(p).text; }

TEST(PythonSyntax, PassesCommonSyntaxThrough) {
    for (const char* p : {"", "abc", "(?P<n>\\d+)(?P=n)", "\\d{2,4}?", "[^\\]\\d]", "a{1}",
                          "\\$host\\$", "\\z\\A\\b", "x{", "x{}", "x{1,", "[[:alpha:]]"})
        EXPECT_EQ(tr(p), p);
}

TEST(PythonSyntax, RewritesPythonOnlyEscapes) {
    EXPECT_EQ(tr("a\\Z"), "a\\z");
    EXPECT_EQ(tr("[\\Z]"), "[\\Z]");  // left for PCRE2 to reject, as Python does
    EXPECT_EQ(tr("\\v[\\v]"), "\\x0b[\\x0b]");
    EXPECT_EQ(tr("\\u00e9[\\U0001F600]"), "\\x{00e9}[\\x{0001F600}]");
    EXPECT_EQ(tr("\\u00g9"), "\\u00g9");  // malformed: PCRE2 reports it
    EXPECT_EQ(tr("\\s\\S[\\s\\S]"), "[\\x1c-\\x1f\\s][^\\x1c-\\x1f\\s][\\x1c-\\x1f\\s\\S]");
}

TEST(PythonSyntax, RewritesOpenLowerBoundQuantifiers) {
    EXPECT_EQ(tr("a{,3}"), "a{0,3}");
    EXPECT_EQ(tr("a{,}"), "a{0,}");
    EXPECT_EQ(tr("a{,x}"), "a{,x}");
    EXPECT_EQ(tr("[{,3}]"), "[{,3}]");
}

TEST(PythonSyntax, TracksContextSoOnlyRealSyntaxChanges) {
    EXPECT_EQ(tr("\\\\Z"), "\\\\Z");                 // escaped backslash, then 'Z'
    EXPECT_EQ(tr("[]\\Z]"), "[]\\Z]");               // ']' first is a member
    EXPECT_EQ(tr("[[:alpha:]]\\Z"), "[[:alpha:]]\\z");  // POSIX ']' does not end the class
    EXPECT_EQ(tr("[[]\\Z"), "[[]\\z");
    EXPECT_EQ(tr("(?#[)\\Z"), "(?#[)\\z");
    EXPECT_EQ(tr("\\Q[\\E\\Z"), "\\Q[\\E\\z");
}

TEST(PythonSyntax, MapsOffsetsBack) {
    const auto t = translate_python_pattern("\\va(");
    ASSERT_EQ(t.text, "\\x0ba(");
    EXPECT_EQ(t.original_offset(0, 4), 0u);
    EXPECT_EQ(t.original_offset(3, 4), 0u);
    EXPECT_EQ(t.original_offset(4, 4), 2u);
    EXPECT_EQ(t.original_offset(5, 4), 3u);
    EXPECT_EQ(t.original_offset(6, 4), 4u);
}

}  // namespace
}  // namespace eventgen
