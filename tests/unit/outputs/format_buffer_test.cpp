#include "outputs/format_buffer.h"

#include <gtest/gtest.h>

#include <string>

#include "outputs/support/json_text.h"
#include "outputs/support/meta_cache.h"

namespace eventgen {
namespace {

TEST(FormatBuffer, WritesInPlaceWhileTheEventFits) {
    char slot[16] = {};
    std::string overflow = "stale";
    FormatBuffer out(slot, sizeof slot, overflow);
    out += "abc";
    out.push_back('-');
    out.append("defg", 4);
    EXPECT_FALSE(out.spilled());
    EXPECT_EQ(out.written(), 8u);
    EXPECT_EQ(std::string(slot, 8), "abc-defg");
}

TEST(FormatBuffer, AnEventThatDoesNotFitMovesWholeToTheOverflow) {
    char slot[8] = {};
    std::string overflow = "stale";
    FormatBuffer out(slot, sizeof slot, overflow);
    out += "abcde";
    out += "fghij";  // past the end: the event continues in the overflow, from its start
    out.push_back('!');
    out += "";
    EXPECT_TRUE(out.spilled());
    EXPECT_EQ(overflow, "abcdefghij!");
}

TEST(FormatBuffer, ExactFitStaysInPlace) {
    char slot[4] = {};
    std::string overflow;
    FormatBuffer out(slot, sizeof slot, overflow);
    out += "ab";
    out.push_back('c');
    out.push_back('d');
    EXPECT_FALSE(out.spilled());
    EXPECT_EQ(std::string(slot, 4), "abcd");
    out.push_back('e');
    EXPECT_TRUE(out.spilled());
    EXPECT_EQ(overflow, "abcde");
}

TEST(FormatBuffer, OverAStringAppends) {
    std::string s = "x";
    FormatBuffer out(s);
    out += "yz";
    out.push_back('!');
    EXPECT_EQ(s, "xyz!");
}

// The vectorized scan must escape exactly as a byte-by-byte reading would, wherever
// the special byte falls within a 16-byte block.
TEST(JsonString, SpecialBytesAtEveryPositionOfABlock) {
    for (size_t pos = 0; pos < 40; ++pos) {
        for (std::string special : {"\"", "\\", "\n", "\x01", "\xC3\xA9", "\xFF", "\x7F"}) {
            std::string text(40, 'a');
            text.insert(pos, special);
            std::string expected = "\"" + text.substr(0, pos);
            if (special == "\"") expected += "\\\"";
            else if (special == "\\") expected += "\\\\";
            else if (special == "\n") expected += "\\n";
            else if (special == "\x01") expected += "\\u0001";
            else if (special == "\xFF") expected += "\xEF\xBF\xBD";
            else expected += special;  // valid UTF-8 and DEL pass through
            expected += text.substr(pos + special.size()) + "\"";
            std::string s;
            append_json_string(s, text);
            EXPECT_EQ(s, expected) << "at " << pos;
            char slot[128];
            std::string overflow;
            FormatBuffer b(slot, sizeof slot, overflow);
            append_json_string(b, text);
            EXPECT_EQ(std::string(slot, b.written()), expected);
        }
    }
}

TEST(MetaCache, MakesOncePerMetadataSetAndBatch) {
    EventBatch batch;
    for (int i = 0; i < 5; ++i) batch.add(i, "e", {"h1", "s", "st", "i"});
    batch.add(5, "e", {"h2", "s", "st", "i"});
    batch.add(6, "e", {"h1", "s", "st", "i"});
    MetaCache<std::string> cache;
    int made = 0;
    std::string seen;
    auto run = [&] {
        for (const EventView& e : batch) {
            seen += cache.get(e, [&](const EventMeta& m, std::string& v) {
                ++made;
                v = std::string(m.host);
            });
            seen += ' ';
        }
    };
    run();
    EXPECT_EQ(seen, "h1 h1 h1 h1 h1 h2 h1 ");
    EXPECT_EQ(made, 3);  // three runs of equal metadata
    run();  // the same batch again: nothing new
    EXPECT_EQ(made, 3);
    batch.clear();  // a new fill reuses ids for other values
    batch.add(0, "e", {"other", "s", "st", "i"});
    seen.clear();
    run();
    EXPECT_EQ(seen, "other ");
    EXPECT_EQ(made, 4);
}

TEST(MetaCache, EventsMadeByHandAreNeverCached) {
    MetaCache<std::string> cache;
    EventView a, b;
    a.meta.host = "a";
    b.meta.host = "b";
    auto host = [](const EventMeta& m, std::string& v) { v = std::string(m.host); };
    EXPECT_EQ(cache.get(a, host), "a");
    EXPECT_EQ(cache.get(b, host), "b");
}

}  // namespace
}  // namespace eventgen
