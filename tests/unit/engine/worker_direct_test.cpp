// A worker that writes its output itself (useOutputQueue = false) hands each filled
// slot to its sender thread and goes on filling the next one: the write of one slot
// overlaps the making of the next, batches reach the output in order with the job
// progress the crash recovery relies on, and a stop with an output that takes
// nothing ends at once with every handed-over event counted.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/worker.h"
#include "outputs/support/line_format.h"

namespace eventgen {
namespace {

constexpr size_t kEventBytes = 999;  // 1000 with the newline: about 1,048 events a slot

// `count` events of kEventBytes; `made` counts them as they are handed to the worker.
class CountingGenerator : public Generator {
public:
    CountingGenerator(uint64_t count, std::atomic<uint64_t>& made) : count_(count), made_(made) {}
    uint64_t generate(const Job&, const std::function<bool(EventBatch&)>& emit, size_t, size_t) override {
        EventBatch batch;
        for (uint64_t i = 0; i < count_; ++i) {
            batch.add(static_cast<int64_t>(i), std::string(kEventBytes, 'x'), {"h", "s", "st", "i"});
            made_.fetch_add(1);
            if (!emit(batch)) return 0;
            batch.clear();
        }
        return 0;
    }

private:
    uint64_t count_;
    std::atomic<uint64_t>& made_;
};

// Waits up to 20 s for `done`; false when it did not come.
bool wait_until(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::yield();
    }
    return true;
}

// Records the batches it is given. With `hold_first`, the first write waits until the
// worker has made a second batch's worth of events.
class RecordingSink : public Sink {
public:
    RecordingSink(std::atomic<uint64_t>& made, bool hold_first) : made_(made), hold_first_(hold_first) {}
    std::string describe() const override { return "recording"; }

    std::mutex mu;
    std::vector<uint64_t> before;  // job_events_before of each batch, in order
    std::vector<uint32_t> events;
    bool overlapped = false;

protected:
    uint64_t send(const FormattedBatch& b) override {
        if (hold_first_ && before.empty()) {
            overlapped = wait_until([&] { return made_.load() >= 2 * b.events; });
        }
        std::lock_guard<std::mutex> lock(mu);
        before.push_back(b.job_events_before);
        events.push_back(b.events);
        return 0;
    }

private:
    std::atomic<uint64_t>& made_;
    bool hold_first_;
};

// Takes nothing until the run stops, then fails the batch it was given.
class DeadSink : public Sink {
public:
    explicit DeadSink(const std::atomic<bool>& stop) : stop_(stop) {}
    std::string describe() const override { return "dead"; }
    std::atomic<int> writes{0};

protected:
    uint64_t send(const FormattedBatch& b) override {
        ++writes;
        while (!stop_.load()) std::this_thread::yield();
        return b.events;
    }

private:
    const std::atomic<bool>& stop_;
};

struct Writer {
    uint64_t events = 0, direct_failed = 0, slots = 0;
    bool job_done = false;
};

// Plays the engine's writer for one job until its last slot (or `until` says stop).
Writer take_slots(WorkerChannel& ch, Doorbell& wakeup, Doorbell& writer_bell, const std::function<bool()>& until) {
    Writer w;
    for (int rounds = 0; !w.job_done && rounds < 2000 && !until(); ++rounds) {
        uint32_t index = 0;
        if (!ch.full.pop(index)) {
            writer_bell.wait(100);
            continue;
        }
        const SlotHeader& h = ch.slots[index].header;
        EXPECT_TRUE(h.flags & kSlotDelivered);
        w.events += h.events;
        w.direct_failed += h.direct_failed;
        ++w.slots;
        w.job_done = (h.flags & kSlotJobDone) != 0;
        ch.free_slots.push(index);
        wakeup.ring();
    }
    return w;
}

struct DirectRun {
    std::unique_ptr<WorkerChannel> channel = std::make_unique<WorkerChannel>();
    Doorbell wakeup, writer_bell;
    std::atomic<uint64_t> made{0};
    std::unique_ptr<Worker> worker;
    std::thread thread;

    void start(uint64_t count, std::unique_ptr<Sink> sink) {
        std::vector<WorkerSample> samples(1);
        samples[0].generator = std::make_unique<CountingGenerator>(count, made);
        samples[0].format = make_line_format();
        samples[0].direct = std::move(sink);
        worker = std::make_unique<Worker>(std::move(samples), *channel, wakeup, writer_bell);
        JobMessage msg;
        msg.id = 7;
        msg.job.count = static_cast<int64_t>(count);
        channel->jobs.push(msg);
        thread = std::thread([this] { worker->run(); });
    }
    void stop() {
        channel->stop.store(true);
        wakeup.ring();
        thread.join();
    }
};

TEST(WorkerDirect, TheNextSlotIsFilledWhileTheOutputWritesThisOne) {
    DirectRun run;
    auto sink = std::make_unique<RecordingSink>(run.made, true);
    RecordingSink& seen = *sink;
    const uint64_t count = 5000;  // about five slots
    run.start(count, std::move(sink));
    Writer w = take_slots(*run.channel, run.wakeup, run.writer_bell, [] { return false; });
    run.stop();
    EXPECT_TRUE(seen.overlapped) << "the worker made nothing while its output wrote";
    EXPECT_TRUE(w.job_done);
    EXPECT_EQ(w.events, count);
    EXPECT_EQ(w.direct_failed, 0u);
    // In order, each batch knowing the events of its job before it (the write-ahead record).
    uint64_t total = 0;
    ASSERT_EQ(seen.before.size(), w.slots);
    for (size_t i = 0; i < seen.before.size(); ++i) {
        EXPECT_EQ(seen.before[i], total) << i;
        total += seen.events[i];
    }
    EXPECT_EQ(total, count);
}

TEST(WorkerDirect, StoppingWithAnOutputThatTakesNothingCountsEverySlotHandedOver) {
    DirectRun run;
    auto sink = std::make_unique<DeadSink>(run.channel->stop);
    DeadSink& dead = *sink;
    run.start(1000000, std::move(sink));
    // The output holds the first slot and the worker has filled the second.
    const uint64_t per_slot = kSlotDataBytes / (kEventBytes + 1);
    bool filled = wait_until([&] { return dead.writes.load() > 0 && run.made.load() >= 2 * per_slot; });
    run.stop();
    ASSERT_TRUE(filled) << "the worker made nothing while its output wrote";  // returns only once every slot handed over is accounted for
    Writer w = take_slots(*run.channel, run.wakeup, run.writer_bell, [&] { return run.channel->full.empty(); });
    EXPECT_EQ(dead.writes.load(), 1) << "batches after a failed stopping write must not be tried";
    EXPECT_GE(w.slots, 2u);
    EXPECT_GE(w.events, 2 * per_slot);
    EXPECT_EQ(w.direct_failed, w.events);
}

}  // namespace
}  // namespace eventgen
