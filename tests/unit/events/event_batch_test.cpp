#include "events/event_batch.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace eventgen {
namespace {

struct Copy {
    int64_t time_us;
    std::string raw, host, source, sourcetype, index;
};

std::vector<Copy> read_all(const EventBatch& b) {
    std::vector<Copy> out;
    for (const EventView& e : b)
        out.push_back({e.time_us, std::string(e.raw), std::string(e.meta.host), std::string(e.meta.source),
                       std::string(e.meta.sourcetype), std::string(e.meta.index)});
    return out;
}

TEST(EventBatch, EmptyBatchHasNoEvents) {
    EventBatch b(7);
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.size(), 0u);
    EXPECT_EQ(b.sample_id(), 7u);
    EXPECT_TRUE(read_all(b).empty());
}

TEST(EventBatch, AddThenIterateKeepsTimesTextAndMetadata) {
    EventBatch b;
    b.add(1'700'000'000'123'456, "first line", {"web01", "/var/log/a", "access", "main"});
    b.add(-5, "", {"", "", "", ""});  // empty raw and metadata must still round-trip
    b.add(42, std::string("bin\0ary", 7), {"h", "s", "st", "idx"});
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(b.raw_bytes(), 10u + 0u + 7u);

    auto v = read_all(b);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[0].time_us, 1'700'000'000'123'456);
    EXPECT_EQ(v[0].raw, "first line");
    EXPECT_EQ(v[0].host, "web01");
    EXPECT_EQ(v[0].source, "/var/log/a");
    EXPECT_EQ(v[0].sourcetype, "access");
    EXPECT_EQ(v[0].index, "main");
    EXPECT_EQ(v[1].time_us, -5);
    EXPECT_EQ(v[1].raw, "");
    EXPECT_EQ(v[1].host, "");
    EXPECT_EQ(v[2].raw, std::string("bin\0ary", 7));
    EXPECT_EQ(v[2].index, "idx");
}

TEST(EventBatch, BuildInPlaceWithAppendAndTruncate) {
    EventBatch b;
    b.begin(10);
    b.append("hello");
    b.append(' ');
    b.append("world   ");
    EXPECT_EQ(b.open_raw(), "hello world   ");
    EXPECT_EQ(b.open_raw_length(), 14u);
    b.truncate_open_raw(11);  // drop the trailing blanks
    EXPECT_EQ(b.open_raw(), "hello world");
    b.finish({"h", "s", "st", "i"});

    b.begin(20);
    b.open_buffer() += "second";
    b.finish({"h2", "", "", ""});

    auto v = read_all(b);
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].time_us, 10);
    EXPECT_EQ(v[0].raw, "hello world");
    EXPECT_EQ(v[0].sourcetype, "st");
    EXPECT_EQ(v[1].time_us, 20);
    EXPECT_EQ(v[1].raw, "second");
    EXPECT_EQ(v[1].host, "h2");
    EXPECT_EQ(b.raw_bytes(), 17u);
}

// Room reserved for in-place writing is kept past the batch's end (growing a string
// zero-fills it); events written either way, truncated, and batches cleared and
// refilled must still read back exactly.
TEST(EventBatch, RoomEventsAndAppendedEventsMixAcrossClears) {
    EventBatch b;
    const EventMeta meta{"h", "s", "st", "i"};
    for (int fill = 0; fill < 3; ++fill) {
        std::vector<std::string> want;
        for (int i = 0; i < 40; ++i) {
            std::string text = "event " + std::to_string(fill) + "." + std::to_string(i);
            if (i % 3 == 0) {
                b.begin(i);
                b.append(text);
                b.append("\n\n");
                b.truncate_open_raw(text.size());
            } else {
                char* p = b.begin_room(i, 200);
                std::memcpy(p, text.data(), text.size());
                std::memset(p + text.size(), '#', 200 - text.size());  // scribbles on the rest of the room
                b.close_room(p + text.size() + 2);
                EXPECT_EQ(b.open_raw_length(), text.size() + 2);
                if (i % 3 == 2) b.truncate_open_raw(text.size());
                else text += "##";
            }
            EXPECT_EQ(b.open_raw(), text);
            b.finish(meta);
            want.push_back(text);
        }
        auto v = read_all(b);
        ASSERT_EQ(v.size(), want.size());
        size_t raw = 0;
        for (size_t i = 0; i < v.size(); ++i) {
            EXPECT_EQ(v[i].raw, want[i]) << "fill " << fill << " event " << i;
            EXPECT_EQ(v[i].time_us, static_cast<int64_t>(i));
            raw += want[i].size();
        }
        EXPECT_EQ(b.raw_bytes(), raw);
        EXPECT_EQ(b.bytes(), raw + v.size() * sizeof(EventBatch::Header) + 5);  // + one metadata set, h s st i
        EventBatch copy = b;
        EXPECT_EQ(read_all(copy).size(), want.size());
        b.clear();
        EXPECT_EQ(b.bytes(), 0u);
        EXPECT_TRUE(read_all(b).empty());
    }
}

