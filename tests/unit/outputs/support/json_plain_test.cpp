// json_plain decides whether a HEC event's text is copied into its envelope as it is:
// it must flag a byte needing an escape wherever it falls, the text's last partial
// block of 16 included, for every length.
#include <gtest/gtest.h>

#include <string>

#include "outputs/support/json_text.h"

namespace eventgen {
namespace {

TEST(JsonPlain, FlagsASpecialByteAtEveryPositionOfEveryLength) {
    for (size_t length = 0; length <= 50; ++length) {
        std::string plain(length, 'a');
        EXPECT_TRUE(json_plain(plain)) << length;
        for (size_t pos = 0; pos < length; ++pos) {
            for (char special : {'"', '\\', '\n', '\x01', '\x80', '\xFF'}) {
                std::string text = plain;
                text[pos] = special;
                EXPECT_FALSE(json_plain(text)) << "length " << length << " at " << pos;
                // And the escaper, which shares the scan, still escapes it.
                std::string s;
                append_json_string(s, text);
                EXPECT_NE(s, "\"" + text + "\"") << "length " << length << " at " << pos;
            }
        }
    }
}

}  // namespace
}  // namespace eventgen
