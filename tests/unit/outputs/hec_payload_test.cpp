// How the HEC sink cuts a batch into payloads: at event boundaries, each payload the
// most events under httpeventMaxPayloadSize, an event larger than that alone, and
// every byte of the batch posted once, in order. Against a scripted loopback server.
#include <gtest/gtest.h>

#include <numeric>

#include "outputs/hec/hec_sink.h"
#include "support/scripted_http_server.h"

namespace eventgen {
namespace {

TEST(HecPayloads, EachPayloadTakesTheMostWholeEventsThatFit) {
    test::ScriptedServer server(test::answer_all(test::kOk));
    HecSettings s;
    s.servers.push_back(HecServer{"http", "127.0.0.1", server.port(), "token"});
    s.max_payload_bytes = 1000;
    s.retry_seconds = 0;
    auto sink = make_hec_sink(s, "", "[test]", nullptr);

    // Events of 1 to 150 bytes, then one of 2500 (over the limit), then a few more.
    std::vector<size_t> sizes(150);
    std::iota(sizes.begin(), sizes.end(), 1);
    sizes.push_back(2500);
    sizes.insert(sizes.end(), {400, 400, 400, 999, 1000, 1});
    std::string data;
    std::vector<uint32_t> ends;
    for (size_t i = 0; i < sizes.size(); ++i) {
        data.append(sizes[i], static_cast<char>('a' + i % 26));
        ends.push_back(static_cast<uint32_t>(data.size()));
    }
    FormattedBatch b;
    b.events = static_cast<uint32_t>(sizes.size());
    b.data = data;
    b.event_ends = ends.data();
    EXPECT_EQ(sink->write(b), 0u);
    ASSERT_TRUE(server.wait_for_requests(1));

    std::vector<std::string> bodies = server.bodies();
    std::string joined;
    for (const auto& body : bodies) joined += body;
    EXPECT_EQ(joined, data);  // every byte once, in order
    // Cut only at event ends, each payload under the limit unless it is one event,
    // and never one event short of what would have fit.
    size_t at = 0, event = 0;
    for (const auto& body : bodies) {
        size_t events = 0, bytes = 0;
        while (event < sizes.size() && bytes < body.size()) bytes += sizes[event++], ++events;
        EXPECT_EQ(bytes, body.size()) << "payload at byte " << at << " does not end at an event end";
        if (events > 1) {
            EXPECT_LE(body.size(), 1000u);
        }
        if (event < sizes.size()) {
            EXPECT_GT(body.size() + sizes[event], 1000u) << "payload at byte " << at;
        }
        at += body.size();
    }
    EXPECT_EQ(event, sizes.size());
    EXPECT_NE(std::find(bodies.begin(), bodies.end(), std::string(2500, data[ends[149]])), bodies.end())
        << "the 2500-byte event travels alone";
}

}  // namespace
}  // namespace eventgen
