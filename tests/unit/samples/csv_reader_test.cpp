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

TEST(CsvReader, QuotesInsideAnUnquotedFieldAreKept) {
    // Python's csv module only treats a quote at the start of a field as quoting.
    EXPECT_EQ(parse_csv("a,1.2.3.4 - - \"GET /x HTTP/1.1\" 200 \"Mozilla\",b\n"),
              (Rows{{"a", "1.2.3.4 - - \"GET /x HTTP/1.1\" 200 \"Mozilla\"", "b"}}));
    EXPECT_EQ(parse_csv("a\"b\"\"c,d\n"), (Rows{{"a\"b\"\"c", "d"}}));
}

TEST(CsvReader, TextAfterAClosingQuoteStaysInTheField) {
    // As Python reads it (strict off): "abc"def -> abcdef, "abc" , -> "abc ".
    EXPECT_EQ(parse_csv("\"abc\"def,x\n\"abc\" ,y\n"), (Rows{{"abcdef", "x"}, {"abc ", "y"}}));
    EXPECT_EQ(parse_csv("x,\"a\nb\"c\"\"d\n"), (Rows{{"x", "a\nbc\"\"d"}}));
}

TEST(CsvReader, RowsAreReadOneAtATimeWithTheirLines) {
    CsvReader reader("h,_raw\n\n1,\"two\nlines\"\n2,x\n");
    std::vector<std::string> row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(reader.line(), 1u);
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"1", "two\nlines"}));
    EXPECT_EQ(reader.line(), 3u);
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, (std::vector<std::string>{"2", "x"}));
    EXPECT_EQ(reader.line(), 5u);
    EXPECT_FALSE(reader.next(row));
}

}  // namespace
}  // namespace eventgen
