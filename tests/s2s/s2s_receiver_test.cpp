// The test receiver against hand-built streams: both protocol versions, compression,
// acknowledgements, TLS, strict rejection of malformed frames, and its faults.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <set>

#include "raw_client.h"
#include "s2s_receiver.h"

using namespace eventgen::test;
using namespace eventgen::test::s2s;
using namespace std::chrono_literals;

namespace {

const std::string kV2 = "--splunk-cooked-mode-v2--";
const std::string kV3 = "--splunk-cooked-mode-v3--";

std::string caps(const std::string& value) { return frame({{"__s2s_capabilities", value}}); }

// Drives a v3 handshake; returns the control message value.
std::string handshake(RawClient& c, const std::string& value) {
    c.send(signature(kV3) + caps(value));
    std::string reply = c.read_control();
    size_t at = reply.find("cap_response");
    return at == std::string::npos ? reply : reply.substr(at, reply.find('\0', at) - at);
}

}  // namespace

TEST(S2SReceiver, V2EventsAreAccountedWithTheirMetadata) {
    S2SReceiver r;
    RawClient c(r.port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.send(signature(kV2) + event("first", "web-01") +
                       frame({{"_raw", "second"}, {"_time", "1700000001"}, {"_subsecond", ".25"}, {"_done", "_done"}})));
    ASSERT_TRUE(r.wait_for_events(2, 5s));
    auto e = r.events();
    EXPECT_EQ(e[0].raw, "first");
    EXPECT_EQ(e[0].host, "web-01");
    EXPECT_EQ(e[0].source, "/var/log/x");
    EXPECT_EQ(e[0].sourcetype, "st");
    EXPECT_EQ(e[0].index, "main");
    EXPECT_EQ(e[0].time, 1700000000);
    EXPECT_EQ(e[0].version, 2);
    EXPECT_EQ(e[1].raw, "second");
    EXPECT_EQ(e[1].subsecond, ".25");
    EXPECT_TRUE(e[1].host.empty());
}

TEST(S2SReceiver, V3HandshakeAnswersAndAcknowledgesEveryEvent) {
    S2SReceiver r;
    RawClient c(r.port());
    EXPECT_EQ(handshake(c, "ack=1;compression=0"),
              "cap_response=success;cap_flush_key=false;idx_can_send_hb=false;idx_can_recv_token=false;v4=false;"
              "channel_limit=300;pl=0;compression=0");
    ASSERT_TRUE(c.send(event("a", "h", 1) + event("b", "h", 2) + event("c", "h", 3)));
    ASSERT_TRUE(r.wait_for([](const S2SReceiverStats& s) { return s.acked == 3; }, 5s));
    // One range 1..3 when the events came in one read; otherwise single ids and ranges.
    std::string acks = c.read(3, 2000);
    std::set<int> ids;
    for (size_t i = 0; i < acks.size();) {
        if (acks[i] == '\xfa' && i + 2 < acks.size()) {
            for (int id = acks[i + 1]; id <= acks[i + 2]; ++id) ids.insert(id);
            i += 3;
        } else {
            ASSERT_EQ(acks[i], '\xfb');
            ids.insert(acks[i + 1]);
            i += 2;
            if (ids.size() < 3 && i == acks.size()) acks += c.read(2, 2000);
        }
    }
    EXPECT_EQ(ids, (std::set<int>{1, 2, 3}));
    EXPECT_EQ(r.events()[2].event_id, 3u);
    EXPECT_EQ(r.stats().v3_connections + r.stats().open_connections, 1u);
}

TEST(S2SReceiver, V3CompressedStreamIsInflated) {
    S2SReceiver r;
    RawClient c(r.port());
    EXPECT_NE(handshake(c, "ack=0;compression=1").find("compression=1"), std::string::npos);
    std::string events;
    for (int i = 0; i < 100; ++i) events += event("event number " + std::to_string(i));
    std::string z = zlib_stream(events);
    ASSERT_TRUE(c.send(z));
    ASSERT_TRUE(r.wait_for_events(100, 5s));
    EXPECT_EQ(r.events()[99].raw, "event number 99");
    EXPECT_LT(r.stats().wire_bytes * 3, events.size());
}

