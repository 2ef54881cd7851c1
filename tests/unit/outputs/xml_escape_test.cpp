#include "outputs/support/xml_escape.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <ostream>
#include <random>
#include <string>

#include "xml_check.h"

namespace eventgen {
namespace {

using testing::expected_text;
using testing::parse_element_text;

const std::string kFFFD = "\xEF\xBF\xBD";

std::string esc(std::string_view s, bool attribute = false, size_t* replaced = nullptr) {
    std::string out;
    size_t n = append_xml_escaped(out, s, attribute);
    if (replaced) *replaced = n;
    return out;
}

TEST(XmlEscape, EscapesMarkupCharacters) {
    EXPECT_EQ(esc("a & b < c > d"), "a &amp; b &lt; c &gt; d");
    EXPECT_EQ(esc("say \"hi\""), "say \"hi\"");  // quotes are fine in text
    EXPECT_EQ(esc("say \"hi\"", true), "say &quot;hi&quot;");
    EXPECT_EQ(esc("it's"), "it's");
}

TEST(XmlEscape, AppendsToExistingText) {
    std::string out = "<data>";
    append_xml_escaped(out, "x<y");
    EXPECT_EQ(out, "<data>x&lt;y");
}

TEST(XmlEscape, CarriageReturnBecomesCharacterReference) {
    // A raw CR would be folded into LF by the parser; the reference survives.
    EXPECT_EQ(esc("a\r\nb"), "a&#13;\nb");
    EXPECT_EQ(parse_element_text(esc("a\r\nb\r")), "a\r\nb\r");
}

TEST(XmlEscape, TabAndLineFeedKeptInText) {
    size_t replaced = 99;
    EXPECT_EQ(esc("a\tb\nc", false, &replaced), "a\tb\nc");
    EXPECT_EQ(replaced, 0u);
}

TEST(XmlEscape, AttributeWhiteSpaceSurvivesNormalization) {
    // Parsers turn raw tab/LF in attribute values into spaces, so they must be references.
    std::string value = "in\tput\none\rx\"y";
    std::string doc = "<e a=\"" + esc(value, true) + "\"/>";
    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(doc.c_str()));
    EXPECT_EQ(std::string(d.child("e").attribute("a").value()), value);
}

TEST(XmlEscape, ControlCharactersReplacedAndCounted) {
    size_t replaced = 0;
    EXPECT_EQ(esc(std::string("a\0b\x01\x1F\x0B\x0C", 7), false, &replaced),
              "a" + kFFFD + "b" + kFFFD + kFFFD + kFFFD + kFFFD);
    EXPECT_EQ(replaced, 5u);
    EXPECT_EQ(esc("\x7F", false, &replaced), "\x7F");  // DEL is an XML character
    EXPECT_EQ(replaced, 0u);
}

TEST(XmlEscape, ValidMultiByteKept) {
    std::string s = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD \xF4\x8F\xBF\xBD \xEE\x80\x80";
    size_t replaced = 9;
    EXPECT_EQ(esc(s, false, &replaced), s);
    EXPECT_EQ(replaced, 0u);
}

struct BadInput {
    const char* name;
    std::string bytes;
    size_t replaced;
};

void PrintTo(const BadInput& in, std::ostream* os) { *os << in.name; }

class XmlEscapeInvalid : public ::testing::TestWithParam<BadInput> {};

TEST_P(XmlEscapeInvalid, ReplacedWithFffdAndCounted) {
    const BadInput& in = GetParam();
    size_t replaced = 0;
    std::string out = esc("<" + in.bytes + ">", false, &replaced);
    EXPECT_EQ(replaced, in.replaced);
    std::string expect = "&lt;";
    for (size_t i = 0; i < in.replaced; ++i) expect += kFFFD;
    EXPECT_EQ(out, expect + "&gt;");
}

INSTANTIATE_TEST_SUITE_P(
    Bytes, XmlEscapeInvalid,
    ::testing::Values(BadInput{"overlong_slash", "\xC0\xAF", 2}, BadInput{"overlong_3byte", "\xE0\x80\xAF", 3},
                      BadInput{"overlong_4byte", "\xF0\x80\x80\xAF", 4},
                      BadInput{"high_surrogate", "\xED\xA0\x80", 3}, BadInput{"low_surrogate", "\xED\xBF\xBF", 3},
                      BadInput{"truncated_3byte", "\xE2\x82", 2}, BadInput{"truncated_4byte", "\xF0\x9F\x98", 3},
                      BadInput{"lone_continuation", "\x80", 1}, BadInput{"fffe", "\xEF\xBF\xBE", 3},
                      BadInput{"ffff", "\xEF\xBF\xBF", 3}, BadInput{"beyond_unicode", "\xF4\x90\x80\x80", 4},
                      BadInput{"invalid_lead", "\xFF\xFE", 2}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return std::string(info.param.name); });

TEST(XmlEscape, TruncatedSequenceDoesNotSwallowFollowingText) {
    EXPECT_EQ(esc("\xE2\x82" "abc"), kFFFD + kFFFD + "abc");
    EXPECT_EQ(esc("\xC3<"), kFFFD + "&lt;");
}

// Any byte string, escaped and wrapped in an element, is well-formed XML whose text is
// the input with exactly the non-XML bytes replaced.
TEST(XmlEscapeProperty, RandomBytesAlwaysParse) {
    std::mt19937_64 gen(12345);
    for (int round = 0; round < 3000; ++round) {
        std::string s(gen() % 40, '\0');
        for (auto& ch : s) ch = static_cast<char>(gen() & 0xFF);
        size_t replaced = 0, expect_replaced = 0;
        std::string out = esc(s, false, &replaced);
        std::string expect = expected_text(s, &expect_replaced);
        ASSERT_TRUE(testing::all_xml_chars(out)) << "round " << round;
        auto text = parse_element_text(out);
        ASSERT_TRUE(text.has_value()) << "round " << round << ": " << out;
        EXPECT_EQ(*text, expect) << "round " << round;
        EXPECT_EQ(replaced, expect_replaced) << "round " << round;
    }
}

// Valid text (any XML characters, markup included) round-trips exactly.
TEST(XmlEscapeProperty, ValidTextRoundTrips) {
    std::mt19937_64 gen(777);
    const char* pieces[] = {"&", "<", ">", "\"", "'", "\r", "\n", "\t", " ", "a", "Z", "]]>", "&amp;",
                            "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "\xED\x9F\xBF",
                            "\xEE\x80\x80", "\xF4\x8F\xBF\xBD", "\x7F", "\xC2\x85"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        for (size_t k = gen() % 30; k > 0; --k) s += pieces[gen() % n_pieces];
        size_t replaced = 1;
        std::string out = esc(s, false, &replaced);
        EXPECT_EQ(replaced, 0u);
        auto text = parse_element_text(out);
        ASSERT_TRUE(text.has_value()) << out;
        ASSERT_EQ(*text, s) << "round " << round;
    }
}

// The same in an attribute value, where parsers also normalize white space.
TEST(XmlEscapeProperty, ValidAttributeRoundTrips) {
    std::mt19937_64 gen(4242);
    const char* pieces[] = {"&", "<", ">", "\"", "'", "\r", "\n", "\t", " ", "\r\n", "a", "\xC3\xA9", "\xF0\x9F\x98\x80"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        for (size_t k = gen() % 20; k > 0; --k) s += pieces[gen() % n_pieces];
        std::string doc = "<e a=\"" + esc(s, true) + "\"/>";
        pugi::xml_document d;
        ASSERT_TRUE(d.load_string(doc.c_str())) << doc;
        ASSERT_EQ(std::string(d.child("e").attribute("a").value()), s) << "round " << round;
    }
}

// The copying scan stops exactly where byte-by-byte escaping would first change a byte,
// wherever that byte falls in or after a 16- or 32-byte block, and copies all before it.
TEST(XmlEscape, CopyPlainTextStopsAtTheFirstByteToEscape) {
    const std::string specials[] = {"&", "<", ">", "\r", std::string(1, '\0'), "\x1F", "\x80", "\xC3\xA9"};
    const std::string plains[] = {"\t", "\n", "\"", "'", "\x7F"};
    // Both the variant this CPU runs and the SSE2 one every x86-64 has.
    for (auto copy : {copy_plain_text, copy_plain_text_baseline}) {
        for (size_t n = 0; n <= 100; ++n) {
            std::string text(n, 'x');
            std::string dst(n + 1, '?');
            ASSERT_EQ(copy(dst.data(), text), n);
            ASSERT_EQ(dst.substr(0, n), text);
            for (size_t at = 0; at < n; ++at) {
                for (const std::string& special : specials) {
                    std::string t = text;
                    t.replace(at, 1, special);
                    std::string d(t.size(), '?');
                    ASSERT_EQ(copy(d.data(), t), at) << n << " " << at;
                    ASSERT_EQ(d.substr(0, at), t.substr(0, at));
                }
                for (const std::string& plain : plains) {
                    std::string t = text;
                    t[at] = plain[0];
                    if (at + 5 < n) t[at + 5] = plain[0];
                    if (at + 33 < n) t[at + 33] = plain[0];
                    std::string d(t.size(), '?');
                    ASSERT_EQ(copy(d.data(), t), n) << n << " " << at;
                    ASSERT_EQ(d, t);
                }
            }
        }
    }
}

}  // namespace
}  // namespace eventgen
