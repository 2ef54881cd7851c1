#pragma once
// A thread of the worker's own process that delivers filled slots in order, so the
// worker fills the next slot while this one goes to its direct output (a file write,
// a HEC POST). At most kSlotsInDelivery slots wait or are being delivered; the worker
// waits for room before it fills another (slots are the backpressure).
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "engine/doorbell.h"
#include "engine/worker_channel.h"

namespace eventgen {

// Four, not two: a HEC POST's time varies with the server, and with two the worker
// often waited for the sender while a core sat idle (bench/README.md, 2026-12-02).
constexpr uint32_t kSlotsInDelivery = 4;

class SlotSender {
public:
    // `deliver` runs on the sender's thread, one slot at a time in push order;
    // `done` rings after each slot (the worker may be waiting for room).
    SlotSender(std::function<void(uint32_t slot)> deliver, Doorbell& done);
    ~SlotSender();
    SlotSender(const SlotSender&) = delete;
    SlotSender& operator=(const SlotSender&) = delete;

    void push(uint32_t slot);
    // Slots pushed and not yet delivered.
    uint32_t pending() const;
    // Delivers every slot pushed, then ends the thread. Safe to call twice.
    void finish();

private:
    void loop();

    std::function<void(uint32_t)> deliver_;
    Doorbell& done_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    uint32_t queue_[kSlotsPerWorker] = {};  // a ring: never more than the worker's slots
    uint32_t head_ = 0, size_ = 0;
    uint32_t busy_ = 0;  // taken from the queue, being delivered
    bool finishing_ = false;
    std::thread thread_;
};

}  // namespace eventgen
