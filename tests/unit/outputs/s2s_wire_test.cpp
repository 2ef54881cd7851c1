// The s2s encoder's bytes against the format (s2s_wire.h) and the public capture of a
// forwarder's capabilities frame, its frame decoder, varints, and the s2s settings.
#include <gtest/gtest.h>

#include "common/error.h"
#include "outputs/s2s/s2s_settings.h"
#include "events/event_batch.h"
#include "outputs/s2s/s2s_output.h"
#include "outputs/s2s/s2s_wire.h"

using namespace eventgen;

namespace {

std::string hex(std::string_view s) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(d[c >> 4]);
        out.push_back(d[c & 15]);
    }
    return out;
}

std::string u32(uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }
std::string str(const std::string& s) { return u32(uint32_t(s.size() + 1)) + s + std::string(1, '\0'); }

SettingsMap settings(std::initializer_list<std::pair<std::string, std::string>> kv) {
    SettingsMap s;
    s.stanza = "sample";
    for (const auto& [k, v] : kv) s.set(k, Setting{v, ConfLocation{"eventgen.conf", 3, "sample", k}});
    return s;
}

}  // namespace

TEST(S2SWire, SignatureIsThreeNulPaddedSlots) {
    std::string sig = s2s::signature(3, "fwd-01", "8089");
    ASSERT_EQ(sig.size(), 400u);
    EXPECT_EQ(sig.substr(0, 25), "--splunk-cooked-mode-v3--");
    EXPECT_EQ(sig.substr(25, 103), std::string(103, '\0'));
    EXPECT_EQ(sig.substr(128, 7), std::string("fwd-01\0", 7));
    EXPECT_EQ(sig.substr(384, 5), std::string("8089\0", 5));
    EXPECT_EQ(s2s::signature(2, std::string(300, 'x'), "1").substr(0, 25), "--splunk-cooked-mode-v2--");
    EXPECT_EQ(s2s::signature(2, std::string(300, 'x'), "1")[383], '\0');  // a long name is cut, still terminated
}

TEST(S2SWire, CapabilitiesFrameMatchesAForwardersCapture) {
    // A Splunk forwarder's first v3 frame, as captured on the wire (public notes).
    EXPECT_EQ(hex(s2s::capabilities_frame(false, false)),
              "0000004000000001000000135f5f7332735f6361706162696c697469657300"
              "0000001461636b3d303b636f6d7072657373696f6e3d3000"
              "00000000000000055f72617700");
}

TEST(S2SWire, EventFrameCarriesRawTimeMetadataAndDone) {
    EventBatch batch;
    batch.add(1700000000123456, "GET /index.html 200\n", EventMeta{"web-01", "/var/log/access.log", "access_combined", "web"});
    std::string out;
    ASSERT_TRUE(make_s2s_format()->append(*batch.begin(), out));
    std::string body = u32(8) + str("_raw") + str("GET /index.html 200") + str("_time") + str("1700000000") +
                       str("_subsecond") + str(".123456") + str("MetaData:Host") + str("host::web-01") +
                       str("MetaData:Source") + str("source::/var/log/access.log") + str("MetaData:Sourcetype") +
                       str("sourcetype::access_combined") + str("_MetaData:Index") + str("web") + str("_done") +
                       str("_done") + u32(0) + str("_raw");
    EXPECT_EQ(hex(out), hex(u32(uint32_t(body.size())) + body));
}

TEST(S2SWire, EmptyMetadataIsLeftToTheIndexerAndWholeSecondsHaveNoSubsecond) {
    EventBatch batch;
    batch.add(-1500000, "x", EventMeta{});
    std::string out;
    make_s2s_format()->append(*batch.begin(), out);
    s2s::Frame f;
    size_t used = 0;
    std::string error;
    ASSERT_EQ(s2s::parse_frame(out, f, used, error), s2s::Parse::ok) << error;
    EXPECT_EQ(used, out.size());
    EXPECT_EQ(*f.find("_time"), "-2");
    EXPECT_EQ(*f.find("_subsecond"), ".5");
    EXPECT_EQ(f.find("MetaData:Host"), nullptr);
    EXPECT_EQ(f.find("_MetaData:Index"), nullptr);
}

