// A worker formats events straight into its transfer slots: the bytes the writer
// receives, slot after slot, must be exactly the events' formatted bytes in order,
// with events that straddle a slot's end moved whole to the next slot.
#include "engine/worker.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "outputs/support/line_format.h"

namespace eventgen {
namespace {

// Events of the given sizes ("aaaa...", "bbbb...", ...), in batches of 7.
class SizedGenerator : public Generator {
public:
    explicit SizedGenerator(std::vector<size_t> sizes) : sizes_(std::move(sizes)) {}
    uint64_t generate(const Job&, const std::function<bool(EventBatch&)>& emit, size_t, size_t) override {
        EventBatch batch;
        for (size_t i = 0; i < sizes_.size(); ++i) {
            batch.add(static_cast<int64_t>(i), std::string(sizes_[i], static_cast<char>('a' + i % 26)),
                      {"h", "s", "st", "i"});
            if (batch.size() == 7 && !emit(batch)) return 0;
            if (batch.size() == 7) batch.clear();
        }
        if (!batch.empty()) emit(batch);
        return 0;
    }

private:
    std::vector<size_t> sizes_;
};

// Drops the events whose text starts with 'c' after writing part of them.
class RejectingFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override {
        out += e.raw;
        out.push_back('\n');
        return e.raw.empty() || e.raw[0] != 'c';
    }
};

struct Received {
    std::string bytes;
    std::vector<std::string> events;
    uint64_t failed = 0, slots = 0;
};

Received run_worker(std::vector<size_t> sizes, std::unique_ptr<EventFormat> format) {
    auto channel = std::make_unique<WorkerChannel>();
    Doorbell wakeup, writer_bell;
    std::vector<WorkerSample> samples(1);
    samples[0].generator = std::make_unique<SizedGenerator>(sizes);
    samples[0].format = std::move(format);
    Worker worker(std::move(samples), *channel, wakeup, writer_bell);
    JobMessage msg;
    msg.id = 1;
    msg.job.count = static_cast<int64_t>(sizes.size());
    channel->jobs.push(msg);
    std::thread t([&] { worker.run(); });
    Received r;
    bool done = false;
    for (int rounds = 0; !done && rounds < 10000; ++rounds) {
        uint32_t index = 0;
        if (!channel->full.pop(index)) {
            writer_bell.wait(100);
            continue;
        }
        const Slot& slot = channel->slots[index];
        const SlotHeader& h = slot.header;
        uint32_t start = 0;
        for (uint32_t i = 0; i < h.events; ++i) {
            r.events.emplace_back(slot.data + start, slot.event_ends[i] - start);
            start = slot.event_ends[i];
        }
        EXPECT_EQ(start, h.data_bytes);
        r.bytes.append(slot.data, h.data_bytes);
        r.failed += h.failed;
        ++r.slots;
        done = (h.flags & kSlotJobDone) != 0;
        channel->free_slots.push(index);
        wakeup.ring();
    }
    channel->stop.store(true);
    wakeup.ring();
    t.join();
    EXPECT_TRUE(done);
    return r;
}

TEST(WorkerSlots, EventsStraddlingASlotEndMoveWholeToTheNext) {
    // About 3.5 slots of events of uneven sizes, so slot ends fall inside events.
    std::vector<size_t> sizes;
    std::string expected;
    for (size_t i = 0; expected.size() < kSlotDataBytes * 7 / 2; ++i) {
        size_t n = 1000 + (i * 7919) % 60000;
        sizes.push_back(n);
        expected += std::string(n, static_cast<char>('a' + i % 26)) + "\n";
    }
    Received r = run_worker(sizes, make_line_format());
    EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(r.slots, 4u);
    ASSERT_EQ(r.events.size(), sizes.size());
    for (size_t i = 0; i < sizes.size(); ++i) ASSERT_EQ(r.events[i].size(), sizes[i] + 1) << i;
    EXPECT_TRUE(r.bytes == expected);
}

TEST(WorkerSlots, AnEventLargerThanASlotIsCountedFailedAndTheRestGoes) {
    Received r = run_worker({10, kSlotDataBytes + 5, 20, kSlotDataBytes - 1, 30}, make_line_format());
    EXPECT_EQ(r.failed, 1u);
    ASSERT_EQ(r.events.size(), 4u);
    EXPECT_EQ(r.events[0], std::string(10, 'a') + "\n");
    EXPECT_EQ(r.events[1], std::string(20, 'c') + "\n");
    EXPECT_EQ(r.events[2].size(), kSlotDataBytes);  // exactly a slot, newline included
    EXPECT_EQ(r.events[3], std::string(30, 'e') + "\n");
}

TEST(WorkerSlots, ARejectedEventLeavesNoBytes) {
    Received r = run_worker({3, 4, 5, 6}, std::make_unique<RejectingFormat>());
    EXPECT_EQ(r.failed, 1u);
    EXPECT_EQ(r.bytes, "aaa\nbbbb\ndddddd\n");
}

}  // namespace
}  // namespace eventgen
