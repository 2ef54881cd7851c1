#include <gtest/gtest.h>

#include "common/rng.h"
#include "regex/regex_profile.h"

namespace eventgen {
namespace {

size_t class_count(const RegexProfile& p) { return equivalence_classes(p).size(); }

TEST(RegexClasses, PartitionCoversEveryByteOnce) {
    const auto p = profile_regex("\\d{2}:[a-f]+\\b");
    ASSERT_TRUE(p.analyzable);
    const auto classes = equivalence_classes(p);
    ByteSet seen;
    size_t total = 0;
    for (const auto& c : classes) {
        EXPECT_FALSE(c.empty());
        EXPECT_FALSE(seen.intersects(c));
        seen.add(c);
        total += c.count();
    }
    EXPECT_EQ(total, 256u);
    EXPECT_EQ(seen, ByteSet::all());
}

// same_class answers from the class of the set's first byte; checked against the
// definition (every member in one of equivalence_classes) and first() against a scan,
// for random sets of every size, ASCII and not, under profiles with boundaries,
// anchors and none.
TEST(RegexClasses, SameClassAndFirstAgreeWithTheirDefinitions) {
    for (const char* pattern : {"\\d{2}:[a-f]+\\b", "^\\w+ \\S+$", "[A-Z]{3}-\\d+", "(?i)get|post"}) {
        const auto p = profile_regex(pattern);
        ASSERT_TRUE(p.analyzable) << pattern;
        const auto classes = equivalence_classes(p);
        Rng rng(7);
        for (int trial = 0; trial < 4000; ++trial) {
            ByteSet bytes;
            const uint64_t members = rng.below(6);
            const unsigned top = trial % 2 ? 256 : 128;
            for (uint64_t k = 0; k < members; ++k) bytes.add(static_cast<unsigned char>(rng.below(top)));
            int scanned = -1;
            for (int b = 255; b >= 0; --b)
                if (bytes.contains(static_cast<unsigned char>(b))) scanned = b;
            ASSERT_EQ(bytes.first(), scanned);
            bool in_one = bytes.empty();
            for (const ByteSet& c : classes) in_one = in_one || bytes.subset_of(c);
            ASSERT_EQ(same_class(p, bytes), in_one) << pattern << " trial " << trial;
        }
    }
}

TEST(RegexClasses, DigitsAndColon) {
    const auto p = profile_regex("\\d{2}:\\d{2}");
    ASSERT_TRUE(p.analyzable);
    // digits+non-ASCII, ':', everything else
    EXPECT_EQ(class_count(p), 3u);
    EXPECT_TRUE(same_class(p, ByteSet::digits()));
    EXPECT_FALSE(same_class(p, ByteSet::of("0:")));
    EXPECT_TRUE(same_class(p, ByteSet::of("aZ \n")));
    EXPECT_TRUE(same_class(p, ByteSet()));
}

TEST(RegexClasses, WordBoundarySplitsWordBytes) {
    const auto p = profile_regex("\\bx");
    ASSERT_TRUE(p.analyzable);
    EXPECT_FALSE(same_class(p, ByteSet::of("a ")));
    EXPECT_TRUE(same_class(p, ByteSet::of("a9_")));
    EXPECT_TRUE(same_class(p, ByteSet::of(" -")));
    EXPECT_FALSE(same_class(p, ByteSet::of("ax")));
    // "\xC3\xA9" is a word character to PCRE2's \b, so it matches neither group.
    EXPECT_FALSE(same_class(p, ByteSet::of(" \xC3")));
    EXPECT_FALSE(same_class(p, ByteSet::of("a\xC3")));
}

TEST(RegexClasses, LineAnchorsIsolateNewline) {
    const auto with = profile_regex("a$");
    const auto without = profile_regex("a\\Z");
    ASSERT_TRUE(with.analyzable);
    ASSERT_TRUE(without.analyzable);
    EXPECT_FALSE(same_class(with, ByteSet::of("\n ")));
    EXPECT_TRUE(same_class(without, ByteSet::of("\n ")));
}

TEST(RegexClasses, Representative) {
    const auto p = profile_regex("\\d+");
    ASSERT_TRUE(p.analyzable);
    EXPECT_EQ(representative(p, ByteSet::of("7531")), '1');
    EXPECT_EQ(representative(p, ByteSet::of("5") | ByteSet::of("\xC3\xA9")), '5');
    EXPECT_EQ(representative(p, ByteSet::of("\x01 x")), ' ');  // printable preferred
    EXPECT_EQ(representative(p, ByteSet::of("\x01\x02")), 1);
    EXPECT_EQ(representative(p, ByteSet::of("\xC3\xA9")), -1);  // non-ASCII only
    EXPECT_EQ(representative(p, ByteSet::of("1a")), -1);         // two classes
    EXPECT_EQ(representative(p, ByteSet()), -1);
}

TEST(RegexClasses, Sentinel) {
    EXPECT_EQ(sentinel(profile_regex("\\d+")), 0x01);
    EXPECT_EQ(sentinel(profile_regex("[\\x01-\\x05]")), 0x06);
    EXPECT_EQ(sentinel(profile_regex("[\\x00-\\x1f]x")), 0x7F);
    // '.' matches everything but '\n'; with '$' around, '\n' is not neutral.
    EXPECT_EQ(sentinel(profile_regex(".")), '\n');
    EXPECT_EQ(sentinel(profile_regex(".$")), -1);
    // With \b, a word byte would change boundaries.
    EXPECT_EQ(sentinel(profile_regex("\\b[^a-z]")), -1);
    EXPECT_EQ(sentinel(profile_regex("[^a-z]")), 'a');
}

TEST(RegexClasses, NotAnalyzableProvesNothing) {
    const auto p = profile_regex("(a)\\1");
    ASSERT_FALSE(p.analyzable);
    EXPECT_EQ(class_count(p), 256u);
    EXPECT_FALSE(same_class(p, ByteSet::of("xy")));
    EXPECT_TRUE(same_class(p, ByteSet::of("x")));
    EXPECT_EQ(representative(p, ByteSet::of("x")), 'x');
    EXPECT_EQ(sentinel(p), -1);
}

}  // namespace
}  // namespace eventgen