TEST(S2SWire, EventIdIsInsertedBeforeTheTrailer) {
    std::string frame;
    s2s::FrameWriter w(frame);
    w.add("_raw", "hello");
    w.finish();
    std::string out = "prefix";
    s2s::append_with_event_id(out, frame, 42);
    s2s::Frame f;
    size_t used = 0;
    std::string error;
    ASSERT_EQ(s2s::parse_frame(std::string_view(out).substr(6), f, used, error), s2s::Parse::ok) << error;
    ASSERT_EQ(f.pairs.size(), 2u);
    EXPECT_EQ(f.pairs[1], (std::pair<std::string, std::string>{"__s2s_eventId", "42"}));
}

TEST(S2SWire, ParseFrameWantsMoreAndRejectsGarbage) {
    std::string frame = s2s::capabilities_frame(true, true);
    s2s::Frame f;
    size_t used = 0;
    std::string error;
    EXPECT_EQ(s2s::parse_frame(frame.substr(0, 10), f, used, error), s2s::Parse::more);
    EXPECT_EQ(s2s::parse_frame("HTTP/1.1 400 Bad Request\r\n", f, used, error), s2s::Parse::bad);
    std::string broken = frame;
    broken[broken.size() - 2] = 'x';  // "_rax"
    EXPECT_EQ(s2s::parse_frame(broken, f, used, error), s2s::Parse::bad);
    EXPECT_NE(error.find("_raw trailer"), std::string::npos);
    EXPECT_EQ(s2s::parse_capabilities("cap_response=success;v4=false;pl"),
              (std::map<std::string, std::string>{{"cap_response", "success"}, {"v4", "false"}, {"pl", ""}}));
}

TEST(S2SWire, AcknowledgementVarints) {
    std::string out;
    s2s::append_ack(out, 5, 5);
    s2s::append_ack(out, 1, 300);
    EXPECT_EQ(hex(out), "fb05fa01ac02");
    size_t pos = 3;
    uint64_t v = 0;
    ASSERT_EQ(s2s::parse_varint(out, pos, v), s2s::Parse::ok);
    EXPECT_EQ(v, 1u);
    ASSERT_EQ(s2s::parse_varint(out, pos, v), s2s::Parse::ok);
    EXPECT_EQ(v, 300u);
    pos = 0;
    EXPECT_EQ(s2s::parse_varint("\x80\x80", pos, v), s2s::Parse::more);
    EXPECT_EQ(s2s::parse_varint(std::string(10, '\xff') + "\x01", pos, v), s2s::Parse::bad);
}

TEST(S2SSettings, OneHostOrAJsonListWithPorts) {
    S2SSettings one = read_s2s_settings(settings({{"splunkHost", "idx1"}}));
    ASSERT_EQ(one.servers.size(), 1u);
    EXPECT_EQ(one.servers[0].host, "idx1");
    EXPECT_EQ(one.servers[0].port, 9997);
    EXPECT_EQ(one.version, 3);
    EXPECT_FALSE(one.use_ack);
    EXPECT_TRUE(one.verify_tls);
    auto list = read_s2s_settings(settings({{"splunkHost", R"(["idx1", "idx2:9998", "[::1]:9000"])"}, {"splunkPort", "9996"}}))
                    .servers;
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].port, 9996);
    EXPECT_EQ(list[1].host, "idx2");
    EXPECT_EQ(list[1].port, 9998);
    EXPECT_EQ(list[2].host, "::1");
    EXPECT_EQ(list[2].port, 9000);
}

TEST(S2SSettings, BadValuesNameTheirKey) {
    auto error_of = [](std::initializer_list<std::pair<std::string, std::string>> kv) {
        try {
            read_s2s_settings(settings(kv));
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(error_of({}).find("splunkHost"), std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "[\"a\", 3]"}}).find("JSON string"), std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "[]"}}).find("splunkHost"), std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "idx:99999"}}).find("bad port"), std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "idx"}, {"s2sVersion", "4"}}).find("s2sVersion"), std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "idx"}, {"s2sVersion", "2"}, {"s2sUseACK", "true"}}).find("s2sUseACK"),
              std::string::npos);
    EXPECT_NE(error_of({{"splunkHost", "idx"}, {"s2sTimeout", "0"}}).find("s2sTimeout"), std::string::npos);
}
