// CSV parsing as Python's csv module reads sample files.
#include <gtest/gtest.h>

#include "samples/csv_reader.h"

namespace eventgen {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
    EXPECT_EQ(parse_csv("a,\"b,c\",\"say \"\"hi\"\"\",\"x\r\ny\"\n"),
              (Rows{{"a", "b,c", "say \"hi\"", "x\r\ny"}}));
}

TEST(CsvReader, BlankLinesAreSkippedButEmptyFieldsKept) {
    EXPECT_EQ(parse_csv("\n\na,b\r\n\r\n,\n\"\"\nc,"), (Rows{{"a", "b"}, {"", ""}, {""}, {"c", ""}}));
}

TEST(CsvReader, LineEndingsAndMissingFinalNewline) {
    EXPECT_EQ(parse_csv("a\rb\r\nc\nd"), (Rows{{"a"}, {"b"}, {"c"}, {"d"}}));
    EXPECT_TRUE(parse_csv("").empty());
}

}  // namespace
}  // namespace eventgen
