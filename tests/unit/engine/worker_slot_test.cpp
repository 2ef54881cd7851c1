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
class TextGenerator : public Generator {
public:
    explicit TextGenerator(std::vector<std::string> texts) : texts_(std::move(texts)) {}
    uint64_t generate(const Job&, const std::function<bool(EventBatch&)>& emit, size_t, size_t) override {
        EventBatch batch;
        for (size_t i = 0; i < texts_.size(); ++i) {
            batch.add(static_cast<int64_t>(i), texts_[i], {"h", "s", "st", "i"});
            if (batch.size() == 7 && !emit(batch)) return 0;
            if (batch.size() == 7) batch.clear();
        }
        if (!batch.empty()) emit(batch);
        return 0;
    }

private:
    std::vector<std::string> texts_;
};

std::vector<std::string> texts_of_sizes(const std::vector<size_t>& sizes) {
    std::vector<std::string> texts;
    for (size_t i = 0; i < sizes.size(); ++i) texts.emplace_back(sizes[i], static_cast<char>('a' + i % 26));
    return texts;
}

// The line format without its claim to write raw lines: the worker's generic path.
class GenericLineFormat : public EventFormat {
public:
    bool append(const EventView& e, FormatBuffer& out) override { return line_->append(e, out); }

private:
    std::unique_ptr<EventFormat> line_ = make_line_format();
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
    std::vector<uint32_t> raw_ends;
    uint64_t failed = 0, slots = 0, raw_bytes = 0, output_bytes = 0;
};

Received run_worker(std::vector<std::string> texts, std::unique_ptr<EventFormat> format) {
    const size_t count = texts.size();
    auto channel = std::make_unique<WorkerChannel>();
    Doorbell wakeup, writer_bell;
    std::vector<WorkerSample> samples(1);
    samples[0].generator = std::make_unique<TextGenerator>(std::move(texts));
    samples[0].format = std::move(format);
    Worker worker(std::move(samples), *channel, wakeup, writer_bell);
    JobMessage msg;
    msg.id = 1;
    msg.job.count = static_cast<int64_t>(count);
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
            r.raw_ends.push_back(slot.raw_ends[i]);
            start = slot.event_ends[i];
        }
        r.raw_bytes += h.raw_bytes;
        r.output_bytes += h.output_bytes;
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
    Received r = run_worker(texts_of_sizes(sizes), make_line_format());
    EXPECT_EQ(r.failed, 0u);
    EXPECT_EQ(r.slots, 4u);
    ASSERT_EQ(r.events.size(), sizes.size());
    for (size_t i = 0; i < sizes.size(); ++i) ASSERT_EQ(r.events[i].size(), sizes[i] + 1) << i;
    EXPECT_TRUE(r.bytes == expected);
}

TEST(WorkerSlots, AnEventLargerThanASlotIsCountedFailedAndTheRestGoes) {
    Received r = run_worker(texts_of_sizes({10, kSlotDataBytes + 5, 20, kSlotDataBytes - 1, 30}), make_line_format());
    EXPECT_EQ(r.failed, 1u);
    ASSERT_EQ(r.events.size(), 4u);
    EXPECT_EQ(r.events[0], std::string(10, 'a') + "\n");
    EXPECT_EQ(r.events[1], std::string(20, 'c') + "\n");
    EXPECT_EQ(r.events[2].size(), kSlotDataBytes);  // exactly a slot, newline included
    EXPECT_EQ(r.events[3], std::string(30, 'e') + "\n");
}

TEST(WorkerSlots, ARejectedEventLeavesNoBytes) {
    Received r = run_worker(texts_of_sizes({3, 4, 5, 6}), std::make_unique<RejectingFormat>());
    EXPECT_EQ(r.failed, 1u);
    EXPECT_EQ(r.bytes, "aaa\nbbbb\ndddddd\n");
}

// File output's line format lets the worker copy events itself: the slots must hold
// what the format's own append gives, with the same counts, over slot ends, the
// per-slot event limit, empty texts and texts that end with their newline.
TEST(WorkerSlots, CopiedRawLinesMatchTheFormatsOwnBytes) {
    std::vector<std::string> texts;
    for (size_t i = 0; i < kSlotMaxEvents + 100; ++i) texts.push_back(i % 5 == 0 ? "" : "e" + std::to_string(i));
    for (size_t i = 0; i < 60; ++i)
        texts.push_back(std::string(1000 + (i * 7919) % 60000, 'x') + (i % 3 == 0 ? "\n" : ""));
    texts.push_back(std::string(kSlotDataBytes + 1, 'y'));  // larger than a slot: counted failed
    texts.push_back("last\n");
    Received copied = run_worker(texts, make_line_format());
    Received generic = run_worker(texts, std::make_unique<GenericLineFormat>());
    EXPECT_TRUE(copied.bytes == generic.bytes);
    EXPECT_EQ(copied.events, generic.events);
    EXPECT_EQ(copied.raw_ends, generic.raw_ends);
    EXPECT_EQ(copied.slots, generic.slots);
    EXPECT_EQ(copied.failed, 1u);
    EXPECT_EQ(generic.failed, 1u);
    EXPECT_EQ(copied.raw_bytes, generic.raw_bytes);
    EXPECT_EQ(copied.output_bytes, generic.output_bytes);
    EXPECT_EQ(copied.events.size(), texts.size() - 1);
    EXPECT_EQ(copied.events[0], "\n");
    EXPECT_EQ(copied.events.back(), "last\n");
}

}  // namespace
}  // namespace eventgen
