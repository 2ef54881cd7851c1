// stdout and devnull: Eventgen's print() of each event, and the counting null output.
#include <gtest/gtest.h>

#include "output_test_util.h"
#include "outputs/event_format.h"
#include "outputs/sink.h"

namespace eventgen {
namespace {

using testing::batch_of;
using testing::Formatted;
using testing::PipeReader;
using testing::put;

TEST(StdoutOutput, OneLinePerEventTrailingWhiteSpaceStripped) {
    PipeReader pipe;
    auto sink = testing::fd_sink_for("stdout", pipe.write_fd());
    auto format = testing::format_for("stdout", "");
    put(*sink, *format, batch_of({"plain", "trailing spaces   ", "crlf\r\n", "tabs\t\t\n\n", "  leading kept"}));
    put(*sink, *format, batch_of({"", "   ", "inner\nnewline\n"}));
    sink->close();
    EXPECT_EQ(pipe.text(),
              "plain\ntrailing spaces\ncrlf\ntabs\n  leading kept\n"
              "\n\ninner\nnewline\n");
    EXPECT_EQ(sink->stats().events, 8u);
    EXPECT_EQ(sink->stats().failed, 0u);
}

// Eventgen prints x.rstrip(): Python strips every character str.isspace() accepts.
TEST(StdoutOutput, StripsWhatPythonRstripStrips) {
    const char* spaces[] = {"\t", "\n", "\v", "\f", "\r", "\x1C", "\x1D", "\x1E", "\x1F", " ",
                            "\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x8A",
                            "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"};
    auto format = testing::format_for("stdout", "");
    for (const char* sp : spaces) {
        Formatted f(*format, batch_of({std::string("x") + sp + " " + sp}));
        EXPECT_EQ(f.data(), "x\n") << ::testing::PrintToString(std::string(sp));
    }
    // Not white space to Python (or not valid UTF-8): kept.
    const char* kept[] = {"\xE2\x80\x8B", "\xEF\xBB\xBF", "\xC2\xA9", "\xA0", "\xE2\x80", "\xC3\xA0", "\x7F", "\x1B"};
    for (const char* k : kept) {
        Formatted f(*format, batch_of({std::string("x") + k + "  "}));
        EXPECT_EQ(f.data(), std::string("x") + k + "\n") << ::testing::PrintToString(std::string(k));
    }
}

TEST(StdoutOutput, EventEndsMarkEachLine) {
    auto format = testing::format_for("stdout", "");
    Formatted f(*format, batch_of({"ab  ", "c"}));
    ASSERT_EQ((*f).events, 2u);
    EXPECT_EQ(f.data(), "ab\nc\n");
    EXPECT_EQ((*f).event_ends[0], 3u);
    EXPECT_EQ((*f).event_ends[1], 5u);
    EXPECT_EQ((*f).raw_bytes, 5u);
}

TEST(LineFormat, FileAndSpoolAddOnlyMissingNewlines) {
    for (const char* mode : {"file", "spool"}) {
        auto format = testing::format_for(mode, "");
        Formatted f(*format, batch_of({"a", "b\n", "c  ", "d\r\n"}));
        EXPECT_EQ(f.data(), "a\nb\nc  \nd\r\n") << mode;
    }
}

TEST(DevnullOutput, CountsAndDiscards) {
    auto format = testing::format_for("devnull", "");
    EXPECT_FALSE(format->writes_bytes());
    Formatted f(*format, batch_of({"abc", "de"}));
    EXPECT_EQ(f.data(), "");
    auto sink = testing::fd_sink_for("devnull", -1);
    FormattedBatch b = *f;
    b.output_bytes = 7;  // what the worker records: raw text plus a newline each
    sink->write(b);
    sink->close();
    EXPECT_EQ(sink->stats().events, 2u);
    EXPECT_EQ(sink->stats().bytes, 7u);
}

}  // namespace
}  // namespace eventgen
