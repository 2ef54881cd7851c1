// The HEC event envelope is written in place in the slot when the event's text needs
// no escapes, and piece by piece otherwise (or over a growing string): both must give
// the same bytes, for plain text and for text that needs escaping.
#include <gtest/gtest.h>

#include <string>

#include "output_test_util.h"

namespace eventgen {
namespace {

using namespace eventgen::testing;

TEST(HecFormat, InPlaceAndPieceByPieceGiveTheSameBytes) {
    SampleConfig c = sample_for(
        "httpevent",
        {{"httpeventServers", R"({"servers": [{"protocol": "http", "address": "h", "port": "1", "key": "k"}]})"}});
    EventBatch batch;
    const char* texts[] = {"2014-01-04 20:54:34 WINDBAG Event 1 of 5 3 7 1 20:54:34", "", "a \"quoted\" \\ line\tend",
                           "caf\xC3\xA9 \xFF", "x"};
    int64_t t = 1388868874123456;
    for (const char* text : texts) batch.add(t += 777, text, {"web-01", "/var/log/a.log", "access", "main"});
    batch.add(t, "plain without metadata", {"", "", "", ""});
    auto in_slot = c.output->make_format(OutputOptions{});
    auto in_string = c.output->make_format(OutputOptions{});
    for (const EventView& e : batch) {
        char slot[1024];
        std::string overflow, grown;
        FormatBuffer b(slot, sizeof slot, overflow);
        ASSERT_TRUE(in_slot->append(e, b));
        ASSERT_FALSE(b.spilled());
        FormatBuffer g(grown);
        ASSERT_TRUE(in_string->append(e, g));
        EXPECT_EQ(std::string(slot, b.written()), grown);
    }
    char slot[1024];
    std::string overflow;
    FormatBuffer b(slot, sizeof slot, overflow);
    ASSERT_TRUE(in_slot->append(*batch.begin(), b));
    EXPECT_EQ(std::string(slot, b.written()),
              "{\"time\":1388868874.124,\"host\":\"web-01\",\"source\":\"/var/log/a.log\",\"sourcetype\":\"access\","
              "\"index\":\"main\",\"event\":\"2014-01-04 20:54:34 WINDBAG Event 1 of 5 3 7 1 20:54:34\"}\n");
}

// Events the sample compiler proved plain skip the scan for escapes: they must give
// the bytes the scan gives.
TEST(HecFormat, EventsProvenPlainGiveTheBytesOfTheScan) {
    SampleConfig c = sample_for(
        "httpevent",
        {{"httpeventServers", R"({"servers": [{"protocol": "http", "address": "h", "port": "1", "key": "k"}]})"}});
    const std::vector<std::string> texts = {"2014-01-04 20:54:34 WINDBAG Event 1 of 5 3 7 1 20:54:34", "", "x",
                                            "[a=b] {c} 'd' ~!@#$%^*()"};
    auto format = c.output->make_format(OutputOptions{});
    ScannedAndProven r =
        format_scanned_and_proven(*format, texts, 1388868874123456, {"web-01", "/var/log/a.log", "access", "main"});
    EXPECT_EQ(r.scanned_flagged, 0u);
    EXPECT_EQ(r.proven_flagged, texts.size());
    EXPECT_EQ(r.proven, r.scanned);
}

}  // namespace
}  // namespace eventgen