TEST(EventBatch, ClearStartsOver) {
    EventBatch b;
    b.add(1, "x", {});
    b.clear();
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.bytes(), 0u);
    EXPECT_EQ(b.raw_bytes(), 0u);
    b.add(2, "y", {});
    auto v = read_all(b);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].raw, "y");
}

TEST(EventBatch, CopyDoesNotShareStorageAndGetsItsOwnStamp) {
    EventBatch src(3);
    for (int i = 0; i < 50; ++i) src.add(i, "event " + std::to_string(i), {"h", "s", "st", "main"});
    EventBatch dst = src;
    EXPECT_NE(dst.begin()->batch_stamp, src.begin()->batch_stamp);
    src.clear();  // the copy must not share storage with the source
    src.add(99, "overwritten", {});

    EXPECT_EQ(dst.sample_id(), 3u);
    EXPECT_EQ(dst.size(), 50u);
    auto v = read_all(dst);
    ASSERT_EQ(v.size(), 50u);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(v[i].time_us, i);
        EXPECT_EQ(v[i].raw, "event " + std::to_string(i));
        EXPECT_EQ(v[i].index, "main");
    }
}

TEST(EventBatch, RepeatedMetadataIsStoredOncePerRun) {
    EventBatch b;
    std::string host = "web-1";
    for (int i = 0; i < 10; ++i) b.add(i, "a", {host, "s", "st", "main"});
    host = "web-2";  // same storage, new content: a new set
    b.add(10, "b", {host, "s", "st", "main"});
    b.add(11, "c", {"web-1", "s", "st", "main"});
    EXPECT_EQ(b.meta_count(), 3u);
    std::vector<uint32_t> ids;
    std::vector<std::string> hosts;
    for (const EventView& e : b) {
        ids.push_back(e.meta_id);
        hosts.emplace_back(e.meta.host);
        EXPECT_EQ(e.meta.source, "s");
        EXPECT_EQ(e.meta.index, "main");
    }
    EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2}));
    EXPECT_EQ(hosts.back(), "web-1");
    EXPECT_EQ(hosts[10], "web-2");
}

TEST(EventBatch, ClearStartsANewStamp) {
    EventBatch b;
    b.add(1, "a", {"h", "s", "st", "i"});
    uint64_t first = b.begin()->batch_stamp;
    EXPECT_NE(first, 0u);
    b.clear();
    b.add(1, "a", {"h", "s", "st", "i"});
    EXPECT_NE(b.begin()->batch_stamp, first);
}

}  // namespace
}  // namespace eventgen

namespace eventgen {
namespace {

TEST(EventBatch, KeyedMetadataReusesTheSetWhileUnkeyedEventsStillCompare) {
    EventBatch b;
    const int a = 0, c = 0;  // two keys
    const EventMeta ma{"h1", "s1", "st", "i"}, mc{"h2", "s2", "st", "i"};
    b.begin(1);
    b.append("one");
    b.finish(ma, &a);
    b.begin(2);
    b.append("two");
    b.finish(ma, &a);  // same key: no new set
    b.begin(3);
    b.append("three");
    b.finish(mc);  // unkeyed: compared, a new set
    b.begin(4);
    b.append("four");
    b.finish(ma, &a);  // the key no longer names the last set
    b.begin(5);
    b.append("five");
    b.finish(mc, &c);
    EXPECT_EQ(b.meta_count(), 4u);
    auto v = read_all(b);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_EQ(v[1].raw, "two");
    EXPECT_EQ(v[1].host, "h1");
    EXPECT_EQ(v[2].host, "h2");
    EXPECT_EQ(v[3].host, "h1");
    EXPECT_EQ(v[3].raw, "four");
    EXPECT_EQ(v[4].source, "s2");
    EXPECT_EQ(b.raw_bytes(), 3u + 3u + 5u + 4u + 4u);
    b.clear();  // a cleared batch forgets the key
    b.begin(6);
    b.append("six");
    b.finish(ma, &a);
    EXPECT_EQ(b.meta_count(), 1u);
    EXPECT_EQ(read_all(b).at(0).host, "h1");
}

}  // namespace
}  // namespace eventgen