TEST(S2SReceiver, CompressionIsDeclinedWhenNotOffered) {
    S2SReceiverOptions o;
    o.grant_compression = false;
    S2SReceiver r(o);
    RawClient c(r.port());
    EXPECT_NE(handshake(c, "ack=0;compression=1").find("compression=0"), std::string::npos);
    ASSERT_TRUE(c.send(event("plain after all")));
    ASSERT_TRUE(r.wait_for_events(1, 5s));
}

TEST(S2SReceiver, TlsOnlyTakesTlsAndItsCertificateVerifies) {
    S2SReceiverOptions o;
    o.tls = true;
    S2SReceiver r(o);
    {
        RawClient plain(r.port());
        plain.send(signature(kV2) + event("not over TLS"));
        EXPECT_TRUE(plain.closed_by_peer());
    }
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    ASSERT_EQ(SSL_CTX_load_verify_locations(ctx, r.ca_path().c_str(), nullptr), 1);
    {
        RawClient c(r.port(), ctx);
        ASSERT_TRUE(c.tls_ok());
        EXPECT_NE(handshake(c, "ack=1;compression=0").find("cap_response=success"), std::string::npos);
        ASSERT_TRUE(c.send(event("over TLS", "h", 7)));
        EXPECT_EQ(c.read(2), std::string("\xfb\x07", 2));
    }
    SSL_CTX_free(ctx);
    ASSERT_TRUE(r.wait_for([](const S2SReceiverStats& s) { return s.tls_failures == 1 && s.tls_connections == 1; }, 5s));
    ASSERT_EQ(r.event_count(), 1u);
    EXPECT_EQ(r.events()[0].raw, "over TLS");
}

struct Malformed {
    const char* name;
    std::string bytes;
    const char* error;  // part of the receiver's message
};

class S2SReceiverMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(S2SReceiverMalformed, ClosesTheConnectionAndAccountsNothingOfIt) {
    S2SReceiver r;
    RawClient c(r.port());
    // Some streams start with a good event: it stays accounted, nothing after the violation is.
    c.send(GetParam().bytes);
    EXPECT_TRUE(c.closed_by_peer());
    ASSERT_TRUE(r.wait_for([](const S2SReceiverStats& s) { return s.malformed == 1; }, 5s));
    EXPECT_NE(r.stats().last_error.find(GetParam().error), std::string::npos) << r.stats().last_error;
    for (const auto& e : r.events()) EXPECT_EQ(e.raw, "good");
}

namespace {

std::string with_size(uint32_t size, const std::string& rest) { return u32(size) + rest; }
std::string good() { return event("good"); }
// A frame whose body is given by hand after a correct size.
std::string raw_frame(const std::string& body) { return u32(static_cast<uint32_t>(body.size())) + body; }
const std::string kTrailer = u32(0) + str("_raw");

}  // namespace

INSTANTIATE_TEST_SUITE_P(
    Frames, S2SReceiverMalformed,
    ::testing::Values(
        Malformed{"UnknownSignature", signature("--splunk-cooked-mode-v9--"), "unknown signature"},
        Malformed{"SignatureNotPadded", "--splunk-cooked-mode-v2--" + std::string(1, '\0') + std::string(102, 'x') + std::string(272, '\0'),
                  "not NUL-padded"},
        Malformed{"FrameTooLarge", signature(kV2) + good() + with_size(100u << 20, ""), "exceeds"},
        Malformed{"FrameTooSmall", signature(kV2) + with_size(5, std::string(5, '\0')), "too small"},
        Malformed{"PairCountOverruns", signature(kV2) + raw_frame(u32(3) + str("_raw") + str("x") + kTrailer),
                  "zero length"},
        Malformed{"StringLengthOverruns", signature(kV2) + raw_frame(u32(1) + u32(200) + "_raw" + kTrailer),
                  "run past the frame"},
        Malformed{"StringWithoutNul", signature(kV2) + raw_frame(u32(1) + u32(4) + "_raw" + str("x") + kTrailer),
                  "not NUL-terminated"},
        Malformed{"ZeroLengthString", signature(kV2) + raw_frame(u32(1) + u32(0) + str("x") + kTrailer), "zero length"},
        Malformed{"MissingTrailer", signature(kV2) + raw_frame(u32(1) + str("_raw") + str("x") + u32(0)),
                  "runs past the frame"},
        Malformed{"WrongTrailer", signature(kV2) + raw_frame(u32(1) + str("_raw") + str("x") + u32(0) + str("_rax")),
                  "trailer is '_rax'"},
        Malformed{"BytesAfterTrailer", signature(kV2) + raw_frame(u32(1) + str("_raw") + str("x") + kTrailer + "zz"),
                  "stray byte"},
        Malformed{"NulInsideString", signature(kV2) + frame({{"_raw", std::string("a\0b", 3)}}), "NUL inside"},
        Malformed{"HostWithoutPrefix", signature(kV2) + good() + frame({{"_raw", "x"}, {"MetaData:Host", "web"}}),
                  "lacks host::"},
        Malformed{"DuplicateKey", signature(kV2) + frame({{"_raw", "x"}, {"_raw", "y"}}), "duplicate key"},
        Malformed{"TimeNotANumber", signature(kV2) + frame({{"_raw", "x"}, {"_time", "yesterday"}}), "not epoch seconds"},
        Malformed{"NoRaw", signature(kV2) + frame({{"_time", "1"}}), "without _raw"},
        Malformed{"V3WithoutCapabilities", signature(kV3) + good(), "must start with a __s2s_capabilities"},
        Malformed{"AckWithoutEventId", signature(kV3) + caps("ack=1;compression=0") + good(), "no __s2s_eventId"},
        Malformed{"EventIdsGoBack", signature(kV3) + caps("ack=1;compression=0") + event("good", "h", 5) +
                                        event("x", "h", 5),
                  "does not increase"},
        Malformed{"CapabilitiesInV2", signature(kV2) + caps("ack=0"), "outside the handshake"}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });

