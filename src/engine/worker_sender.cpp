#include "engine/worker_sender.h"

#include "common/log.h"

namespace eventgen {

SlotSender::SlotSender(std::function<void(uint32_t)> deliver, Doorbell& done)
    : deliver_(std::move(deliver)), done_(done) {
    thread_ = std::thread([this] { loop(); });
}

SlotSender::~SlotSender() { finish(); }

void SlotSender::push(uint32_t slot) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        queue_[(head_ + size_) % kSlotsPerWorker] = slot;  // a slot is pushed once until delivered
        ++size_;
    }
    cv_.notify_one();
}

uint32_t SlotSender::pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return size_ + busy_;
}

void SlotSender::finish() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        finishing_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void SlotSender::loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
        cv_.wait(lock, [&] { return size_ > 0 || finishing_; });
        if (size_ == 0) return;  // finishing, and everything pushed went out
        uint32_t slot = queue_[head_];
        head_ = (head_ + 1) % kSlotsPerWorker;
        --size_;
        busy_ = 1;
        lock.unlock();
        try {
            deliver_(slot);
        } catch (const std::exception& e) {
            // deliver_ keeps its own error boundary; a thread that throws would terminate.
            LOG_ERROR("worker output thread: " << e.what());
        }
        lock.lock();
        busy_ = 0;
        done_.ring();
    }
}

}  // namespace eventgen
