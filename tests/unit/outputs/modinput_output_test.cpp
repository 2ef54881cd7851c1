// Splunk's modular input XML stream: framing, elements, escaping; parsed back with pugixml.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "output_test_util.h"
#include "outputs/event_format.h"
#include "outputs/sink.h"

namespace eventgen {
namespace {

using testing::PipeReader;
using testing::put;

size_t count_of(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

std::string run_stream(const std::string& stanza, const std::vector<EventBatch>& batches,
                       uint64_t* replaced = nullptr) {
    PipeReader pipe;
    auto sink = testing::fd_sink_for("modinput", pipe.write_fd());
    auto format = testing::format_for("modinput", stanza);
    for (const auto& b : batches) put(*sink, *format, b);
    sink->close();
    sink->close();  // closing twice must not repeat </stream>
    if (replaced) *replaced = format->replaced_chars();
    return pipe.text();
}

TEST(ModinputOutput, StreamFramingAndElements) {
    EventBatch b1, b2;
    b1.add(1'700'000'000'123'456, "first <event> & more", {"web01", "/var/log/x", "access", "main"});
    b1.add(1'700'000'001'000'000, "second", {"", "", "", ""});  // all metadata empty
    b2.add(1'700'000'002'999'600, "line1\r\nline2", {"h", "", "st", ""});
    std::string s = run_stream("", {b1, b2});

    EXPECT_EQ(count_of(s, "<stream>"), 1u);
    EXPECT_EQ(count_of(s, "</stream>"), 1u);
    EXPECT_EQ(s.rfind("<stream>", 0), 0u);
    ASSERT_GE(s.size(), 10u);
    EXPECT_EQ(s.substr(s.size() - 10), "</stream>\n");
    EXPECT_EQ(count_of(s, "<event>"), 3u);
    EXPECT_EQ(count_of(s, "<index>"), 1u);  // empty metadata is left out

    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(s.c_str(), pugi::parse_default | pugi::parse_ws_pcdata)) << s;
    std::vector<pugi::xml_node> ev;
    for (auto e : d.child("stream").children("event")) ev.push_back(e);
    ASSERT_EQ(ev.size(), 3u);

    EXPECT_STREQ(ev[0].child("time").text().get(), "1700000000.123");
    EXPECT_STREQ(ev[0].child("index").text().get(), "main");
    EXPECT_STREQ(ev[0].child("source").text().get(), "/var/log/x");
    EXPECT_STREQ(ev[0].child("sourcetype").text().get(), "access");
    EXPECT_STREQ(ev[0].child("host").text().get(), "web01");
    EXPECT_STREQ(ev[0].child("data").text().get(), "first <event> & more");
    EXPECT_FALSE(ev[0].attribute("stanza"));

    EXPECT_STREQ(ev[1].child("time").text().get(), "1700000001.000");
    for (const char* name : {"index", "source", "sourcetype", "host"}) EXPECT_FALSE(ev[1].child(name)) << name;
    EXPECT_STREQ(ev[1].child("data").text().get(), "second");

    EXPECT_STREQ(ev[2].child("time").text().get(), "1700000003.000");  // rounded to the millisecond
    EXPECT_STREQ(ev[2].child("host").text().get(), "h");
    EXPECT_STREQ(ev[2].child("sourcetype").text().get(), "st");
    EXPECT_FALSE(ev[2].child("index"));
    EXPECT_STREQ(ev[2].child("data").text().get(), "line1\r\nline2");
}

TEST(ModinputOutput, TimeBeforeEpochStillThreeDecimals) {
    EventBatch b;
    b.add(-1'500, "x", {});
    b.add(5'000, "y", {});
    b.add(0, "z", {});
    std::string s = run_stream("", {b});
    EXPECT_NE(s.find("<time>-1.998</time>"), std::string::npos) << s;  // -0.0015 s rounds to -0.002
    EXPECT_NE(s.find("<time>0.005</time>"), std::string::npos) << s;
    EXPECT_NE(s.find("<time>0.000</time>"), std::string::npos) << s;
}

TEST(ModinputOutput, StanzaAttributeOnEveryEvent) {
    EventBatch b;
    b.add(0, "x", {});
    b.add(0, "y", {});
    std::string stanza = "modinput_eventgen://a\"b&c<d>";
    std::string s = run_stream(stanza, {b});
    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(s.c_str())) << s;
    size_t n = 0;
    for (auto e : d.child("stream").children("event")) {
        EXPECT_EQ(std::string(e.attribute("stanza").value()), stanza);
        ++n;
    }
    EXPECT_EQ(n, 2u);
}

TEST(ModinputOutput, BadBytesReplacedAndCounted) {
    EventBatch b;
    b.add(0, std::string("a\0b\xFF", 4), {"h\x01", "", "", ""});
    uint64_t replaced = 0;
    std::string s = run_stream("", {b}, &replaced);
    EXPECT_EQ(replaced, 3u);
    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(s.c_str())) << s;
    auto ev = d.child("stream").child("event");
    EXPECT_STREQ(ev.child("data").text().get(), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    EXPECT_STREQ(ev.child("host").text().get(), "h\xEF\xBF\xBD");
}

TEST(ModinputOutput, ManyBatchesStayOneDocument) {
    std::vector<EventBatch> batches;
    for (int i = 0; i < 50; ++i) {
        EventBatch b;
        for (int k = 0; k < 20; ++k) b.add(i * 1000 + k, "e" + std::to_string(i * 20 + k) + " <&>", {"h", "s", "st", "i"});
        batches.push_back(std::move(b));
    }
    std::string s = run_stream("x://y", batches);
    pugi::xml_document d;
    ASSERT_TRUE(d.load_string(s.c_str()));
    int n = 0;
    for (auto e : d.child("stream").children("event")) {
        EXPECT_EQ(std::string(e.child("data").text().get()), "e" + std::to_string(n) + " <&>");
        ++n;
    }
    EXPECT_EQ(n, 1000);
}


// In a worker the format writes each event straight into the slot in one piece; that
// must give the same bytes as formatting into a string, for any text and metadata,
// wherever the slot runs out (the event then moves whole to the overflow).
TEST(ModinputOutput, InPlaceInTheSlotMatchesTheStringPath) {
    std::mt19937_64 gen(2026);
    const char* pieces[] = {"a", "Z", " ", "0123456789abcdef", "&", "<", ">", "\"", "\t", "\n", "\r",
                            "\xC3\xA9", "\xE2\x82\xAC", "\xFF", "\x01", "\xEF\xBF\xBE", "]]>"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    for (const std::string stanza : {"", "modinput_eventgen://x"}) {
        auto in_slot = testing::format_for("modinput", stanza), in_string = testing::format_for("modinput", stanza);
        for (int round = 0; round < 300; ++round) {
            EventBatch b;
            for (int k = 0; k < 8; ++k) {
                std::string raw;
                for (size_t n = gen() % 12; n > 0; --n) raw += pieces[gen() % n_pieces];
                int64_t t = static_cast<int64_t>(gen() % 4'000'000'000'000'000) - 1'000'000'000'000'000;
                if (k % 2) t = 1'767'225'209'570'123 + static_cast<int64_t>(gen() % 100'000'000'000);
                b.add(t, raw, k % 3 ? EventMeta{"h<1>", "src", "st", "main"} : EventMeta{"", "", "x&y", ""});
            }
            std::string expect;
            for (const EventView& e : b) in_string->append(e, expect);
            std::string slot(gen() % (expect.size() + 64), '\0'), overflow, got;
            size_t used = 0;
            for (const EventView& e : b) {
                FormatBuffer out(slot.data() + used, slot.size() - used, overflow);
                ASSERT_TRUE(in_slot->append(e, out));
                if (out.spilled()) {
                    got.append(slot, 0, used);  // the slot goes out, the event opens the next one
                    used = 0;
                    slot.assign(std::max(slot.size(), overflow.size()), '\0');
                    slot.replace(0, overflow.size(), overflow);
                    used = overflow.size();
                } else {
                    used += out.written();
                }
            }
            got.append(slot, 0, used);
            ASSERT_EQ(got, expect) << "round " << round;
        }
        EXPECT_EQ(in_slot->replaced_chars(), in_string->replaced_chars());
    }
}

// Events the sample compiler proved plain are copied without the check for bytes
// XML cannot carry: they must give the bytes the checked copy gives.
TEST(ModinputOutput, EventsProvenPlainGiveTheBytesOfTheCheckedCopy) {
    const std::vector<std::string> texts = {"2014-01-04 20:54:34 WINDBAG Event 1 of 5 3 7 1 20:54:34", "", "x",
                                            "[a=b] {c} 'd' ~!@#$%^*() a longer line of plain text over thirty-two bytes"};
    auto format = testing::format_for("modinput", "");
    testing::ScannedAndProven r =
        testing::format_scanned_and_proven(*format, texts, 1'767'225'209'570'123, {"h", "src", "st", "main"});
    EXPECT_EQ(r.scanned_flagged, 0u);
    EXPECT_EQ(r.proven_flagged, texts.size());
    EXPECT_EQ(r.proven, r.scanned);
}

}  // namespace
}  // namespace eventgen
