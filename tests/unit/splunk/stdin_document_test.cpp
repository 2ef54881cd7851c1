// splunkd's stdin document: gathered until its closing tag, in time linear in its size.
#include "splunk/stdin_document.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "splunk/modinput_protocol.h"

namespace eventgen {
namespace {

std::string input_document(int stanzas) {
    std::string xml = "<input><server_host>sh</server_host><configuration>";
    for (int i = 0; i < stanzas; ++i)
        xml += "<stanza name=\"modinput_eventgen://s" + std::to_string(i) +
               "\" app=\"app\"><param name=\"verbosity\">20</param><param name=\"index\">main</param></stanza>";
    xml += "</configuration></input>";
    return xml;
}

TEST(StdinDocument, StopsAtTheClosingTagSplitAcrossChunks) {
    StdinDocument doc("</input>");
    EXPECT_FALSE(doc.append("<input></in"));
    EXPECT_FALSE(doc.append("p"));
    EXPECT_TRUE(doc.append("ut>"));
    EXPECT_TRUE(doc.complete());
    EXPECT_EQ(doc.text(), "<input></input>");
}

TEST(StdinDocument, TagAtTheVeryStartAndInOneChunk) {
    StdinDocument a("</items>");
    EXPECT_TRUE(a.append("</items>"));
    StdinDocument b("</items>");
    EXPECT_FALSE(b.append("<items><item name=\"x\"/></item"));
    EXPECT_TRUE(b.append("s>\n"));
}

// The reproduction: a 6 MB document (about 50,000 stanzas) arriving one byte per read.
// Searching the whole text after every read, as before, compares ~1.8e13 bytes (hours);
// searching only the new bytes compares ~5e7 (milliseconds), far inside ctest's timeout.
// Counting is what matters here, not a clock: one-byte chunks are the worst case a pipe
// from a slow writer can produce.
TEST(StdinDocument, MultiMegabyteDocumentOneByteAtATimeIsLinear) {
    std::string xml = input_document(50000);
    ASSERT_GT(xml.size(), 6u * 1000 * 1000);
    StdinDocument doc("</input>");
    size_t fed = 0;
    for (char c : xml) {
        ++fed;
        if (doc.append(std::string_view(&c, 1))) break;
    }
    EXPECT_EQ(fed, xml.size());
    std::string error;
    auto def = parse_input_definition(doc.take(), error);
    ASSERT_TRUE(def) << error;
    EXPECT_EQ(def->stanzas.size(), 50000u);
    EXPECT_EQ(def->stanzas.back().name, "modinput_eventgen://s49999");
}

// Through a real pipe whose writer keeps it open after the document: the reader stops at
// the closing tag instead of waiting for end of file.
TEST(StdinDocument, ReadsAPipeKeptOpenUpToTheClosingTag) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    std::string xml = input_document(20000);
    std::thread writer([&] {
        size_t off = 0;
        while (off < xml.size()) {
            size_t n = std::min<size_t>(4096, xml.size() - off);
            ssize_t w = ::write(fds[1], xml.data() + off, n);
            if (w <= 0) break;
            off += static_cast<size_t>(w);
        }
    });
    std::string got = read_document(fds[0], "</input>");
    writer.join();
    ::close(fds[1]);
    ::close(fds[0]);
    EXPECT_EQ(got, xml);
}

}  // namespace
}  // namespace eventgen