TEST(S2SReceiverFaults, RefusesWhileNotListeningAndTakesConnectionsAgainAfter) {
    S2SReceiver r;
    r.stop_listening();
    EXPECT_FALSE(RawClient(r.port()).connected());
    r.start_listening();
    RawClient c(r.port());
    ASSERT_TRUE(c.connected());
    c.send(signature(kV2) + event("back"));
    EXPECT_TRUE(r.wait_for_events(1, 5s));
}

TEST(S2SReceiverFaults, DropAfterCutsTheConnectionAndAccountsOnlyWhatCameBefore) {
    S2SReceiver r;
    r.drop_after(2);
    RawClient c(r.port());
    std::string five;
    for (int i = 0; i < 5; ++i) five += event("e" + std::to_string(i));
    c.send(signature(kV2) + five);
    EXPECT_TRUE(c.closed_by_peer());
    ASSERT_TRUE(r.wait_for([](const S2SReceiverStats& s) { return s.dropped == 1; }, 5s));
    EXPECT_EQ(r.event_count(), 2u);
}

TEST(S2SReceiverFaults, StallHoldsEventsUntilReleased) {
    S2SReceiver r;
    RawClient c(r.port());
    c.send(signature(kV2) + event("one"));
    ASSERT_TRUE(r.wait_for_events(1, 5s));
    r.stall(true);
    c.send(event("two"));
    EXPECT_FALSE(r.wait_for_events(2, 300ms));
    r.stall(false);
    EXPECT_TRUE(r.wait_for_events(2, 5s));
}

TEST(S2SReceiverFaults, WithheldAcknowledgementsNeverArrive) {
    S2SReceiver r;
    r.withhold_acks(true);
    RawClient c(r.port());
    handshake(c, "ack=1;compression=0");
    c.send(event("x", "h", 1));
    ASSERT_TRUE(r.wait_for_events(1, 5s));
    EXPECT_EQ(c.read(1, 300), "");
    EXPECT_EQ(r.stats().acked, 0u);
}

TEST(S2SReceiverFaults, DeclinedCapabilitiesEndTheConnection) {
    S2SReceiver r;
    r.decline_capabilities(true);
    RawClient c(r.port());
    EXPECT_NE(handshake(c, "ack=1;compression=0").find("cap_response=failure"), std::string::npos);
    EXPECT_TRUE(c.closed_by_peer());
}

TEST(S2SReceiverFaults, KillCutsOpenConnectionsAndRefusesNewOnes) {
    S2SReceiver r;
    RawClient c(r.port());
    c.send(signature(kV2) + event("before"));
    ASSERT_TRUE(r.wait_for_events(1, 5s));
    r.kill();
    EXPECT_TRUE(c.closed_by_peer());
    EXPECT_FALSE(RawClient(r.port()).connected());
    EXPECT_EQ(r.stats().open_connections, 0u);
}
